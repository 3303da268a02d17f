/**
 * The workbook for the accountant (exceljs): Resumen (the totals), then Documentos, Pagos, Recibos and
 * Conciliación. Money cells are numbers formatted '#,##0.00': the decimal strings become JS numbers only
 * here, when written into a cell (Excel keeps doubles anyway); the CSV keeps the exact strings.
 */
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

function summarySheet(book: ExcelJS.Workbook, report: PeriodReport, lang: Lang) {
  const sheet = book.addWorksheet(lang === 'es' ? 'Resumen' : 'Summary');
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
  }
  sheet.getColumn(1).width = 34;
  for (let i = 2; i <= SUMMARY_COLUMNS.length + 1; i++) sheet.getColumn(i).width = 16;
}

function tableSheet(book: ExcelJS.Workbook, table: Table, lang: Lang) {
  const sheet = book.addWorksheet(table.title[lang]);
  sheet.addRow(table.columns.map((c) => c[lang])).font = { bold: true };
  const moneyAt = table.columns.flatMap((c, i) => (c.money ? [i] : []));
  for (const values of table.rows) {
    const cells: (string | number | null)[] = [...values];
    for (const i of moneyAt) cells[i] = num(values[i]!);
    sheet.addRow(cells);
  }
  for (const i of moneyAt) sheet.getColumn(i + 1).numFmt = MONEY;
  table.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(12, c[lang].length + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function reportWorkbook(report: PeriodReport, tables: Table[], lang: Lang): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'autofactura';
  book.created = new Date(report.generatedAt);
  summarySheet(book, report, lang);
  for (const table of tables) tableSheet(book, table, lang);
  return Buffer.from(await book.xlsx.writeBuffer());
}
