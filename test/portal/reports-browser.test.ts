/**
 * The reports and reconciliation pages (#7) in Debian's Chromium (playwright-core): a month of activity
 * made with the pipeline (invoices by card and transfer, a receipt left open, a payment the PAC rejects),
 * the cards equal to af.reports.report, both Chart.js charts drawn (pixels read back from the canvas),
 * the flag of the failed payment listed with a link to it, English, the period selector, and no console
 * error or CSP violation. Screenshots: test-artifacts/reports-*.png and reconciliation-*.png.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { currentMonth, shiftPeriod } from '../../portal/src/dashboard/report-period.js';
import { dashboardLogin, launchChromium } from '../support/browser.js';
import { CARLOS } from './api-harness.js';
import { type DashboardHarness, dashboardHarness, PASSWORD } from './dashboard-harness.js';

// Browser globals for the functions that run in the page (the tests compile without the DOM lib).
declare const document: { querySelector(selector: string): unknown };

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** How many pixels of a canvas are not transparent, read in the page. */
function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel) as {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      };
    };
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  }, selector);
}

describe('reports and reconciliation in Chromium (#7)', function () {
  this.timeout(180_000);
  let h: DashboardHarness;
  let browser: Browser;
  let page: Page;
  let merchantId = '';
  let failedPaymentId = '';
  let mismatchPaymentId = '';
  const period = currentMonth(new Date());
  const problems: string[] = [];

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    h = await dashboardHarness();
    const seeded = await h.seedMerchant('contabilidad@kemper.example', { tradeName: 'Escuela Kemper' });
    merchantId = seeded.merchantId;
    const pay = async (body: Record<string, unknown>) => {
      const res = await h.pay(seeded.apiKey, body);
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return h.settle(merchantId, res.json.id);
    };
    await pay({ amount: '1160.00', method: 'card_credit', customer: CARLOS });
    await pay({ amount: '2320.00', method: 'transfer', customer: CARLOS });
    const cash = await pay({ amount: '348.00', method: 'cash', customer: CARLOS });
    // Planted: what was paid no longer matches its invoice (an amount mismatch for the reconciliation).
    assert.ok(
      await h.store.payments.update(
        { ...cash, amount: '358.00', updatedAt: new Date().toISOString() },
        cash.updatedAt,
      ),
    );
    mismatchPaymentId = cash.id;
    await pay({ amount: '250.00', customer: { email: 'ana@example.com' } });
    h.pac.rejectWith('CFDI40161');
    const failed = await pay({ amount: '410.00', method: 'transfer', customer: CARLOS });
    assert.equal(failed.status, 'failed');
    failedPaymentId = failed.id;

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
    page = await context.newPage();
    page.on('console', (m) => {
      // Chromium asks for /favicon.ico on its own (the dashboard layout links none) and that 404 reaches
      // the console without a response event; every other failed resource is caught by 'response' below.
      if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await dashboardLogin(page, h.url, 'contabilidad@kemper.example', PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  async function shots(name: string): Promise<void> {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.evaluate('window.scrollTo(0, 0)');
      // Chart.js redraws on resize: wait until the canvases have their new size.
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('shows the month: cards equal to the report, both charts drawn, the tables', async () => {
    await page.getByRole('link', { name: 'Reportes' }).click();
    await page.getByRole('heading', { name: 'Reportes', level: 1 }).waitFor();
    assert.match(page.url(), /\/dashboard\/reports$/);
    const report = await h.af.reports.report(merchantId, period);
    const money = (amount: string) => `$${amount}`;
    // The card's digits without the thousands separator: "$3,828.00 MXN" -> "$3828.00 MXN".
    const card = async (name: string) =>
      ((await page.locator(`[data-card="${name}"]`).textContent()) ?? '')
        .replace(/\s+/g, ' ')
        .replace(/,/g, '')
        .trim();
    assert.equal(report.byKind.invoice.count, 3);
    assert.equal(await card('invoiced'), `${money(report.byKind.invoice.total)} MXN`);
    assert.equal(await card('iva'), `${money(report.net.iva)} MXN`);
    assert.equal(await card('net'), `${money(report.net.total)} MXN`);
    assert.equal(report.byKind.invoice.total, '3828.00');

    await page.locator('#chart-kinds[data-drawn="true"]').waitFor();
    await page.locator('#chart-forms[data-drawn="true"]').waitFor();
    assert.ok((await paintedPixels(page, '#chart-kinds')) > 2000, 'the bar chart has bars');
    assert.ok((await paintedPixels(page, '#chart-forms')) > 2000, 'the doughnut is drawn');

    const forms = await page.locator('#by-form tbody tr').allTextContents();
    assert.ok(forms.some((row) => row.includes('03 · Transferencia electrónica de fondos')));
    assert.ok(forms.some((row) => row.includes('04 · Tarjeta de crédito')));
    assert.ok(forms.some((row) => row.includes('01 · Efectivo')));
    assert.match((await page.locator('#by-customer').textContent()) ?? '', /CARLOS CORTES SOTO/);
    assert.match((await page.locator('#failures').textContent()) ?? '', /CFDI40161/);
    assert.equal(
      await page.locator('#failures a').first().getAttribute('href'),
      `/dashboard/payments/${failedPaymentId}`,
    );
    assert.equal(
      await page.locator('[data-flag-count="payment_without_document"]').textContent(),
      String(report.reconciliation.counts.payment_without_document),
    );
    assert.equal(await page.locator('[data-flag-count="amount_mismatch"]').textContent(), '1');
    assert.equal(await page.locator('#downloads a[href*="export.csv"]').count(), 4);
    await shots('reports');
  });

  it('lists every reconciliation flag with its message and a link to the payment', async () => {
    await page.getByRole('link', { name: 'Ver el detalle' }).click();
    await page.getByRole('heading', { name: 'Conciliación', level: 1 }).waitFor();
    const reconciliation = await h.af.reports.reconcile(merchantId, period);
    assert.ok(reconciliation.flags.length >= 1);
    assert.equal(await page.locator('tr.flag-row').count(), reconciliation.flags.length);
    const failedFlag = reconciliation.flags.find((f) => f.paymentId === failedPaymentId);
    assert.ok(failedFlag, JSON.stringify(reconciliation.flags));
    const section = page.locator(`#${failedFlag.kind}`);
    assert.match(
      (await section.textContent()) ?? '',
      new RegExp(failedFlag.message.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    assert.equal(await section.locator(`a[href="/dashboard/payments/${failedPaymentId}"]`).count(), 1);
    const mismatch = page.locator('#amount_mismatch tr.flag-row');
    assert.equal(await mismatch.count(), 1);
    assert.match((await mismatch.textContent()) ?? '', /\$358\.00[\s\S]*\$348\.00/);
    assert.equal(await mismatch.locator(`a[href="/dashboard/payments/${mismatchPaymentId}"]`).count(), 1);
    assert.equal(await mismatch.locator('a[href^="/dashboard/invoices?q=inv_"]').count(), 1);
    await shots('reconciliation');
  });

  it('moves between periods and weeks, and reads in English', async () => {
    await page.goto(`${h.url}/dashboard/reports?period=${period}`);
    await page.getByRole('link', { name: 'Anterior' }).click();
    await page.waitForURL(new RegExp(`period=${shiftPeriod(period, -1)}$`));
    assert.equal(
      await page
        .locator('[data-card="invoiced"]')
        .textContent()
        .then((t) => t?.trim()),
      '$0.00 MXN',
    );
    const week = await page
      .locator('#period optgroup')
      .nth(1)
      .locator('option')
      .first()
      .getAttribute('value');
    await page.locator('#period').selectOption(week!);
    await page.waitForURL(new RegExp(`period=${week}$`));
    await page.locator('#chart-kinds[data-drawn="true"]').waitFor();

    await page.goto(`${h.url}/dashboard/reports?period=${period}&lang=en`);
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    assert.equal(await page.locator('.stat-label').first().textContent(), 'Invoiced');
    await page.locator('#chart-kinds[data-drawn="true"]').waitFor();
    await shots('reports-en');
    await page.goto(`${h.url}/dashboard/reconciliation?period=${period}`);
    await page.getByRole('heading', { name: 'Reconciliation', level: 1 }).waitFor();
    await shots('reconciliation-en');
    await page.goto(`${h.url}/dashboard/reports?period=${period}&lang=es`);
  });

  it('had no console error and no CSP violation', () => {
    assert.deepEqual(problems, []);
  });
});
