/**
 * The report's tables as rows of strings (money as the exact decimal string), with headers in Spanish or
 * English: the CSV writes them as they are, the XLSX turns the money columns into numbers at the last step.
 */
import { fixed, toFixed, toPlain } from '../money/fixed-point.js';
import { type Dataset, type DocLite, mxn } from './dataset.js';
import type { Reconciliation, ReportTable } from './types.js';

export type Lang = 'es' | 'en';

export interface Column {
  es: string;
  en: string;
  money?: boolean;
}

export interface Table {
  name: ReportTable;
  title: { es: string; en: string };
  columns: Column[];
  rows: string[][];
}

const m = (value: bigint) => toFixed(value, 2);
const KIND = {
  invoice: { es: 'Ingreso', en: 'Invoice' },
  global: { es: 'Global', en: 'Global' },
  credit_note: { es: 'Egreso', en: 'Credit note' },
};

const docLabel = (d: DocLite | null | undefined) => (d ? `${d.series}-${d.folio}` : '');

export function documentsTable(data: Dataset, lang: Lang): Table {
  return {
    name: 'documents',
    title: { es: 'Documentos', en: 'Documents' },
    columns: [
      { es: 'Tipo', en: 'Kind' },
      { es: 'Serie-Folio', en: 'Series-Folio' },
      { es: 'UUID', en: 'UUID' },
      { es: 'Fecha', en: 'Date' },
      { es: 'Timbrado', en: 'Stamped at' },
      { es: 'Estado', en: 'Status' },
      { es: 'RFC receptor', en: 'Receiver RFC' },
      { es: 'Nombre receptor', en: 'Receiver name' },
      { es: 'Moneda', en: 'Currency' },
      { es: 'Tipo de cambio', en: 'Exchange rate' },
      { es: 'Forma de pago', en: 'Payment form' },
      { es: 'Método de pago', en: 'Payment method' },
      { es: 'Subtotal', en: 'Subtotal', money: true },
      { es: 'Descuento', en: 'Discount', money: true },
      { es: 'IVA trasladado', en: 'VAT', money: true },
      { es: 'IEPS trasladado', en: 'IEPS', money: true },
      { es: 'ISR retenido', en: 'Income tax withheld', money: true },
      { es: 'IVA retenido', en: 'VAT withheld', money: true },
      { es: 'Total', en: 'Total', money: true },
      { es: 'Total MXN', en: 'Total MXN', money: true },
      { es: 'Motivo de cancelación', en: 'Cancellation motive' },
    ],
    rows: data.documents.map((d) => [
      KIND[d.kind][lang],
      docLabel(d),
      d.uuid ?? '',
      d.fecha,
      d.stampedAt ?? '',
      d.status,
      d.receiverRfc,
      d.receiverName,
      d.currency,
      toPlain(d.rate),
      d.paymentForm ?? '',
      d.paymentMethod ?? '',
      m(d.subtotal),
      m(d.discount),
      m(d.iva),
      m(d.ieps),
      m(d.isrWithheld),
      m(d.ivaWithheld),
      m(d.total),
      m(mxn(d.total, d.rate)),
      d.cancellation?.motive ?? '',
    ]),
  };
}

export async function paymentsTable(data: Dataset, _lang: Lang): Promise<Table> {
  const rows: string[][] = [];
  for (const p of data.payments) {
    const invoice = p.invoiceId ? await data.document(p.invoiceId) : null;
    const global = p.globalInvoiceId ? await data.document(p.globalInvoiceId) : null;
    const receipt = p.receiptId ? data.receipts.get(p.receiptId) : undefined;
    const refunded = p.refunds.reduce((sum, r) => sum + fixed(r.amount), 0n);
    rows.push([
      p.id,
      p.source,
      p.externalId,
      p.paidAt,
      m(p.amount),
      p.currency,
      p.paymentForm,
      p.status,
      docLabel(invoice),
      docLabel(global),
      receipt?.ticket ?? '',
      m(refunded),
    ]);
  }
  return {
    name: 'payments',
    title: { es: 'Pagos', en: 'Payments' },
    columns: [
      { es: 'Id', en: 'Id' },
      { es: 'Origen', en: 'Source' },
      { es: 'Id externo', en: 'External id' },
      { es: 'Fecha de pago', en: 'Paid at' },
      { es: 'Monto', en: 'Amount', money: true },
      { es: 'Moneda', en: 'Currency' },
      { es: 'Forma de pago', en: 'Payment form' },
      { es: 'Estado', en: 'Status' },
      { es: 'Factura', en: 'Invoice' },
      { es: 'Factura global', en: 'Factura global' },
      { es: 'Recibo', en: 'Receipt' },
      { es: 'Devuelto', en: 'Refunded', money: true },
    ],
    rows,
  };
}

export async function receiptsTable(data: Dataset, _lang: Lang): Promise<Table> {
  const from = Date.parse(data.period.from);
  const to = Date.parse(data.period.to);
  const rows: string[][] = [];
  for (const r of data.receipts.values()) {
    const paid = Date.parse(r.paidAt);
    if (paid < from || paid >= to) continue;
    const invoice = r.invoiceId ? await data.document(r.invoiceId) : null;
    rows.push([
      r.ticket,
      r.paymentId,
      r.paidAt,
      r.expiresAt,
      m(r.amount),
      r.currency,
      r.status,
      docLabel(invoice),
    ]);
  }
  return {
    name: 'receipts',
    title: { es: 'Recibos', en: 'Receipts' },
    columns: [
      { es: 'Ticket', en: 'Ticket' },
      { es: 'Pago', en: 'Payment' },
      { es: 'Fecha de pago', en: 'Paid at' },
      { es: 'Vence', en: 'Expires at' },
      { es: 'Monto', en: 'Amount', money: true },
      { es: 'Moneda', en: 'Currency' },
      { es: 'Estado', en: 'Status' },
      { es: 'Factura', en: 'Invoice' },
    ],
    rows,
  };
}

export function reconciliationTable(rec: Reconciliation, lang: Lang): Table {
  return {
    name: 'reconciliation',
    title: { es: 'Conciliación', en: 'Reconciliation' },
    columns: [
      { es: 'Alerta', en: 'Flag' },
      { es: 'Pago', en: 'Payment' },
      { es: 'Factura', en: 'Invoice' },
      { es: 'Recibo', en: 'Receipt' },
      { es: 'Esperado', en: 'Expected', money: true },
      { es: 'Encontrado', en: 'Found', money: true },
      { es: 'Qué hacer', en: 'What to do' },
    ],
    rows: rec.flags.map((f) => [
      f.kind,
      f.paymentId ?? '',
      f.invoiceId ?? '',
      f.receiptId ?? '',
      f.expected ?? '',
      f.found ?? '',
      lang === 'es' ? f.message : f.messageEn,
    ]),
  };
}
