/** OpenAPI: /v1/payments — record (Idempotency-Key), fetch with its event log, list. */
import { PAYMENT_STATUSES as STORED_PAYMENT_STATUSES } from '../../../../core/src/store/types.js';
import {
  commonErrors,
  decimal,
  errorResponse,
  idempotencyHeader,
  idParam,
  instant,
  instantParams,
  json,
  listOf,
  nullable,
  type OpenApiArea,
  object,
  pageParams,
  ref,
  type Schema,
  str,
} from './common.js';

const METHODS = ['card_credit', 'card_debit', 'cash', 'transfer', 'wallet', 'other'];
const AUTOMATION = ['auto', 'invoice', 'receipt', 'none'];
export const PAYMENT_STATUSES = [...STORED_PAYMENT_STATUSES];

/** `order` of the payment, invoice and receipt lists (the three share the store's list order). */
export const listOrderParam = {
  name: 'order',
  in: 'query',
  description:
    'asc: oldest first (the order they were recorded, the default); desc: newest first. A cursor keeps the order of the page that gave it; passing it with the other order is refused (400 INVALID_CURSOR).',
  schema: { enum: ['asc', 'desc'] },
};

const money = {
  type: ['string', 'number'],
  description: 'Decimal string ("1160.00"); a JSON number is read through its text.',
};

const tax = object(
  {
    type: { enum: ['IVA', 'ISR', 'IEPS'] },
    rate: money,
    factor: { enum: ['Tasa', 'Cuota', 'Exento'] },
    withholding: { type: 'boolean' },
  },
  ['type'],
);

export const paymentItem = object(
  {
    product_key: str('c_ClaveProdServ, e.g. 86121700.'),
    unit_key: str('c_ClaveUnidad, e.g. E48.'),
    unit: str(),
    sku: str(),
    description: str(),
    quantity: money,
    unit_price: money,
    discount: money,
    tax_included: { type: 'boolean' },
    tax_object: str('c_ObjetoImp.'),
    taxes: { type: 'array', items: tax },
  },
  ['product_key', 'unit_key', 'description', 'quantity', 'unit_price'],
);

const customerFields = {
  email: str(),
  name: str(),
  external_id: str("The customer's id in your system."),
  rfc: str(),
  tax_regime: str('c_RegimenFiscal, e.g. 612.'),
  zip: str('Postal code of the tax address.'),
  cfdi_use: str('c_UsoCFDI, e.g. G03.'),
};

const schemas: Record<string, Schema> = {
  PaymentCreate: object(
    {
      external_id: str('Your id of the payment; default the Idempotency-Key.'),
      amount: money,
      currency: str('ISO 4217, default MXN.'),
      exchange_rate: money,
      paid_at: str('ISO 8601; default now.'),
      method: { enum: METHODS },
      payment_form: str('c_FormaPago; overrides the mapping from `method`.'),
      customer: object(customerFields),
      items: { type: 'array', items: paymentItem },
      automation: { enum: AUTOMATION },
      metadata: { type: 'object', additionalProperties: { type: 'string' } },
    },
    ['amount'],
  ),
  PaymentRecorded: object(
    {
      id: str(),
      object: { const: 'payment' },
      status: { enum: PAYMENT_STATUSES },
      external_id: str(),
      mode: { enum: ['test', 'live'] },
      amount: decimal('Amount paid.'),
      currency: str(),
      invoice: object({ id: str(), uuid: nullable(str()), status: str() }, ['id', 'uuid', 'status']),
      receipt: object({ id: str(), url: str(), expires_at: instant('') }, ['id', 'url', 'expires_at']),
      failure: object({ code: str(), message: str() }, ['code', 'message']),
    },
    ['id', 'object', 'status', 'external_id', 'mode', 'amount', 'currency'],
  ),
  Payment: object(
    {
      object: { const: 'payment' },
      id: str(),
      source: str("'api', 'stripe', ..."),
      external_id: str(),
      mode: { enum: ['test', 'live'] },
      amount: decimal('Amount paid.'),
      currency: str(),
      exchange_rate: decimal('TipoCambio.'),
      paid_at: instant('When it was paid.'),
      method: { enum: METHODS },
      payment_form: str('c_FormaPago.'),
      items: { type: 'array', items: paymentItem },
      customer: object(customerFields, [], 'The customer as the payment described it.'),
      customer_id: str(),
      automation: { enum: AUTOMATION },
      metadata: { type: 'object', additionalProperties: { type: 'string' } },
      status: { enum: PAYMENT_STATUSES },
      invoice_id: str(),
      receipt_id: str(),
      global_invoice_id: str(),
      refunds: {
        type: 'array',
        items: object(
          {
            external_id: str(),
            amount: decimal('Refunded.'),
            at: instant(''),
            invoice_id: str(),
            outcome: { enum: ['credit_note', 'cancelled', 'receipt_voided', 'pending'] },
          },
          ['external_id', 'amount', 'at'],
        ),
      },
      failure: object({ code: str(), message: str(), message_en: str(), at: instant('') }, [
        'code',
        'message',
        'at',
      ]),
      created_at: instant(''),
      updated_at: instant(''),
    },
    [
      'object',
      'id',
      'source',
      'external_id',
      'mode',
      'amount',
      'currency',
      'paid_at',
      'method',
      'payment_form',
      'customer',
      'automation',
      'metadata',
      'status',
      'refunds',
      'created_at',
      'updated_at',
    ],
  ),
  Event: object(
    {
      seq: { type: 'integer' },
      id: str(),
      payment_id: str(),
      invoice_id: str(),
      receipt_id: str(),
      type: str('payment.received, payment.decided, invoice.stamped, email.sent, ...'),
      data: { type: 'object' },
      at: instant(''),
    },
    ['seq', 'id', 'type', 'data', 'at'],
  ),
};

