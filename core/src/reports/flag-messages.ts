/** What each reconciliation flag tells the merchant (and their accountant) to do, es-MX and English. */
import type { ReconciliationFlagKind } from './types.js';

export interface FlagFacts {
  /** How the payment or document is named for people: "pago ch_123 (stripe)", "factura A-12". */
  what: string;
  whatEn: string;
  expected?: string;
  found?: string;
  /** A short reason (failure code, receipt ticket, cancellation motive). */
  reason?: string;
}

type Texts = (f: FlagFacts) => [string, string];

const TEXTS: Record<ReconciliationFlagKind, Texts> = {
  payment_without_document: (f) => [
    `El ${f.what} no tiene factura y ya pasó su plazo${f.reason ? ` (${f.reason})` : ''}. Revisa los datos del pago en el panel y reintenta la facturación, o emite la factura manualmente.`,
    `The ${f.whatEn} has no invoice and its deadline has passed${f.reason ? ` (${f.reason})` : ''}. Check the payment in the dashboard and retry invoicing, or issue the invoice by hand.`,
  ],
  document_without_payment: (f) => [
    `La ${f.what} ampara pagos que no están registrados${f.reason ? ` (${f.reason})` : ''}. Registra el pago que la respalda o, si no hubo venta, cancela el CFDI con motivo 03.`,
    `The ${f.whatEn} covers payments that are not recorded${f.reason ? ` (${f.reason})` : ''}. Record the payment behind it or, if there was no sale, cancel the CFDI with motive 03.`,
  ],
  amount_mismatch: (f) => [
    `En la ${f.what} lo cobrado (neto de devoluciones) es ${f.expected} y los CFDI vigentes suman ${f.found}. Emite una nota de crédito por la diferencia o sustituye la factura (cancelación con motivo 01).`,
    `For the ${f.whatEn} what was paid (net of refunds) is ${f.expected} and the live CFDIs add up to ${f.found}. Issue a credit note for the difference or replace the invoice (cancellation with motive 01).`,
  ],
  refund_without_credit_note: (f) => [
    `El ${f.what} tiene una devolución de ${f.expected} sin nota de crédito ni cancelación desde hace más de una hora. Revisa los trabajos pendientes en el panel y reintenta la devolución.`,
    `The ${f.whatEn} has a refund of ${f.expected} with neither a credit note nor a cancellation for over an hour. Check the pending work in the dashboard and retry the refund.`,
  ],
  cancelled_without_replacement: (f) => [
    `La ${f.what} se canceló${f.reason ? ` con motivo ${f.reason}` : ''} y su CFDI sustituto no está timbrado. Emite y timbra la factura que la sustituye para que la venta siga facturada.`,
    `The ${f.whatEn} was cancelled${f.reason ? ` with motive ${f.reason}` : ''} and its replacement CFDI is not stamped. Issue and stamp the replacement invoice so the sale stays invoiced.`,
  ],
  global_missing: (f) => [
    `El ${f.what} venció sin que el cliente pidiera factura y no está en ninguna factura global timbrada, aunque su periodo cerró hace más de 24 horas. Emite la global desde el servidor o con: ${f.reason}`,
    `The ${f.whatEn} expired unclaimed and is in no stamped factura global, although its period closed over 24 hours ago. Issue the global from the server or with: ${f.reason}`,
  ],
};

export function flagText(
  kind: ReconciliationFlagKind,
  facts: FlagFacts,
): { message: string; messageEn: string } {
  const [message, messageEn] = TEXTS[kind](facts);
  return { message, messageEn };
}
