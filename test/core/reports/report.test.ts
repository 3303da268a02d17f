import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { monthKey } from '../../../core/src/reports/period.js';
import type { PeriodReport } from '../../../core/src/reports/types.js';
import type { Invoice } from '../../../core/src/store/types.js';
import { CARLOS, type Harness, harness, nextId } from '../automation/harness.js';
import { cents, fromCents, xmlFigures } from './xml-figures.js';

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const ANA = {
  rfc: 'XOJI740919U48',
  name: 'INGRID XODAR JIMENEZ',
  taxRegime: '612',
  zip: '88965',
  cfdiUse: 'G03',
};

describe('reports: period report and exports (#7)', function () {
  this.timeout(180_000);
  let h: Harness;
  let period: string;
  let report: PeriodReport;
  const ids: Record<
    string,
    { paymentId: string; externalId: string; invoiceId?: string; receiptUrl?: string }
  > = {};

  async function pay(name: string, amount: string, customer?: typeof CARLOS) {
    const externalId = nextId();
    const result = await h.af.recordPayment(
      h.merchant.id,
      {
        source: name.startsWith('api') ? 'api' : 'stripe',
        externalId,
        amount,
        ...(customer
          ? { customer: { ...customer, email: 'cliente@example.com' } }
          : { customer: { email: 'anon@example.com' } }),
      },
      { wait: true },
    );
    ids[name] = {
      paymentId: result.payment.id,
      externalId,
      ...(result.invoice ? { invoiceId: result.invoice.id } : {}),
      ...(result.receipt ? { receiptUrl: result.receipt.url } : {}),
    };
    return result;
  }

  before(async () => {
    h = await harness();
    period = monthKey(new Date());
    await pay('carlos1', '1160.00', CARLOS);
    await pay('carlos2', '580.50', CARLOS);
    await pay('api-ana', '2320.00', ANA);
    await pay('refunded', '300.00', CARLOS);
    await pay('cancelled', '116.00', CARLOS);
    await pay('receipt-open', '250.00');
    await pay('receipt-claimed', '410.00');
    await h.af.completeReceipt(
      tokenOf(ids['receipt-claimed']!.receiptUrl!),
      { ...ANA, email: 'ana@example.com' },
      { wait: true },
    );
    await h.af.recordRefund(
      h.merchant.id,
      {
        source: 'stripe',
        paymentExternalId: ids.refunded!.externalId,
        refundExternalId: 're_1',
        amount: '100.00',
      },
      { wait: true },
    );
    await h.af.cancelInvoice(h.merchant.id, ids.cancelled!.invoiceId!, { motive: '02' });
    await h.af.workJobs();
    report = await h.af.reports.report(h.merchant.id, period);
  });
  after(() => h.close());

  /** Every CFDI stamped this month, with the figures the test reads from its stored XML. */
  async function storedCfdis() {
    const out: { invoice: Invoice; figures: ReturnType<typeof xmlFigures> }[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.store.invoices.list(h.merchant.id, { limit: 100, ...(cursor ? { cursor } : {}) });
      for (const invoice of page.items) {
        if (!invoice.blobs.xml || monthKey(new Date(invoice.stampedAt!)) !== period) continue;
        const xml = (await h.store.blobs.get(invoice.blobs.xml))!.toString('utf8');
        out.push({ invoice, figures: xmlFigures(xml) });
      }
      cursor = page.next;
    } while (cursor);
    return out;
  }

  it('adds up the live CFDIs by kind exactly as their stored XML says; cancelled ones apart', async () => {
    const cfdis = await storedCfdis();
    const live = cfdis.filter((c) => c.invoice.status === 'stamped');
    const expect = (type: string) => {
      const of = live.filter((c) => c.figures.type === type);
      const s = (k: keyof ReturnType<typeof xmlFigures>) =>
        fromCents(of.reduce((a, c) => a + (c.figures[k] as bigint), 0n));
      return {
        count: of.length,
        subtotal: s('subtotal'),
        discount: s('discount'),
        iva: s('iva'),
        ieps: s('ieps'),
        isrWithheld: s('isrWithheld'),
        ivaWithheld: s('ivaWithheld'),
        total: s('total'),
      };
    };
    assert.deepEqual(report.byKind.invoice, expect('I'));
    assert.equal(report.byKind.invoice.count, 5, 'carlos1, carlos2, api-ana, refunded, the claimed receipt');
    assert.deepEqual(report.byKind.credit_note, expect('E'));
    assert.equal(report.byKind.credit_note.count, 1);
    assert.equal(report.byKind.global.count, 0);
    const ingresos = cents(expect('I').total);
    const egresos = cents(expect('E').total);
    assert.equal(report.net.total, fromCents(ingresos - egresos));
    assert.equal(report.net.iva, fromCents(cents(expect('I').iva) - cents(expect('E').iva)));

    const cancelled = cfdis.filter((c) => c.invoice.status === 'cancelled');
    assert.equal(cancelled.length, 1);
    assert.deepEqual(report.cancellations, {
      count: 1,
      total: fromCents(cancelled[0]!.figures.total),
      byMotive: { '02': 1 },
    });
    assert.deepEqual(report.creditNotes, { count: 1, total: expect('E').total });
  });

  it('reads the figures from the XML of records sealed before they were kept on the record', async () => {
    const cfdis = await storedCfdis();
    for (const { invoice } of cfdis) {
      const { taxes: _t, paymentForm: _f, paymentMethod: _m, exchangeRate: _r, ...old } = invoice;
      assert.ok(
        await h.store.invoices.update({ ...old, updatedAt: new Date().toISOString() }, invoice.updatedAt),
      );
    }
    const again = await h.af.reports.report(h.merchant.id, period);
    assert.deepEqual(again.byKind, report.byKind);
    assert.deepEqual(again.byPaymentForm, report.byPaymentForm);
  });

  it('splits ingresos by source, FormaPago and customer, and counts receipts and failures', () => {
    assert.equal(report.bySource.api?.count, 1);
    assert.equal(report.bySource.stripe?.count, 4);
    const forms = Object.values(report.byPaymentForm).reduce((n, t) => n + t.count, 0);
    assert.equal(forms, 5);
    assert.deepEqual(
      report.byCustomer.map((c) => [c.rfc, c.count]),
      [
        [ANA.rfc, 2],
        [CARLOS.rfc, 3],
      ],
      'largest total first: Ana 2,320.00 + 410.00 against Carlos 1,160.00 + 580.50 + 300.00',
    );
    assert.equal(report.receipts.pending.count, 1);
    assert.equal(report.receipts.pending.amount, '250.00');
    assert.equal(report.receipts.pending.ages[0]!.count, 1, 'paid today: 0 to 2 days');
    assert.deepEqual(report.receipts.invoicedByCustomer, { count: 1, amount: '410.00' });
    assert.deepEqual(report.receipts.inGlobal, { count: 0, amount: '0.00' });
    assert.equal(report.failures.count, 1, 'the payment of the cancelled invoice waits for the merchant');
    assert.equal(report.failures.items[0]!.paymentId, ids.cancelled!.paymentId);
    assert.equal(report.reconciliation.payments, 7);
    assert.equal(report.reconciliation.matched, 6);
    assert.equal(report.reconciliation.counts.payment_without_document, 1);
  });

  it('writes an XLSX whose Resumen totals, read back with exceljs, match the report', async () => {
    const buffer = await h.af.reports.xlsx(h.merchant.id, period);
    await writeFile(join(h.dir, 'r.xlsx'), buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['Resumen', 'Documentos', 'Pagos', 'Recibos', 'Conciliación'],
    );
    const summary = book.getWorksheet('Resumen')!;
    const rowOf = (label: RegExp) => {
      let found: ExcelJS.Row | undefined;
      summary.eachRow((row) => {
        if (label.test(String(row.getCell(1).value))) found = row;
      });
      return found!;
    };
    const invoices = rowOf(/^Facturas \(ingreso\)/);
    assert.equal(invoices.getCell(2).value, report.byKind.invoice.count);
    assert.equal((invoices.getCell(9).value as number).toFixed(2), report.byKind.invoice.total);
    assert.equal(invoices.getCell(9).numFmt, '#,##0.00');
    assert.equal((rowOf(/^Neto/).getCell(9).value as number).toFixed(2), report.net.total);
    const documents = book.getWorksheet('Documentos')!;
    assert.equal(documents.rowCount, 1 + 7, 'header + 5 invoices, 1 credit note, 1 cancelled');
    let sum = 0n;
    documents.eachRow((row, n) => {
      if (n > 1 && row.getCell(6).value === 'stamped' && row.getCell(1).value === 'Ingreso') {
        sum += cents((row.getCell(19).value as number).toFixed(2));
      }
    });
    assert.equal(fromCents(sum), report.byKind.invoice.total);
  });

  it('writes each table as RFC 4180 CSV with a BOM, exact amounts, and Spanish or English headers', async () => {
    const csv = await h.af.reports.csv(h.merchant.id, period, 'payments');
    assert.ok(csv.startsWith('\uFEFFId,Origen,Id externo,Fecha de pago,Monto'));
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, 1 + 7);
    const amounts = lines.slice(1).map((line) => line.split(',')[4]);
    assert.ok(amounts.includes('580.50'), 'the exact decimal string');
    const en = await h.af.reports.csv(h.merchant.id, period, 'reconciliation', { lang: 'en' });
    const [header, row] = en.slice(1).split('\r\n');
    assert.equal(header, 'Flag,Payment,Invoice,Receipt,Expected,Found,What to do');
    assert.match(row!, /^payment_without_document,/);
    const documents = await h.af.reports.csv(h.merchant.id, period, 'documents');
    // A field with a comma or a quote is quoted with its quotes doubled: parse it back.
    const parsed = parseCsv(documents.slice(1));
    assert.equal(parsed.length, 1 + 7);
    assert.ok(parsed.every((r) => r.length === parsed[0]!.length));
    await assert.rejects(
      h.af.reports.csv(h.merchant.id, period, 'nope' as 'payments'),
      /REPORT_INVALID_TABLE|no existe/,
    );
  });

  it('zips the XML and PDF of the period in a folder per kind', async () => {
    const zip = await h.af.reports.archive(h.merchant.id, period);
    const file = join(h.dir, 'cfdi.zip');
    await writeFile(file, zip);
    const listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n').sort();
    const cfdis = await storedCfdis();
    const expected = cfdis
      .flatMap(({ invoice }) => {
        const folder =
          invoice.status === 'cancelled'
            ? 'canceladas'
            : invoice.kind === 'credit_note'
              ? 'egresos'
              : 'ingresos';
        const base = `${folder}/${invoice.series}-${invoice.folio}_${invoice.uuid}`;
        return [`${base}.xml`, `${base}.pdf`, ...(invoice.blobs.acuse ? [`${base}_acuse.xml`] : [])];
      })
      .sort();
    assert.deepEqual(listing, expected);
    execFileSync('unzip', ['-tq', file]);
  });

  it('emails the summary with the workbook attached to the given addresses', async () => {
    const before = (await h.mails()).length;
    const sent = await h.af.reports.send(h.merchant.id, period, { to: ['contador@example.com'] });
    assert.deepEqual(sent.to, ['contador@example.com']);
    const mails = await h.mails();
    assert.equal(mails.length, before + 1);
    const mail = mails.find((m) => /^Reporte de /.test(m.subject ?? ''))!;
    assert.match(mail.subject!, /Escuela Kemper/);
    assert.match(mail.text!, /Pagos conciliados: 6 \/ 7/);
    assert.match(mail.html as string, /Facturas \(ingreso\)/);
    const attachment = mail.attachments.find((a) => a.filename === `reporte-${period}.xlsx`)!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(attachment.content as unknown as ArrayBuffer);
    assert.equal(book.getWorksheet('Resumen')!.getCell('B4').value, report.byKind.invoice.count);
  });
});

/** A small RFC 4180 reader for the test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