schemas.PaymentWithEvents = {
  ...schemas.Payment,
  properties: {
    ...(schemas.Payment!.properties as object),
    events: { type: 'array', items: ref('Event') },
  },
  required: [...(schemas.Payment!.required as string[]), 'events'],
};

export const paymentsArea: OpenApiArea = {
  schemas,
  paths: {
    '/v1/payments': {
      post: {
        operationId: 'createPayment',
        tags: ['payments'],
        summary: 'Record a payment; invoice it at once, open a receipt with a portal link, or do nothing',
        parameters: [idempotencyHeader(true)],
        requestBody: { required: true, content: json(ref('PaymentCreate')) },
        responses: {
          '201': { description: 'Recorded (and decided).', content: json(ref('PaymentRecorded')) },
          '200': {
            description: 'Already recorded under this external_id.',
            content: json(ref('PaymentRecorded')),
          },
          '409': errorResponse('Idempotency-Key reused with another body.'),
          '413': errorResponse('Body above 1 MB.'),
          '415': errorResponse('Not JSON.'),
          '422': errorResponse('Values that cannot be invoiced (items do not add up, bad fiscal data...).'),
          ...commonErrors,
        },
      },
      get: {
        operationId: 'listPayments',
        tags: ['payments'],
        summary: 'Payments in cursor pages, oldest or newest first; or the one with an external id',
        parameters: [
          {
            name: 'external_id',
            in: 'query',
            description:
              "The payment's id at its source (your order or payment reference): a list of that payment, or empty.",
            schema: { type: 'string' },
          },
          {
            name: 'source',
            in: 'query',
            description:
              "With `external_id`: where the payment came from ('api' by default, 'stripe', ...). With a test key, 'api' means its test payments.",
            schema: { type: 'string' },
          },
          { name: 'status', in: 'query', schema: { enum: PAYMENT_STATUSES } },
          ...paidAtParams(),
          listOrderParam,
          ...pageParams,
        ],
        responses: {
          '200': { description: 'A page.', content: json(listOf(ref('Payment'), 'Payments.')) },
          ...commonErrors,
        },
      },
    },
    '/v1/payments/{id}': {
      get: {
        operationId: 'getPayment',
        tags: ['payments'],
        summary: 'A payment with its event log',
        parameters: [idParam('payment')],
        responses: {
          '200': { description: 'The payment.', content: json(ref('PaymentWithEvents')) },
          '404': errorResponse('Not found for this merchant.'),
          ...commonErrors,
        },
      },
    },
  },
};

function paidAtParams() {
  return instantParams.map((p) => ({ ...p, description: `${p.description} Compared with paid_at.` }));
}
