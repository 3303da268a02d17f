/** OpenAPI: /v1/invoices — read, list, XML/PDF, issue from an invoice request, cancel, email. */

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
  type OpenApiArea,
  object,
  pageParams,
  ref,
  type Schema,
  str,
} from './common.js';
import { paymentItem } from './payments.js';

const STATUSES = [
  'sealed',
  'stamped',
  'failed',
  'cancellation_pending',
  'cancelled',
  'cancellation_rejected',
];
const KINDS = ['invoice', 'credit_note', 'global'];
const money = { type: ['string', 'number'] };

const requestCustomer = object(
  {
    rfc: str(),
    name: str('Exactly as registered, without the capital regime ("KIJ", not "KIJ, S.A. DE C.V.").'),
    tax_regime: str(),
    zip: str(),
    cfdi_use: str(),
    email: str('Where the invoice is sent; not in the CFDI.'),
    country: str(),
    tax_id: str(),
  },
  ['rfc', 'name', 'tax_regime', 'zip', 'cfdi_use'],
);

const requestItem = {
  ...paymentItem,
  properties: {
    ...(paymentItem.properties as object),
    taxes: {
      type: 'array',
      items: object(
        {
          type: { enum: ['IVA', 'ISR', 'IEPS'] },
          factor: { enum: ['Tasa', 'Cuota', 'Exento'] },
          rate: money,
          withholding: { type: 'boolean' },
          amount: money,
          base: money,
        },
        ['type'],
      ),
    },
  },
};

const schemas: Record<string, Schema> = {
  InvoiceRequest: object(
    {
      type: { enum: ['I', 'E'], description: 'I ingreso (default), E egreso (credit note).' },
      customer: requestCustomer,
      series: str("Default: the merchant's invoice series. The folio is assigned, consecutive per series."),
      date: str('Default now, in the local time of the issuer zip.'),
      currency: str(),
      exchange_rate: money,
      payment_form: str('c_FormaPago; required with PUE.'),
      payment_method: { enum: ['PUE', 'PPD'] },
      payment_conditions: str(),
      export: str(),
      global: object({ periodicity: str(), months: str(), year: { type: ['string', 'integer'] } }, [
        'periodicity',
        'months',
        'year',
      ]),
      related: {
        type: 'array',
        items: object({ relationship: str('c_TipoRelacion.'), uuids: { type: 'array', items: str() } }, [
          'relationship',
          'uuids',
        ]),
      },
      items: { type: 'array', minItems: 1, items: requestItem },
    },
    ['customer', 'items'],
    'The invoice request of docs/invoice-request.md without `issuer` (the merchant of the key) and `folio` (assigned).',
  ),
  Invoice: object(
    {
      object: { const: 'invoice' },
      id: str(),
      kind: { enum: KINDS },
      type: { enum: ['I', 'E', 'P'] },
      series: str(),
      folio: { type: 'integer' },
      payment_ids: { type: 'array', items: str() },
      receipt_ids: { type: 'array', items: str() },
      customer_id: str(),
      receiver_rfc: str(),
      receiver_name: str(),
      currency: str(),
      subtotal: decimal('SubTotal.'),
      discount: decimal('Descuento.'),
      total: decimal('Total.'),
      fecha: str('CFDI Fecha, local time of LugarExpedicion (no offset).'),
      status: { enum: STATUSES },
      history: {
        type: 'array',
        items: object({ status: { enum: STATUSES }, at: instant(''), code: str(), message: str() }, [
          'status',
          'at',
        ]),
      },
      uuid: str('Folio fiscal, once stamped.'),
      stamped_at: instant(''),
      related: object({ relationship: str(), uuids: { type: 'array', items: str() } }, [
        'relationship',
        'uuids',
      ]),
      cancellation: object(
        {
          motive: { enum: ['01', '02', '03', '04'] },
          replacement_uuid: str(),
          requested_at: instant(''),
          status: str("'requested', 'refused', or the PAC's: 'En proceso', 'Cancelado sin aceptación', ..."),
        },
        ['motive', 'requested_at', 'status'],
      ),
      global_period: object(
        { periodicity: str(), months: str(), year: { type: 'integer' }, from: instant(''), to: instant('') },
        ['periodicity', 'months', 'year', 'from', 'to'],
      ),
      has_xml: { type: 'boolean' },
      has_pdf: { type: 'boolean' },
      created_at: instant(''),
      updated_at: instant(''),
    },
    [
      'object',
      'id',
      'kind',
      'type',
      'series',
      'folio',
      'payment_ids',
      'receipt_ids',
      'receiver_rfc',
      'receiver_name',
      'currency',
      'subtotal',
      'total',
      'fecha',
      'status',
      'history',
      'has_xml',
      'has_pdf',
      'created_at',
      'updated_at',
    ],
  ),
  InvoiceCancel: object(
    {
      motive: { enum: ['01', '02', '03', '04'], description: 'c_MotivoCancelacion.' },
      replacement_uuid: str('Required with motive 01: the UUID of the invoice that replaces this one.'),
    },
    ['motive'],
  ),
  InvoiceEmailRequest: object({
    to: { type: 'array', items: { type: 'string', format: 'email' }, minItems: 1 },
  }),
  InvoiceEmail: object(
    {
      object: { const: 'invoice_email' },
      invoice_id: str(),
      to: { type: 'array', items: str() },
      status: { enum: ['sent', 'queued'] },
    },
    ['object', 'invoice_id', 'to', 'status'],
  ),
};

