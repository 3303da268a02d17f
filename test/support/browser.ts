/**
 * Debian's Chromium driven by playwright-core, as every browser test runs it (headless, no sandbox, no
 * GPU, no background traffic), and the dashboard's login as a person does it.
 */
import { type Browser, chromium, type Page } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Signs in on `${url}/dashboard/login` (Spanish labels) and waits for the home page's greeting. */
export async function dashboardLogin(
  page: Page,
  url: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${url}/dashboard/login`);
  await page.getByLabel('Correo').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await page.getByRole('heading', { name: /Hola/ }).waitFor();
}
