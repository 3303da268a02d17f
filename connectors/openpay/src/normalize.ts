/**
 * An authenticated OpenPay notification -> what core should do with it (pure).
 * - verification: the registration handshake; its code is shown to the merchant to paste in OpenPay.
 * - charge.succeeded / spei.received: the transaction is one payment (externalId = its id); amount in
 *   pesos read as a decimal (never by float arithmetic), card credit -> 04 / debit -> 28, store (cash at
 *   OXXO, 7-Eleven...) -> 01, bank_account / SPEI -> 03; customer name, last name and email, fiscal
 *   data from the charge's metadata (sat_rfc, sat_name, sat_zip, sat_tax_regime, sat_cfdi_use).
 * - charge.refunded: the charge's refund (recorded after the charge if the charge never came);
 *   chargeback.accepted: the charge refunded in full. Anything else is ignored.
 */
import type { PaymentInput, RefundInput } from '../../../core/src/automation/types.js';
import { readDecimal } from '../../../core/src/money/parse-decimal.js';
import type { PaymentCustomerInput, PaymentMethod } from '../../../core/src/store/types.js';
import { openpayError } from './errors.js';
import { notificationSchema, type OpenpayNotification, type OpenpayTransaction } from './schema.js';

export const SOURCE = 'openpay';

export type OpenpayAction =
  | { kind: 'verification'; code: string }
  | { kind: 'payment'; transactionId: string }
  | { kind: 'refund'; transactionId: string; chargeback: boolean }
  | { kind: 'ignored'; reason: string; reasonEn: string };

function malformed(issues: { path: PropertyKey[] }[]) {
  const where = issues
    .slice(0, 5)
    .map((issue) => issue.path.map(String).join('.') || '(raíz)')
    .join(', ');
  return openpayError(
    'OPENPAY_EVENT_MALFORMED',
    `La notificación de OpenPay no tiene la forma esperada (revisa: ${where}).`,
    `The OpenPay notification does not have the expected shape (check: ${where}).`,
  );
}

export function parseNotification(body: unknown): OpenpayNotification {
  const parsed = notificationSchema.safeParse(body);
  if (!parsed.success) throw malformed(parsed.error.issues);
  const note = parsed.data;
  if (note.type === 'verification') {
    if (!note.verification_code?.trim()) throw malformed([{ path: ['verification_code'] }]);
  } else if (!note.transaction && /^(charge|spei|chargeback)\./.test(note.type)) {
    throw malformed([{ path: ['transaction'] }]);
  }
  return note;
}

const ignored = (reason: string, reasonEn: string): OpenpayAction => ({ kind: 'ignored', reason, reasonEn });

export function actionOf(note: OpenpayNotification): OpenpayAction {
  const id = note.transaction?.id ?? '';
  switch (note.type) {
    case 'verification':
      return { kind: 'verification', code: note.verification_code!.trim() };
    case 'charge.succeeded':
    case 'spei.received':
      return { kind: 'payment', transactionId: id };
    case 'charge.refunded':
      return { kind: 'refund', transactionId: id, chargeback: false };
    case 'chargeback.accepted':
      return { kind: 'refund', transactionId: id, chargeback: true };
    default:
      return ignored(
        `Evento ${note.type}: no registra pagos (solo charge.succeeded, spei.received, charge.refunded y chargeback.accepted).`,
        `Event ${note.type}: records no payment (only charge.succeeded, spei.received, charge.refunded and chargeback.accepted).`,
      );
  }
}

/** A JSON amount of pesos as a decimal string with two decimals; throws on anything else. */
export function pesos(value: number | string, path: string): string {
  const read = readDecimal(value);
  if (!read.ok || read.value.lte(0)) {
    throw openpayError(
      'OPENPAY_EVENT_MALFORMED',
      `El importe ${path} de OpenPay no es un decimal mayor que cero.`,
      `OpenPay's amount ${path} is not a decimal greater than zero.`,
    );
  }
  return read.value.toFixed(2);
}

function isoOf(...dates: (string | null | undefined)[]): string | undefined {
  for (const date of dates) {
    if (!date) continue;
    const at = new Date(date);
    if (!Number.isNaN(at.getTime())) return at.toISOString();
  }
  return undefined;
}

export function methodOf(tx: OpenpayTransaction, type: string): PaymentMethod | undefined {
  if (type === 'spei.received') return 'transfer';
  switch (tx.method) {
    case 'card':
      if (tx.card?.type === 'debit') return 'card_debit';
      if (tx.card?.type === 'credit') return 'card_credit';
      return undefined;
    case 'store':
      return 'cash';
    case 'bank_account':
      return 'transfer';
    default:
      return undefined;
  }
}

function metaText(tx: OpenpayTransaction, key: string): string | undefined {
  const value = tx.metadata?.[key];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function customerOf(tx: OpenpayTransaction): PaymentCustomerInput {
  const c = tx.customer ?? {};
  const out: PaymentCustomerInput = {};
  const set = (key: keyof PaymentCustomerInput, value: string | null | undefined) => {
    if (value?.trim()) out[key] = value.trim();
  };
  const fullName = [c.name, c.last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  set('externalId', c.external_id ?? c.id);
  set('email', c.email);
  set('name', metaText(tx, 'sat_name') ?? fullName);
  set('rfc', metaText(tx, 'sat_rfc')?.toUpperCase());
  set('zip', metaText(tx, 'sat_zip'));
  set('taxRegime', metaText(tx, 'sat_tax_regime'));
  set('cfdiUse', metaText(tx, 'sat_cfdi_use')?.toUpperCase());
  return out;
}

export function transactionPayment(
  tx: OpenpayTransaction,
  type: string,
  eventDate?: string | null,
): PaymentInput {
  const method = methodOf(tx, type);
  const paidAt = isoOf(tx.operation_date, tx.creation_date, eventDate);
  return {
    source: SOURCE,
    externalId: tx.id,
    amount: pesos(tx.amount, 'transaction.amount'),
    currency: (tx.currency ?? 'MXN').toUpperCase(),
    ...(paidAt ? { paidAt } : {}),
    ...(method ? { method } : {}),
    customer: customerOf(tx),
    metadata: {
      openpay_transaction: tx.id,
      ...(tx.method ? { openpay_method: tx.card?.type ? `${tx.method}:${tx.card.type}` : tx.method } : {}),
      ...(tx.order_id ? { openpay_order: tx.order_id } : {}),
      ...(tx.authorization ? { openpay_authorization: tx.authorization } : {}),
      ...(tx.card?.brand ? { card_brand: tx.card.brand } : {}),
    },
  };
}

export function transactionRefund(
  tx: OpenpayTransaction,
  chargeback: boolean,
  eventDate?: string | null,
): RefundInput {
  if (chargeback || !tx.refund) {
    const at = isoOf(eventDate, tx.operation_date);
    return {
      source: SOURCE,
      paymentExternalId: tx.id,
      refundExternalId: `${tx.id}:${chargeback ? 'chargeback' : 'refund'}`,
      amount: pesos(tx.amount, 'transaction.amount'),
      ...(at ? { at } : {}),
    };
  }
  const at = isoOf(tx.refund.operation_date, tx.refund.creation_date, eventDate);
  return {
    source: SOURCE,
    paymentExternalId: tx.id,
    refundExternalId: tx.refund.id,
    amount: pesos(tx.refund.amount, 'transaction.refund.amount'),
    ...(at ? { at } : {}),
  };
}
