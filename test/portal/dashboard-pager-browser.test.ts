/**
 * The payments list's pager in Debian's Chromium (issue #5 follow-up): newest first, "Más antiguos"
 * follows the store's newest-first cursor page by page, a payment that arrives meanwhile neither
 * repeats nor hides a row, and the last page has no link. Screenshots of an older page at 1280 and
 * 390 px go to test-artifacts/dashboard-payments-older-*.png.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { payment } from '../core/store/contract/fixtures.js';
import { launchChromium } from '../support/browser.js';
import { type DashboardHarness, dashboardHarness, PASSWORD } from './dashboard-harness.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const NAMES = ['Ana Torres', 'Luis Méndez', 'Sofía Ramírez', 'Jorge Castillo', 'Valeria Ortiz'];

describe('dashboard pager in Chromium', function () {
  this.timeout(120_000);
  let h: DashboardHarness;
  let browser: Browser;
  let page: Page;
  let merchantId = '';

  const record = (n: number) =>
    h.store.payments.createIfAbsent(
      payment(merchantId, {
        source: 'api',
        externalId: `pedido-${String(n).padStart(4, '0')}`,
        paidAt: new Date(Date.UTC(2026, 10, 2, 15) + n * 3_600_000).toISOString(),
        amount: `${(199 + n * 37).toFixed(2)}`,
        status: n % 7 === 0 ? 'awaiting_customer' : 'invoiced',
        customerInput: { name: NAMES[n % NAMES.length]!, email: `cliente${n}@example.com` },
      }),
    );
  /** External references of the rows shown, top to bottom. */
  const rows = async () =>
    (await page.locator('tbody td.cell-meta.mono').allInnerTexts()).map((text) =>
      text.split('\n')[0]!.trim(),
    );
  const older = () => page.getByRole('link', { name: /Más antiguos/ });

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    h = await dashboardHarness();
    ({ merchantId } = await h.seedMerchant('pagos@kemper.example', { tradeName: 'Escuela Kemper' }));
    for (let n = 1; n <= 60; n++) await record(n);
    browser = await launchChromium();
    page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' })
    ).newPage();
    await page.goto(`${h.url}/dashboard/login`);
    await page.locator('#email').fill('pagos@kemper.example');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/dashboard(\?.*)?$/);
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  it('pages newest first with "Más antiguos" until the oldest, without repeating a row', async () => {
    const expected = (from: number, to: number) =>
      Array.from({ length: from - to + 1 }, (_, i) => `pedido-${String(from - i).padStart(4, '0')}`);
    await page.goto(`${h.url}/dashboard/payments`);
    assert.deepEqual(await rows(), expected(60, 36));
    await older().click();
    await page.waitForURL(/older=/);
    assert.deepEqual(await rows(), expected(35, 11));
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({
        path: join(ARTIFACTS, `dashboard-payments-older-${width}.png`),
        fullPage: true,
      });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    // A payment arrives while the merchant reads page 2: page 3 still starts right after it.
    await record(61);
    await older().click();
    await page.waitForURL(/older=/);
    assert.deepEqual(await rows(), expected(10, 1));
    assert.equal(await older().count(), 0, 'no link after the oldest payment');
    await page.goBack();
    assert.deepEqual(await rows(), expected(35, 11), 'the back button shows the same page again');
    // "Más recientes" walks back up, a page at a time; the payment that arrived meanwhile is on top.
    const newer = () => page.getByRole('link', { name: /Más recientes/ });
    await newer().click();
    await page.waitForURL(/newer=/);
    assert.deepEqual(await rows(), expected(60, 36));
    await newer().click();
    await page.waitForURL(/newer=/);
    assert.deepEqual(await rows(), expected(61, 37), 'the top page, full, with the new payment first');
    assert.equal(await newer().count(), 0, 'nothing newer than the newest');
  });
});