const notFound = errorResponse('Not found for this merchant.');
const one = (description: string) => ({ description, content: json(ref('Invoice')) });

export const invoicesArea: OpenApiArea = {
  schemas,
  paths: {
    '/v1/invoices': {
      get: {
        operationId: 'listInvoices',
        tags: ['invoices'],
        summary: 'Invoices, newest first, in cursor pages',
        parameters: [
          { name: 'payment_id', in: 'query', schema: { type: 'string' } },
          { name: 'status', in: 'query', schema: { enum: STATUSES } },
          { name: 'kind', in: 'query', schema: { enum: KINDS } },
          ...instantParams.map((p) => ({ ...p, description: `${p.description} Compared with created_at.` })),
          ...pageParams,
        ],
        responses: {
          '200': { description: 'A page.', content: json(listOf(ref('Invoice'), 'Invoices.')) },
          ...commonErrors,
        },
      },
      post: {
        operationId: 'createInvoice',
        tags: ['invoices'],
        summary: 'Issue (build, seal, stamp) a CFDI from an invoice request; the issuer is the merchant',
        parameters: [idempotencyHeader(false)],
        requestBody: { required: true, content: json(ref('InvoiceRequest')) },
        responses: {
          '201': one('Issued: `stamped`, or `sealed` when the PAC is unavailable (stamping is retried).'),
          '409': errorResponse('Idempotency-Key reused with another body.'),
          '422': errorResponse('The engine or the PAC refused the document (SAT rule codes).'),
          ...commonErrors,
        },
      },
    },
    '/v1/invoices/{id}': {
      get: {
        operationId: 'getInvoice',
        tags: ['invoices'],
        summary: 'An invoice',
        parameters: [idParam('invoice')],
        responses: { '200': one('The invoice.'), '404': notFound, ...commonErrors },
      },
    },
    '/v1/invoices/{id}/xml': {
      get: {
        operationId: 'getInvoiceXml',
        tags: ['invoices'],
        summary: 'The stamped CFDI XML (the sealed one while not stamped)',
        parameters: [idParam('invoice')],
        responses: {
          '200': { description: 'XML.', content: { 'application/xml': {} } },
          '404': notFound,
          ...commonErrors,
        },
      },
    },
    '/v1/invoices/{id}/pdf': {
      get: {
        operationId: 'getInvoicePdf',
        tags: ['invoices'],
        summary: 'The PDF representation of the stamped CFDI',
        parameters: [idParam('invoice')],
        responses: {
          '200': { description: 'PDF.', content: { 'application/pdf': {} } },
          '404': notFound,
          ...commonErrors,
        },
      },
    },
    '/v1/invoices/{id}/cancel': {
      post: {
        operationId: 'cancelInvoice',
        tags: ['invoices'],
        summary: "Cancel through the PAC with SAT's motive; 202 while the receiver must accept",
        parameters: [idParam('invoice')],
        requestBody: { required: true, content: json(ref('InvoiceCancel')) },
        responses: {
          '200': one('`cancelled`, or `cancellation_rejected` by the receiver.'),
          '202': one('`cancellation_pending`: the receiver has 72 hours to answer; ask again to refresh.'),
          '404': notFound,
          '409': errorResponse('Not stamped, so not cancellable.'),
          '422': errorResponse('The PAC refused the request (its code, e.g. 205).'),
          ...commonErrors,
        },
      },
    },
    '/v1/invoices/{id}/email': {
      post: {
        operationId: 'emailInvoice',
        tags: ['invoices'],
        summary: "Send the invoice (XML + PDF) again, to `to` or to the customer's email",
        parameters: [idParam('invoice')],
        requestBody: { required: false, content: json(ref('InvoiceEmailRequest')) },
        responses: {
          '200': { description: 'Sent.', content: json(ref('InvoiceEmail')) },
          '202': {
            description: 'Queued (the mail server will be retried).',
            content: json(ref('InvoiceEmail')),
          },
          '404': notFound,
          '409': errorResponse('Not a live stamped invoice.'),
          '422': errorResponse('No recipient.'),
          ...commonErrors,
        },
      },
    },
  },
};
