/**
 * The body of POST /v1/payments (snake_case) -> core's PaymentInput (camelCase). Only the shape is
 * checked here (objects where objects go); core checks every value and answers with the field's path.
 */
import type { PaymentInput } from '../../../core/src/automation/types.js';
import type { PaymentCustomerInput, PaymentItem } from '../../../core/src/store/types.js';
import { apiError } from '../http-error.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function mustBeObject(value: unknown, param: string): Json | undefined {
  if (value === undefined || value === null) return undefined;
  if (isObject(value)) return value;
  throw apiError(
    400,
    'INVALID_PARAMETER',
    `${param} debe ser un objeto JSON.`,
    `${param} must be a JSON object.`,
    param,
  );
}

function pick<T extends object>(source: Json, fields: Record<string, keyof T>): Partial<T> {
  const out: Partial<T> = {};
  for (const [from, to] of Object.entries(fields)) {
    if (source[from] !== undefined && source[from] !== null) (out as Json)[to as string] = source[from];
  }
  return out;
}

const CUSTOMER: Record<string, keyof PaymentCustomerInput> = {
  email: 'email',
  name: 'name',
  external_id: 'externalId',
  rfc: 'rfc',
  tax_regime: 'taxRegime',
  zip: 'zip',
  cfdi_use: 'cfdiUse',
};

const ITEM: Record<string, keyof PaymentItem> = {
  product_key: 'productKey',
  unit_key: 'unitKey',
  unit: 'unit',
  sku: 'sku',
  description: 'description',
  quantity: 'quantity',
  unit_price: 'unitPrice',
  discount: 'discount',
  tax_included: 'taxIncluded',
  tax_object: 'taxObject',
  taxes: 'taxes',
};

const PAYMENT: Record<string, keyof PaymentInput> = {
  amount: 'amount',
  currency: 'currency',
  exchange_rate: 'exchangeRate',
  paid_at: 'paidAt',
  method: 'method',
  payment_form: 'paymentForm',
  automation: 'automation',
};

export function paymentInput(body: unknown, idempotencyKey: string, mode: 'test' | 'live'): PaymentInput {
  const json = mustBeObject(body, 'body');
  if (!json) {
    throw apiError(
      400,
      'BODY_REQUIRED',
      'Envía el pago como JSON (Content-Type: application/json).',
      'Send the payment as JSON (Content-Type: application/json).',
    );
  }
  const customer = mustBeObject(json.customer, 'customer');
  const metadata = mustBeObject(json.metadata, 'metadata');
  let items: PaymentItem[] | undefined;
  if (json.items !== undefined && json.items !== null) {
    if (!Array.isArray(json.items)) {
      throw apiError(400, 'INVALID_PARAMETER', 'items debe ser una lista.', 'items must be a list.', 'items');
    }
    items = json.items.map(
      (item, i) => pick<PaymentItem>(mustBeObject(item, `items[${i}]`) ?? {}, ITEM) as PaymentItem,
    );
  }
  const externalId =
    typeof json.external_id === 'string' && json.external_id.trim() ? json.external_id : idempotencyKey;
  return {
    ...(pick<PaymentInput>(json, PAYMENT) as Partial<PaymentInput>),
    // A test payment never dedupes against a live one with the same external id.
    source: mode === 'test' ? 'api_test' : 'api',
    externalId,
    mode,
    amount: json.amount as string,
    ...(customer ? { customer: pick<PaymentCustomerInput>(customer, CUSTOMER) } : {}),
    ...(items ? { items } : {}),
    ...(metadata ? { metadata: metadata as Record<string, string> } : {}),
  };
}
