/**
 * Settings › Pasarelas (#10) through a real server and Chromium: a generic signed webhook created from
 * the dashboard (its secret shown once), deliveries listed with their outcome — a recorded payment and a
 * refusal with its reason —, removal; the page in both languages, screenshots for a person to look at.
 */
import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { dashboardLogin, launchChromium } from '../support/browser.js';
import { type DashboardHarness, dashboardHarness, PASSWORD } from './dashboard-harness.js';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const SAMPLES = new URL('../../connectors/generic/samples/', import.meta.url);

describe('dashboard: gateway connections and their deliveries (#10)', function () {
  this.timeout(120_000);
  let h: DashboardHarness;
  let browser: Browser;
  let page: Page;
  let merchantId: string;
  const problems: string[] = [];

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    h = await dashboardHarness();
    ({ merchantId } = await h.seedMerchant('pasarelas@kemper.example'));
    browser = await launchChromium();
    page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' })
    ).newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
    });
    await dashboardLogin(page, h.url, 'pasarelas@kemper.example', PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  async function deliver(id: string, secret: string, body: unknown) {
    const payload = JSON.stringify(body);
    const at = new Date();
    const msg = `msg_${Math.random().toString(36).slice(2)}`;
    return fetch(`${h.url}/webhooks/generic/${merchantId}/${id}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': msg,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(msg, at, payload),
      },
      body: payload,
    });
  }

  it('creates a signed webhook connection, shows its secret once and lists its deliveries', async () => {
    await page.goto(`${h.url}/dashboard/settings/gateways`);
    await page.getByRole('heading', { name: 'Webhooks firmados (RetryPay y otros)' }).waitFor();
    // A mapping with an error is refused with what to fix, nothing saved.
    await page.locator('#generic-mapping').fill('{"amount": "data/amount", "external_id": "/id"}');
    await page.getByRole('button', { name: 'Guardar conexión' }).click();
    await page.getByText(/El mapeo tiene errores: amount: un JSON pointer/).waitFor();

    await page
      .locator('#generic-mapping')
      .fill(await readFile(new URL('retrypay.mapping.json', SAMPLES), 'utf8'));
    await page.getByRole('button', { name: 'Guardar conexión' }).click();
    await page.getByText('Conexión «retrypay» guardada').waitFor();
    const secret = await page.locator('#new-secret').inputValue();
    assert.match(secret, /^whsec_/);
    const url = await page.locator('#generic-retrypay-url').inputValue();
    assert.equal(url, `${h.publicUrl}/webhooks/generic/${merchantId}/retrypay`);

    const sample = JSON.parse(await readFile(new URL('retrypay.payment.succeeded.json', SAMPLES), 'utf8'));
    assert.equal((await deliver('retrypay', secret, sample)).status, 200);
    assert.equal(
      (await deliver('retrypay', 'whsec_' + Buffer.from('not the right secret!!').toString('base64'), sample))
        .status,
      401,
    );

    await page.goto(`${h.url}/dashboard/settings/gateways`);
    const rows = page.locator('#generic table tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).innerText(), /Rechazado[\s\S]*GENERIC_SIGNATURE_INVALID/);
    assert.match(await rows.nth(1).innerText(), /payment\.succeeded[\s\S]*Registrado[\s\S]*Ver pago/);
    assert.equal(await page.locator('#new-secret').count(), 0, 'the secret is not shown again');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.screenshot({ path: join(ARTIFACTS, `gateways-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${h.url}/dashboard/settings/gateways?lang=en`);
    await page.getByRole('heading', { name: 'Signed webhooks (RetryPay and others)' }).waitFor();
    assert.match(await page.locator('#generic table tbody tr').nth(0).innerText(), /Refused/);
    await page.screenshot({ path: join(ARTIFACTS, 'gateways-en-1280.png'), fullPage: true });

    page.once('dialog', (dialog) => dialog.accept());
    await page.goto(`${h.url}/dashboard/settings/gateways?lang=es`);
    await page.locator('#generic').getByRole('button', { name: 'Eliminar' }).click();
    await page.waitForURL(/saved=1/);
    assert.equal(await page.locator('#generic-retrypay-url').count(), 0);
    assert.equal((await deliver('retrypay', secret, sample)).status, 404);
    // The one 422 is the mapping refused on purpose above.
    assert.deepEqual(
      problems.filter((p) => !/^422 .*\/dashboard\/settings\/gateways\/generic$/.test(p)),
      [],
    );
  });

  it("saves a gateway's credentials through its connector, refusing bad ones with what to fix", async () => {
    await page.goto(`${h.url}/dashboard/settings/gateways?lang=es`);
    const card = page.locator('#conekta');
    assert.match(await card.innerText(), /Sin conectar/);
    await card.locator('textarea[name="publicKey"]').fill('no es una llave');
    await card.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.locator('#conekta .notice--bad').waitFor();
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await page
      .locator('#conekta textarea[name="publicKey"]')
      .fill(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    await page.locator('#conekta').getByRole('button', { name: 'Guardar cambios' }).click();
    await page.waitForURL(/saved=1/);
    assert.match(await page.locator('#conekta').innerText(), /Configurado/);
    assert.match(
      await page.locator('#conekta-url').inputValue(),
      new RegExp(`/webhooks/conekta/${merchantId}$`),
    );
    const merchant = (await h.store.merchants.get(merchantId))!;
    assert.ok(Object.keys(merchant.secrets).some((name) => name.startsWith('conekta.')));
    assert.ok(!JSON.stringify(merchant).includes('BEGIN PUBLIC KEY'), 'stored encrypted');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.screenshot({ path: join(ARTIFACTS, `gateways-conekta-${width}.png`), fullPage: true });
    }
  });
});
