/**
 * The workbook for the accountant (exceljs): Resumen (the totals), then Documentos, Pagos, Recibos and
 * Conciliación. Money cells are numbers formatted '#,##0.00': the decimal strings become JS numbers only
 * here, when written into a cell (Excel keeps doubles anyway); the CSV keeps the exact strings. Written
 * with exceljs's streaming writer, row by row (a month can hold hundreds of thousands of rows).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Lang, Table } from './tables.js';
import type { PeriodReport, Totals } from './types.js';

const MONEY = '#,##0.00';

const KIND_LABELS: Record<string, { es: string; en: string }> = {
  invoice: { es: 'Facturas (ingreso)', en: 'Invoices (ingreso)' },
  global: { es: 'Facturas globales', en: 'Facturas globales' },
  credit_note: { es: 'Notas de crédito (egreso)', en: 'Credit notes (egreso)' },
  net: { es: 'Neto (ingresos - egresos)', en: 'Net (ingresos - egresos)' },
};

export const SUMMARY_COLUMNS: { key: keyof Totals; es: string; en: string }[] = [
  { key: 'count', es: 'CFDI', en: 'CFDIs' },
  { key: 'subtotal', es: 'Subtotal', en: 'Subtotal' },
  { key: 'discount', es: 'Descuento', en: 'Discount' },
  { key: 'iva', es: 'IVA trasladado', en: 'VAT' },
  { key: 'ieps', es: 'IEPS trasladado', en: 'IEPS' },
  { key: 'isrWithheld', es: 'ISR retenido', en: 'Income tax withheld' },
  { key: 'ivaWithheld', es: 'IVA retenido', en: 'VAT withheld' },
  { key: 'total', es: 'Total', en: 'Total' },
];

/** A decimal string as a cell value, at the last step. */
const num = (text: string) => (text === '' ? null : Number(text));

type Book = ExcelJS.stream.xlsx.WorkbookWriter;

function summarySheet(book: Book, report: PeriodReport, lang: Lang) {
  const sheet = book.addWorksheet(lang === 'es' ? 'Resumen' : 'Summary');
  sheet.columns = [{ width: 34 }, ...SUMMARY_COLUMNS.map(() => ({ width: 16 }))];
  sheet.addRow([
    lang === 'es' ? `Reporte de ${report.period.label}` : `Report for ${report.period.labelEn}`,
  ]).font = {
    bold: true,
    size: 14,
  };
  sheet.addRow([]);
  const header = sheet.addRow(['', ...SUMMARY_COLUMNS.map((c) => c[lang])]);
  header.font = { bold: true };
  const totalsRow = (label: string, t: Totals) => {
    const row = sheet.addRow([
      label,
      t.count,
      ...SUMMARY_COLUMNS.slice(1).map((c) => num(t[c.key] as string)),
    ]);
    for (let i = 3; i <= SUMMARY_COLUMNS.length + 1; i++) row.getCell(i).numFmt = MONEY;
    row.commit();
  };
  for (const kind of ['invoice', 'global', 'credit_note'] as const)
    totalsRow(KIND_LABELS[kind]![lang], report.byKind[kind]);
  totalsRow(KIND_LABELS.net![lang], report.net);
  sheet.addRow([]);
  const lines: [string, string, number | null][] = [
    [
      lang === 'es' ? 'Recibos pendientes' : 'Pending receipts',
      String(report.receipts.pending.count),
      num(report.receipts.pending.amount),
    ],
    [
      lang === 'es' ? 'Recibos facturados por el cliente' : 'Receipts invoiced by customers',
      String(report.receipts.invoicedByCustomer.count),
      num(report.receipts.invoicedByCustomer.amount),
    ],
    [
      lang === 'es' ? 'Recibos en factura global' : 'Receipts in a factura global',
      String(report.receipts.inGlobal.count),
      num(report.receipts.inGlobal.amount),
    ],
    [
      lang === 'es' ? 'Cancelaciones' : 'Cancellations',
      String(report.cancellations.count),
      num(report.cancellations.total),
    ],
    [lang === 'es' ? 'Pagos con error' : 'Failed payments', String(report.failures.count), null],
    [
      lang === 'es' ? 'Pagos conciliados' : 'Payments reconciled',
      `${report.reconciliation.matched} / ${report.reconciliation.payments}`,
      null,
    ],
  ];
  for (const [label, count, value] of lines) {
    const row = sheet.addRow([label, count, value]);
    row.getCell(3).numFmt = MONEY;
    row.commit();
  }
  sheet.commit();
}

function tableSheet(book: Book, table: Table, lang: Lang) {
  const sheet = book.addWorksheet(table.title[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ width: Math.min(40, Math.max(12, c[lang].length + 2)) }));
  const header = sheet.addRow(table.columns.map((c) => c[lang]));
  header.font = { bold: true };
  header.commit();
  const moneyAt = table.columns.flatMap((c, i) => (c.money ? [i] : []));
  for (const values of table.rows) {
    const cells: (string | number | null)[] = [...values];
    for (const i of moneyAt) cells[i] = num(values[i]!);
    const row = sheet.addRow(cells);
    for (const i of moneyAt) row.getCell(i + 1).numFmt = MONEY;
    row.commit();
  }
  sheet.commit();
}

export async function reportWorkbook(report: PeriodReport, tables: Table[], lang: Lang): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  book.creator = 'autofactura';
  book.created = new Date(report.generatedAt);
  summarySheet(book, report, lang);
  for (const table of tables) tableSheet(book, table, lang);
  await book.commit();
  return Buffer.concat(chunks);
}
