/**
 * The merchant dashboard in Debian's Chromium (playwright-core) (#5): a merchant signs up and onboards
 * from scratch — CSD upload, fiscal data, branding with a logo and colors (previewed live), product,
 * automation, PAC, Stripe — then opens their portal /{slug}, which shows their colors (computed style)
 * and logo. Payments arrive through the API and the home, payments list and a payment's page are
 * looked at. Screenshots at 1280 and 390 px go to test-artifacts/dashboard-*.png.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { EKU } from '../support/oracles.js';
import { type DashboardHarness, dashboardHarness, PASSWORD } from './dashboard-harness.js';

// Browser globals for the functions that run in the page (the tests compile without the DOM lib).
declare const document: { documentElement: unknown; querySelectorAll(selector: string): { length: number } };
declare function getComputedStyle(element: unknown): {
  getPropertyValue(name: string): string;
  backgroundColor: string;
  backgroundImage: string;
};

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const LOGO = fileURLToPath(new URL('../../portal/demo/logo.png', import.meta.url));
const WIDTHS = [1280, 390] as const;

describe('merchant dashboard in Chromium (#5)', function () {
  this.timeout(180_000);
  let h: DashboardHarness;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    h = await dashboardHarness();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
    page = await context.newPage();
    page.on('console', (m) => {
      // Answers with these statuses are intended (a form with errors is a 422); the rest is a problem,
      // a CSP violation included.
      if (m.type() === 'error' && !/status of (404|422)/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  /** The page at both widths, whole length. */
  async function shots(name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      // From the top, as a person lands on it: a scrolled page would move the sticky sidebar down.
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const saveAndContinue = () => page.getByRole('button', { name: 'Guardar y continuar' }).click();

  let liveKey = '';
  let merchantId = '';

  it('signs up and onboards from scratch: CSD, fiscal data, branding with logo and colors, the rest', async () => {
    await page.goto(`${h.url}/`);
    await page.getByRole('heading', { name: 'Inicia sesión' }).waitFor();
    await shots('login');
    await page.getByRole('link', { name: 'Crea una gratis' }).click();
    await page.getByLabel('Correo').fill('direccion@kemper.example');
    await page.getByLabel('Crea una contraseña').fill(PASSWORD);
    await page.getByLabel('Repite la contraseña').fill(PASSWORD);
    await shots('signup');
    await page.getByRole('button', { name: 'Crear cuenta y continuar' }).click();

    await page.getByRole('heading', { name: 'Certificado (CSD)' }).waitFor();
    await page.getByLabel('Certificado (.cer)').setInputFiles(EKU.cer);
    await page.getByLabel('Llave privada (.key)').setInputFiles(EKU.key);
    await page.getByLabel('Contraseña de la llave privada').fill(EKU.password);
    await page.getByLabel('Régimen fiscal').selectOption('601');
    await page.getByLabel('Código postal del domicilio fiscal').fill('42501');
    await shots('onboarding-csd');
    await saveAndContinue();

    await page.getByRole('heading', { name: '¡Bienvenido, ESCUELA KEMPER URGATE!' }).waitFor();
    liveKey = (await page.locator('code.secret-once').nth(1).textContent())?.trim() ?? '';
    assert.match(liveKey, /^af_live_/);
    assert.equal(await page.locator('.secret-once + button').count(), 2, 'dashboard.js added copy buttons');
    await shots('onboarding-keys');
    await page.getByRole('link', { name: 'Continuar' }).click();

    await page.getByRole('heading', { name: 'Datos fiscales' }).waitFor();
    await page.getByLabel('Serie de facturas', { exact: true }).fill('FAC');
    await page.getByLabel('Siguiente folio de facturas').fill('1201');
    await shots('onboarding-fiscal');
    await saveAndContinue();

    await page.getByRole('heading', { name: 'Tu portal' }).waitFor();
    await page.getByLabel('Nombre comercial').fill('Escuela Kemper');
    await page.getByLabel('Dirección de tu portal').fill('escuela-kemper');
    await page.locator('#color').fill('#0F766E');
    await page.locator('#secondary-color').fill('#F59E0B');
    await page.getByLabel('Logo', { exact: true }).setInputFiles(LOGO);
    await page
      .getByLabel('Mensaje de bienvenida')
      .fill('Factura tus colegiaturas e inscripciones con tu ticket.');
    await page.getByLabel('Correo de atención').fill('facturas@kemper.example');
    await page.getByLabel('Teléfono').fill('+52 771 123 4567');
    // The preview follows what is typed (dashboard.js), the logo included.
    const preview = page.locator('[data-preview-card]');
    assert.equal(
      await preview.evaluate((el) => getComputedStyle(el).getPropertyValue('--p').trim()),
      '#0F766E',
    );
    assert.equal(
      await page.locator('.preview-button').evaluate((el) => getComputedStyle(el).backgroundColor),
      'rgb(15, 118, 110)',
    );
    await page.locator('.preview-logo').waitFor();
    assert.match((await page.locator('.preview-logo').getAttribute('src')) ?? '', /^data:image\/png;base64,/);
    assert.equal(await page.locator('[data-preview-name]').textContent(), 'Escuela Kemper');
    await shots('onboarding-branding');
    await saveAndContinue();

    await page.getByRole('heading', { name: 'Producto por defecto' }).waitFor();
    const productKey = page.getByLabel('Clave de producto o servicio (SAT)');
    await productKey.fill('');
    await productKey.pressSequentially('colegiat', { delay: 20 });
    await page.waitForFunction(() => document.querySelectorAll('#product-options option').length > 0);
    await productKey.fill('86121500');
    await page.getByLabel('IVA', { exact: true }).selectOption('exento');
    await page.getByLabel('Descripción en la factura').fill('Colegiatura');
    await shots('onboarding-product');
    await saveAndContinue();

    await page.getByRole('heading', { name: 'Automatización' }).waitFor();
    await shots('onboarding-automation');
    await saveAndContinue();
    await page.getByRole('heading', { name: 'Timbrado (PAC)' }).waitFor();
    await shots('onboarding-pac');
    await saveAndContinue();

    await page.getByRole('heading', { name: 'Conexiones' }).waitFor();
    merchantId = (await h.store.dashboardUsers.findByEmail('direccion@kemper.example'))?.merchantId ?? '';
    assert.equal(await page.locator('#stripe-url').inputValue(), `${h.url}/webhooks/stripe/${merchantId}`);
    await page.getByLabel('Secreto de firma').fill(`whsec_${'a1B2c3D4e5F6g7H8i9J0'}`);
    await shots('onboarding-connections');
    await saveAndContinue();
    await page.getByText('¡Listo, tu comercio está configurado!').waitFor();
    assert.equal(new URL(page.url()).pathname, '/dashboard');
    const merchant = await h.store.merchants.get(merchantId);
    assert.equal(merchant?.branding.slug, 'escuela-kemper');
    assert.ok(merchant?.branding.logoBlob);
    assert.deepEqual(problems, []);
  });

  it('opens their portal, which shows their colors and logo', async () => {
    const portal = await page.context().newPage();
    portal.on('pageerror', (e) => problems.push(e.message));
    await portal.goto(`${h.url}/escuela-kemper`);
    await portal.getByText('Escuela Kemper').first().waitFor();
    const brand = await portal.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--brand').trim(),
    );
    assert.equal(brand.toLowerCase(), '#0f766e');
    const header = await portal
      .locator('.brand-header')
      .evaluate((el) => getComputedStyle(el).backgroundImage);
    assert.match(header, /rgb\(15, 118, 110\)/, 'the header painted in the main color');
    const logo = portal.locator('.brand-logo img');
    assert.match((await logo.getAttribute('src')) ?? '', /\/escuela-kemper\/logo/);
    assert.ok(
      await logo.evaluate(
        (img) =>
          (img as unknown as { complete: boolean; naturalWidth: number }).complete &&
          (img as unknown as { naturalWidth: number }).naturalWidth > 0,
      ),
    );
    await portal.screenshot({ path: join(ARTIFACTS, 'dashboard-portal-1280.png'), fullPage: true });
    await portal.close();
    assert.deepEqual(problems, []);
  });

  it('shows the home, the payments list and a payment page as payments arrive', async () => {
    const customers = [
      {
        name: 'CARLOS CORTES SOTO',
        rfc: 'COSC8001137NA',
        tax_regime: '612',
        zip: '52000',
        cfdi_use: 'D10',
        email: 'carlos@example.com',
      },
      { name: 'María Fernanda López', email: 'mafer@example.com' },
      { name: 'Jorge Ramírez', email: 'jorge@example.com' },
      { name: 'Lucía Hernández', email: 'lucia.h@example.com' },
    ];
    const ids: string[] = [];
    for (const [index, customer] of customers.entries()) {
      const paid = await h.pay(liveKey, {
        amount: ['3480.00', '1250.00', '890.50', '2100.00'][index],
        method: 'card_credit',
        external_id: `ch_3Q${index}xYz${index}`,
        customer,
      });
      ids.push(paid.json.id);
    }
    h.pac.rejectWith('CFDI40161');
    const failed = await h.pay(liveKey, {
      amount: '560.00',
      method: 'transfer',
      external_id: 'spei-2024-118',
      customer: customers[0],
    });
    ids.push(failed.json.id);
    for (const id of ids) await h.settle(merchantId, id);

    await page.goto(`${h.url}/dashboard`);
    await page.getByRole('heading', { name: 'Hola, Escuela Kemper' }).waitFor();
    await shots('home');
    await page.getByRole('link', { name: 'Pagos', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Pagos' }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 5);
    await shots('payments');
    await page.getByLabel('Estado').selectOption('failed');
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForURL(/status=failed/);
    assert.equal(await page.locator('tbody tr').count(), 1);
    await page.goto(`${h.url}/dashboard/payments/${ids[0]}`);
    await page.getByRole('heading', { name: 'Historial' }).waitFor();
    await page.getByText('Factura timbrada por el PAC').first().waitFor();
    await shots('payment');
    // Cancelling asks first (dashboard.js): dismissing the question sends nothing.
    await page.getByText('Cancelar factura', { exact: true }).click();
    page.once('dialog', (dialog) => dialog.dismiss());
    await page.getByRole('button', { name: 'Cancelar ante el SAT' }).click();
    await page.waitForTimeout(300);
    const invoice = (await h.store.invoices.list(merchantId, { paymentId: ids[0] })).items[0];
    assert.equal(invoice?.status, 'stamped', 'not cancelled without a yes');
    await page.goto(`${h.url}/dashboard/payments/${failed.json.id}`);
    await page.getByText('No se pudo facturar:').waitFor();
    await shots('payment-failed');
    await page.getByRole('button', { name: 'Reintentar factura' }).click();
    await page.getByText('volvimos a intentar la factura').waitFor();
    assert.equal((await h.settle(merchantId, failed.json.id, ['invoiced'])).status, 'invoiced');
    await page.goto(`${h.url}/dashboard/settings/branding`);
    await shots('settings-branding');
    await page.goto(`${h.url}/dashboard?lang=en`);
    await page.getByRole('heading', { name: 'Hello, Escuela Kemper' }).waitFor();
    await shots('home-en');
    await page.goto(`${h.url}/dashboard?lang=es`);
    assert.deepEqual(problems, []);
  });
});
