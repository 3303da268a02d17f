/**
 * What the reports (issue #7) answer: the figures of a week or a month per merchant, the reconciliation
 * of payments against documents, and their exports. Portal (API `GET /v1/reports`, the dashboard) and the
 * CLI read these shapes; core/src/reports computes them from the store.
 *
 * Amounts are decimal strings in pesos (MXN): a CFDI in another currency counts at its TipoCambio, as the
 * accountant declares it. Periods are calendar weeks (Monday to Sunday) and months in Mexico City time.
 */
import type { DecimalString, Iso } from '../store/types.js';

export interface ReportPeriod {
  kind: 'week' | 'month';
  /** '2026-11' (month) or '2026-W48' (ISO week). */
  key: string;
  /** First instant (local midnight, Mexico City), inclusive. */
  from: Iso;
  /** First instant after the period, exclusive. */
  to: Iso;
  /** For people: "noviembre de 2026", "semana 48 de 2026 (23 al 29 de noviembre)"; English beside it. */
  label: string;
  labelEn: string;
}

/** Sums over a set of CFDIs, as written in them (Comprobante attributes and Impuestos totals). */
export interface Totals {
  /** How many CFDIs (or payments, where the table counts payments). */
  count: number;
  subtotal: DecimalString;
  discount: DecimalString;
  /** IVA and IEPS trasladados. */
  iva: DecimalString;
  ieps: DecimalString;
  /** ISR and IVA retenidos. */
  isrWithheld: DecimalString;
  ivaWithheld: DecimalString;
  total: DecimalString;
}

export type DocumentKindKey = 'invoice' | 'global' | 'credit_note';

export interface CustomerTotals extends Totals {
  customerId?: string;
  rfc: string;
  name: string;
}

export interface AgeBucket {
  /** '0-2', '3-7', '8-15', '16+' (days since paid). */
  key: string;
  label: string;
  labelEn: string;
  count: number;
  amount: DecimalString;
}

export type ReconciliationFlagKind =
  /** A payment past its deadline (receipt expired and not in a global, issuing too long, failed) without its CFDI. */
  | 'payment_without_document'
  /**
   * A live CFDI whose payments are unknown to the store (issued by hand from the API without a payment counts
   * only when it claims one), or a second live invoice for a payment that already has its own (invoiced twice).
   */
  | 'document_without_payment'
  /** What was paid (net of refunds) and what the live documents say differ by more than one cent. */
  | 'amount_mismatch'
  /** A refund with neither a credit note nor a cancellation (nor a voided receipt). */
  | 'refund_without_credit_note'
  /** A cancelled CFDI (motive 01 or 04) whose replacement was never issued. */
  | 'cancelled_without_replacement'
  /** A closed global period with expired receipts outside any stamped factura global. */
  | 'global_missing';

export const RECONCILIATION_FLAGS: readonly ReconciliationFlagKind[] = [
  'payment_without_document',
  'document_without_payment',
  'amount_mismatch',
  'refund_without_credit_note',
  'cancelled_without_replacement',
  'global_missing',
];

export interface ReconciliationFlag {
  kind: ReconciliationFlagKind;
  paymentId?: string;
  invoiceId?: string;
  receiptId?: string;
  /** What was expected and what was found, where amounts are involved. */
  expected?: DecimalString;
  found?: DecimalString;
  /** What is wrong and what to do, es-MX and English. */
  message: string;
  messageEn: string;
}

export interface Reconciliation {
  merchantId: string;
  period: ReportPeriod;
  /** Payments paid in the period, and how many of them have their document(s) and add up. */
  payments: number;
  matched: number;
  /** CFDIs issued in the period (any kind), and how many match their payments. */
  documents: number;
  documentsMatched: number;
  flags: ReconciliationFlag[];
  counts: Record<ReconciliationFlagKind, number>;
}

export interface PeriodReport {
  merchantId: string;
  period: ReportPeriod;
  generatedAt: Iso;
  /** Live CFDIs stamped in the period (cancelled ones are in `cancellations`), by kind, and all together. */
  byKind: Record<DocumentKindKey, Totals>;
  /** Ingresos minus egresos. */
  net: Totals;
  /** Ingresos by where the payment came from ('stripe', 'api', ...) and by c_FormaPago. */
  bySource: Record<string, Totals>;
  byPaymentForm: Record<string, Totals>;
  /** Named invoices by receptor, largest total first. */
  byCustomer: CustomerTotals[];
  receipts: {
    /** Open receipts now (waiting for the customer), with their age. */
    pending: { count: number; amount: DecimalString; ages: AgeBucket[] };
    /** Receipts of payments in the period: invoiced by the customer, sent to a global, voided. */
    invoicedByCustomer: { count: number; amount: DecimalString };
    inGlobal: { count: number; amount: DecimalString };
    voided: { count: number; amount: DecimalString };
  };
  cancellations: { count: number; total: DecimalString; byMotive: Record<string, number> };
  creditNotes: { count: number; total: DecimalString };
  /** Payments failed and waiting for the merchant (fix and retry). */
  failures: {
    count: number;
    items: { paymentId: string; code: string; message: string; messageEn: string; at: Iso }[];
  };
  reconciliation: { counts: Record<ReconciliationFlagKind, number>; payments: number; matched: number };
}

/** The tables the CSV export offers (the XLSX has them all, one sheet each, plus a summary). */
export const REPORT_TABLES = ['documents', 'payments', 'receipts', 'reconciliation'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/**
 * The facade's report use cases (`af.reports`). `period` is '2026-11' (month) or '2026-W48' (ISO week);
 * anything else is refused with REPORT_INVALID_PERIOD saying the accepted forms.
 */
export interface ReportUseCases {
  report(merchantId: string, period: string): Promise<PeriodReport>;
  reconcile(merchantId: string, period: string): Promise<Reconciliation>;
  /** The workbook for the accountant: summary, documents, payments, receipts, reconciliation. */
  xlsx(merchantId: string, period: string, options?: { lang?: 'es' | 'en' }): Promise<Buffer>;
  csv(
    merchantId: string,
    period: string,
    table: ReportTable,
    options?: { lang?: 'es' | 'en' },
  ): Promise<string>;
  /** ZIP of the period's stamped XML and PDF (and cancellation acuses), one folder per kind. */
  archive(merchantId: string, period: string): Promise<Buffer>;
  /** Emails the report (summary in the body, XLSX attached) to `to` or the merchant's report recipients. */
  send(merchantId: string, period: string, options?: { to?: string[] }): Promise<{ to: string[] }>;
}
