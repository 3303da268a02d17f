/**
 * Registers one sale through autofactura's REST API and answers what to write back into its row:
 * POST /v1/payments (Idempotency-Key = external id = airtable:base:record), then the payment's current
 * state (a replayed answer may be older than the payment) and its invoice's UUID.
 */
import { type SaleFields, STATUS } from './fields.js';
import { type RowFields, saleKey } from './sale.js';

export interface ApiClient {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

export type WriteBack = Record<string, string | null>;

interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON, read field by field
  json: any;
}

async function call(
  client: ApiClient,
  method: string,
  path: string,
  init: RequestInit = {},
): Promise<ApiAnswer> {
  const response = await (client.fetch ?? fetch)(`${client.baseUrl.replace(/\/$/, '')}${path}`, {
    method,
    ...init,
    headers: {
      authorization: `Bearer ${client.apiKey}`,
      'accept-language': 'es-MX',
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { error: { message: text.slice(0, 200) } };
  }
  return { status: response.status, json };
}

/** A 5xx or a network failure: the sync keeps the row for its next pass instead of writing an error. */
export class RetryLater extends Error {}

/** The messages of an API error, each with the field it names. */
function apiErrorText(answer: ApiAnswer): string {
  const error = answer.json?.error ?? {};
  const details: { message?: string; param?: string }[] = error.details ?? [error];
  return details.map((d) => (d.param ? `${d.message} (${d.param})` : String(d.message))).join(' ');
}

/** What autofactura said was wrong with the customer's fiscal data (the decision's fiscal problems). */
function fiscalProblems(payment: { events?: { type: string; data?: Record<string, unknown> }[] }): string {
  const decided = [...(payment.events ?? [])].reverse().find((e) => e.type === 'payment.decided');
  const problems = (decided?.data?.fiscal_problems ?? []) as { message: string }[];
  return problems.map((p) => p.message).join(' ');
}

export async function registerSale(
  client: ApiClient,
  baseId: string,
  recordId: string,
  body: RowFields,
  fields: SaleFields,
): Promise<WriteBack> {
  const key = saleKey(baseId, recordId);
  const post = (idempotencyKey: string) =>
    call(client, 'POST', '/v1/payments', {
      body: JSON.stringify(body),
      headers: { 'idempotency-key': idempotencyKey },
    });
  let answer = await post(key);
  if (answer.status === 409) {
    // The row changed since it was first sent (e.g. its RFC fixed): the same external id keeps it one
    // payment, and a payment still waiting for its customer takes the new fiscal data.
    answer = await post(`${key}:${fingerprint(JSON.stringify(body))}`);
  }
  if (answer.status >= 500) throw new RetryLater(apiErrorText(answer));
  const base = blank(fields);
  if (answer.status >= 400)
    return { ...base, [fields.status]: STATUS.error, [fields.error]: apiErrorText(answer) };
  const recorded = answer.json;
  const current =
    recorded.status === 'invoiced'
      ? recorded
      : (await call(client, 'GET', `/v1/payments/${recorded.id}`)).json;
  const out: WriteBack = { ...base, [fields.payment]: recorded.id };
  const invoiceId: string | undefined = recorded.invoice?.id ?? current.invoice_id;
  if (current.status === 'invoiced' && invoiceId) {
    const uuid =
      recorded.invoice?.uuid ?? (await call(client, 'GET', `/v1/invoices/${invoiceId}`)).json?.uuid ?? null;
    const root = client.baseUrl.replace(/\/$/, '');
    return {
      ...out,
      [fields.status]: STATUS.invoiced,
      [fields.uuid]: uuid,
      [fields.pdf]: `${root}/v1/invoices/${invoiceId}/pdf`,
      [fields.xml]: `${root}/v1/invoices/${invoiceId}/xml`,
    };
  }
  if (current.status === 'awaiting_customer') {
    const problems = fiscalProblems(current);
    return {
      ...out,
      [fields.status]: problems ? STATUS.error : STATUS.awaitingCustomer,
      [fields.portal]: recorded.receipt?.url ?? null,
      [fields.error]: problems || null,
    };
  }
  if (current.status === 'failed') {
    return { ...out, [fields.status]: STATUS.error, [fields.error]: current.failure?.message ?? null };
  }
  const simple: Record<string, string> = {
    in_global: STATUS.inGlobal,
    refunded: STATUS.refunded,
    ignored: STATUS.ignored,
  };
  return { ...out, [fields.status]: simple[current.status] ?? STATUS.issuing };
}

/** Every write-back field emptied: a value left from an earlier answer must not stay beside a new one. */
function blank(fields: SaleFields): WriteBack {
  const names = [fields.uuid, fields.pdf, fields.xml, fields.portal, fields.error];
  return Object.fromEntries(names.map((name) => [name, null]));
}

/** FNV-1a, 32 bits, hex: a short, stable fingerprint of a body (not a secret). */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
