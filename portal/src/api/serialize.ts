/** What the API returns for core records: snake_case, no merchant id, no blob keys or secrets. */
import type { RecordPaymentResult } from '../../../core/src/automation/types.js';
import type { Customer, Receipt, StoredEvent } from '../../../core/src/store/types.js';
import { snakeKeys } from '../snake.js';

/** Payments and invoices as webhook events carry them too (one serializer: core's api-objects.ts). */
export {
  invoiceObject as invoiceJson,
  paymentObject as paymentJson,
} from '../../../core/src/automation/webhooks/api-objects.js';

export function eventJson(event: StoredEvent): Record<string, unknown> {
  const { merchantId: _m, ...rest } = event;
  return snakeKeys(rest, []) as Record<string, unknown>;
}

/** The answer of POST /v1/payments. */
export function recordedJson(result: RecordPaymentResult): Record<string, unknown> {
  const { payment, invoice, receipt } = result;
  return {
    id: payment.id,
    object: 'payment',
    status: payment.status,
    external_id: payment.externalId,
    mode: payment.mode,
    amount: payment.amount,
    currency: payment.currency,
    ...(invoice ? { invoice: { id: invoice.id, uuid: invoice.uuid ?? null, status: invoice.status } } : {}),
    ...(receipt ? { receipt: { id: receipt.id, url: receipt.url, expires_at: receipt.expiresAt } } : {}),
    ...(payment.failure ? { failure: { code: payment.failure.code, message: payment.failure.message } } : {}),
  };
}

/** A customer: its ids at each source (`source_ids`, e.g. { "api": "c-17" }) kept as they are. */
export function customerJson(customer: Customer): Record<string, unknown> {
  const { merchantId: _m, ...rest } = customer;
  return { object: 'customer', fiscal: null, ...(snakeKeys(rest, ['sourceIds']) as object) };
}

/** A receipt: never its token or token hash; `url` only while it is open. */
export function receiptJson(receipt: Receipt & { url?: string }): Record<string, unknown> {
  const { merchantId: _m, token: _t, tokenHash: _h, ...rest } = receipt;
  return { object: 'receipt', ...(snakeKeys(rest) as object) };
}
