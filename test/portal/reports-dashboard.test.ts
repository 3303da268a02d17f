/**
 * The reports pages' downloads and email through the dashboard session (#7): XLSX, CSV and ZIP named
 * after the merchant's RFC and the period, the send form (CSRF, a bad address refused, the email
 * written), a bad period as the dashboard's own error page, Chart.js served from this origin, and a
 * logged-out visitor sent to the login page.
 */
import assert from 'node:assert/strict';
import { currentMonth } from '../../portal/src/dashboard/report-period.js';
import { CARLOS } from './api-harness.js';
import { type Client, type DashboardHarness, dashboardHarness } from './dashboard-harness.js';

describe('reports in the dashboard: downloads and email (#7)', function () {
  this.timeout(120_000);
  let h: DashboardHarness;
  let c: Client;
  let uuid = '';
  const period = currentMonth(new Date());

  before(async () => {
    h = await dashboardHarness();
    const a = await h.seedMerchant('ana@example.com');
    const paid = await h.pay(a.apiKey, { amount: '1160.00', method: 'card_credit', customer: CARLOS });
    const payment = await h.settle(a.merchantId, paid.json.id);
    uuid = (await h.store.invoices.get(a.merchantId, payment.invoiceId!))!.uuid!;
    c = h.client();
    await h.login(c, 'ana@example.com');
  });
  after(() => h.close());

  it('renders the page with Chart.js from this origin, and 400 for a bad period', async () => {
    const page = await c.get(`/dashboard/reports?period=${period}`);
    assert.equal(page.status, 200);
    const src = /<script src="(\/assets\/vendor\/chart\.js\/chart\.umd\.min\.js\?v=[0-9a-f]+)"/.exec(
      page.text,
    )?.[1];
    assert.ok(src, 'the chart library is loaded from /assets/vendor/');
    const script = await c.get(src);
    assert.equal(script.status, 200);
    assert.match(String(script.headers['content-type']), /javascript/);
    assert.match(script.text, /Chart\.js v4/);
    assert.match(String(script.headers['cache-control']), /immutable/);
    const bad = await c.get('/dashboard/reports?period=2026-13');
    assert.equal(bad.status, 400);
    assert.match(bad.text, /El periodo debe ser un mes/);
    const anonymous = await h.client().get('/dashboard/reports');
    assert.equal(anonymous.status, 302);
    assert.match(anonymous.location ?? '', /\/dashboard\/login/);
  });

  it('downloads the XLSX, each CSV and the ZIP named after the RFC and the period', async () => {
    const xlsx = await c.get(`/dashboard/reports/export.xlsx?period=${period}`);
    assert.equal(xlsx.status, 200);
    assert.equal(
      xlsx.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    assert.equal(
      xlsx.headers['content-disposition'],
      `attachment; filename="autofactura-EKU9003173C9-${period}.xlsx"`,
    );
    assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK');
    const csv = await c.get(`/dashboard/reports/export.csv?period=${period}&table=documents`);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(
      csv.headers['content-disposition'],
      `attachment; filename="autofactura-EKU9003173C9-${period}-documents.csv"`,
    );
    assert.ok(csv.text.includes(uuid));
    assert.equal((await c.get(`/dashboard/reports/export.csv?period=${period}&table=x`)).status, 400);
    const zip = await c.get(`/dashboard/reports/archive.zip?period=${period}`);
    assert.equal(zip.headers['content-type'], 'application/zip');
    assert.ok(zip.bytes.includes(Buffer.from(uuid)));
  });

  it('sends the report from the form, refuses a bad address and a missing CSRF token', async () => {
    await c.get(`/dashboard/reports?period=${period}`);
    const noToken = await c.post('/dashboard/reports/send', { period }, { csrf: null });
    assert.equal(noToken.status, 403);
    await c.get(`/dashboard/reports?period=${period}`);
    const bad = await c.post('/dashboard/reports/send', { period, to: 'no-es-correo' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /no es un correo válido/);
    await c.get(`/dashboard/reports?period=${period}`);
    const sent = await c.post('/dashboard/reports/send', { period, to: 'contador@example.com' });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, `/dashboard/reports?period=${period}&done=sent`);
    const after = await c.follow(sent);
    assert.match(after.text, /enviamos el reporte por correo/);
  });
});
