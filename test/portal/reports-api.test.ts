/**
 * /v1/reports (#7) through a real server: activity made with the pipeline (invoices stamped by the
 * sandbox PAC, a receipt left open), the report's totals against sums this test reads from the stamped
 * XML itself, the same figures as af.reports.report, tenant isolation, a bad period, and the exports
 * (XLSX read back with exceljs, CSV, ZIP) and the email. Every exchange is checked against the OpenAPI
 * document by the harness.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { reportJson } from '../../portal/src/api/reports.js';
import { currentMonth } from '../../portal/src/dashboard/report-period.js';
import { cents, fromCents, xmlFigures } from '../core/reports/xml-figures.js';
import { type ApiHarness, apiHarness, CARLOS } from './api-harness.js';

describe('GET /v1/reports and the exports (#7)', function () {
  this.timeout(120_000);
  let h: ApiHarness;
  const period = currentMonth(new Date());
  const invoiceIds: string[] = [];
  // From the answers of POST /v1/payments (GET /v1/invoices/{id} is another area's document).
  const uuids: string[] = [];
  const pay = (key: string, body: unknown) =>
    h.call('POST', '/v1/payments', { body, headers: { 'idempotency-key': key } });

  before(async () => {
    h = await apiHarness();
    for (const [key, amount, method] of [
      ['rep-1', '1160.00', 'card_credit'],
      ['rep-2', '580.00', 'transfer'],
      ['rep-3', '99.99', 'card_credit'],
    ] as const) {
      const res = await pay(key, { amount, method, customer: CARLOS });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      assert.equal(res.json.invoice.status, 'stamped');
      invoiceIds.push(res.json.invoice.id);
      uuids.push(res.json.invoice.uuid);
    }
    const open = await pay('rep-4', { amount: '250.00', customer: { email: 'ana@example.com' } });
    assert.equal(open.json.status, 'awaiting_customer');
  });
  after(async () => {
    await h?.close();
  });

  it('answers the period report in snake_case, with the totals of the stamped XML', async () => {
    const res = await h.call('GET', `/v1/reports?period=${period}`);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.equal(res.json.object, 'report');
    assert.equal(res.json.period.key, period);
    assert.equal(res.json.merchant_id, undefined);

    // The test's own sums, from the XML the API serves.
    let subtotal = 0n;
    let iva = 0n;
    let total = 0n;
    for (const id of invoiceIds) {
      const figures = xmlFigures((await h.call('GET', `/v1/invoices/${id}/xml`)).bytes.toString('utf8'));
      subtotal += figures.subtotal;
      iva += figures.iva;
      total += figures.total;
    }
    const invoices = res.json.by_kind.invoice;
    assert.equal(invoices.count, 3);
    assert.equal(
      cents(invoices.subtotal),
      subtotal,
      `subtotal ${invoices.subtotal} vs ${fromCents(subtotal)}`,
    );
    assert.equal(cents(invoices.iva), iva);
    assert.equal(cents(invoices.total), total);
    assert.equal(total, cents('1839.99'), 'the three payments, as paid');
    assert.equal(res.json.by_kind.credit_note.count, 0);
    assert.equal(cents(res.json.net.total), total);
    // By c_FormaPago: card_credit is 04, transfer 03.
    assert.equal(cents(res.json.by_payment_form['04'].total), cents('1259.99'));
    assert.equal(cents(res.json.by_payment_form['03'].total), cents('580.00'));
    assert.equal(res.json.by_customer[0].rfc, CARLOS.rfc);
    assert.equal(res.json.by_customer[0].count, 3);
    assert.equal(res.json.receipts.pending.count, 1);
    assert.equal(cents(res.json.receipts.pending.amount), cents('250.00'));
    assert.ok(Array.isArray(res.json.receipts.pending.ages));
  });

  it('serializes exactly what af.reports.report computes', async () => {
    const [api, core] = await Promise.all([
      h.call('GET', `/v1/reports?period=${period}`),
      h.af.reports.report(h.merchantIds.a, period),
    ]);
    const expected = JSON.parse(JSON.stringify(reportJson(core)));
    delete expected.generated_at;
    delete api.json.generated_at;
    assert.deepEqual(api.json, expected);
  });

  it("never shows one merchant's figures to another", async () => {
    const other = await h.call('GET', `/v1/reports?period=${period}`, { key: h.keys.b });
    assert.equal(other.status, 200);
    assert.equal(other.json.by_kind.invoice.count, 0);
    assert.equal(other.json.by_customer.length, 0);
    assert.equal(other.json.receipts.pending.count, 0);
    const reconciliation = await h.call('GET', `/v1/reports/reconciliation?period=${period}`, {
      key: h.keys.b,
    });
    assert.equal(reconciliation.json.payments, 0);
    const csv = await h.call('GET', `/v1/reports/export.csv?period=${period}&table=documents`, {
      key: h.keys.b,
    });
    for (const uuid of uuids) assert.ok(!csv.bytes.toString('utf8').includes(uuid), 'B sees none of A');
    const unauthenticated = await h.call('GET', `/v1/reports?period=${period}`, { key: null });
    assert.equal(unauthenticated.status, 401);
  });

  it('refuses a bad period with REPORT_INVALID_PERIOD, es-MX and English', async () => {
    for (const bad of ['2026-13', 'noviembre', '2026-W54', '']) {
      const res = await h.call('GET', `/v1/reports?period=${encodeURIComponent(bad)}`);
      assert.equal(res.status, 422, bad);
      assert.equal(res.json.error.code, 'REPORT_INVALID_PERIOD');
      assert.equal(res.json.error.param, 'period');
      assert.match(res.json.error.message, /AAAA-MM/);
    }
    const en = await h.call('GET', '/v1/reports/export.xlsx?period=2026-11-01', {
      headers: { 'accept-language': 'en' },
    });
    assert.equal(en.json.error.code, 'REPORT_INVALID_PERIOD');
    assert.match(en.json.error.message, /YYYY-MM/);
    // A week 53 in a year that has none (2026 has one).
    const week = await h.call('GET', '/v1/reports?period=2025-W53');
    assert.equal(week.json.error.code, 'REPORT_INVALID_PERIOD');
    assert.match(week.json.error.message, /semana ISO/);
    assert.equal((await h.call('GET', '/v1/reports?period=2026-W53')).status, 200);
  });

  it('reconciles the period: every payment with its invoice matches', async () => {
    const res = await h.call('GET', `/v1/reports/reconciliation?period=${period}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.object, 'reconciliation');
    assert.equal(res.json.payments, 4);
    assert.ok(res.json.matched >= 3, JSON.stringify(res.json));
    assert.equal(res.json.documents, 3);
    assert.equal(res.json.counts.amount_mismatch, 0);
    assert.equal(res.json.counts.document_without_payment, 0);
  });

  it('exports the XLSX (it opens with exceljs and carries the total), each CSV and the ZIP', async () => {
    const xlsx = await h.call('GET', `/v1/reports/export.xlsx?period=${period}`);
    assert.equal(xlsx.status, 200);
    assert.equal(
      xlsx.headers.get('content-type'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    assert.equal(
      xlsx.headers.get('content-disposition'),
      `attachment; filename="autofactura-EKU9003173C9-${period}.xlsx"`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    assert.ok(book.worksheets.length >= 5, book.worksheets.map((w) => w.name).join());
    const values: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          values.push(String(cell.value));
        }),
      ),
    );
    assert.ok(
      values.some((v) => v === '1839.99' || Number(v) === 1839.99),
      'the invoiced total is in the workbook',
    );

    for (const table of ['documents', 'payments', 'receipts', 'reconciliation']) {
      const csv = await h.call('GET', `/v1/reports/export.csv?period=${period}&table=${table}`);
      assert.equal(csv.status, 200, table);
      assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.equal(
        csv.headers.get('content-disposition'),
        `attachment; filename="autofactura-EKU9003173C9-${period}-${table}.csv"`,
      );
    }
    const documents = (
      await h.call('GET', `/v1/reports/export.csv?period=${period}&table=documents`)
    ).bytes.toString('utf8');
    const uuid = uuids[0]!;
    assert.ok(documents.includes(uuid), 'the documents table lists the invoice');
    const noTable = await h.call('GET', `/v1/reports/export.csv?period=${period}`);
    assert.equal(noTable.status, 400);
    assert.equal(noTable.json.error.param, 'table');

    const zip = await h.call('GET', `/v1/reports/archive.zip?period=${period}`);
    assert.equal(zip.status, 200);
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    assert.equal(
      zip.headers.get('content-disposition'),
      `attachment; filename="autofactura-EKU9003173C9-${period}.zip"`,
    );
    assert.equal(zip.bytes.subarray(0, 2).toString(), 'PK');
    assert.ok(zip.bytes.includes(Buffer.from(uuid)), 'the invoice is in the archive');
  });

  it('emails the report to the given address, with the XLSX attached; a bad address is refused', async () => {
    const bad = await h.call('POST', '/v1/reports/send', { body: { period, to: ['no-es-correo'] } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'EMAIL_INVALID');
    const res = await h.call('POST', '/v1/reports/send', {
      body: { period, to: ['contador@example.com'] },
    });
    assert.equal(res.status, 202, JSON.stringify(res.json));
    assert.deepEqual(res.json, { object: 'report_email', period, to: ['contador@example.com'] });
    const until = Date.now() + 10_000;
    let eml = '';
    while (!eml.includes('contador@example.com') && Date.now() < until) {
      const files = await readdir(h.outboxDir).catch(() => [] as string[]);
      for (const file of files) {
        const text = await readFile(join(h.outboxDir, file), 'utf8');
        if (text.includes('contador@example.com') && text.includes('.xlsx')) eml = text;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(eml, 'an email to the accountant with an .xlsx attachment');
    assert.match(eml, new RegExp(`autofactura-EKU9003173C9-${period}\\.xlsx|\\.xlsx`));
    const missing = await h.call('POST', '/v1/reports/send', { body: { to: ['a@example.com'] } });
    assert.equal(missing.json.error.code, 'REPORT_INVALID_PERIOD');
  });
});
