/** OpenAPI: /v1/receipts — self-invoice links: list, fetch, cancel (void). */
import { RECEIPT_STATUSES as STORED_RECEIPT_STATUSES } from '../../../../core/src/store/types.js';
import {
  commonErrors,
  decimal,
  errorResponse,
  idParam,
  instant,
  json,
  listOf,
  type OpenApiArea,
  object,
  pageParams,
  ref,
  str,
} from './common.js';
import { listOrderParam } from './payments.js';

const RECEIPT_STATUSES = [...STORED_RECEIPT_STATUSES];
const notFound = errorResponse('Not found for this merchant.');

export const receiptsArea: OpenApiArea = {
  schemas: {
    ReceiptEmailRequest: object({
      to: { type: 'array', items: { type: 'string', format: 'email' }, minItems: 1 },
    }),
    ReceiptInvoiceRequest: object({
      customer: object(
        {
          rfc: str(),
          name: str('Receptor Nombre as in the Constancia, without the regime capital.'),
          tax_regime: str('c_RegimenFiscal.'),
          zip: str('DomicilioFiscalReceptor.'),
          cfdi_use: str('c_UsoCFDI.'),
          email: { type: 'string', format: 'email' },
          country: str(),
          tax_id: str(),
        },
        ['rfc', 'name', 'tax_regime', 'zip', 'cfdi_use'],
      ),
    }),
    ReceiptEmail: object(
      {
        object: { const: 'receipt_email' },
        receipt_id: str(),
        to: { type: 'array', items: str() },
        status: { enum: ['queued'] },
      },
      ['object', 'receipt_id', 'to', 'status'],
    ),
    Receipt: object(
      {
        object: { const: 'receipt' },
        id: str(),
        payment_id: str(),
        customer_id: str(),
        ticket: str('Ticket number printed on the receipt.'),
        amount: decimal('Amount to invoice.'),
        currency: str(),
        paid_at: instant(''),
        expires_at: instant('The link stops working then.'),
        status: { enum: RECEIPT_STATUSES },
        invoice_id: str(),
        url: str('The self-invoice portal link; only while open.'),
        created_at: instant(''),
        updated_at: instant(''),
      },
      [
        'object',
        'id',
        'payment_id',
        'ticket',
        'amount',
        'currency',
        'paid_at',
        'expires_at',
        'status',
        'created_at',
        'updated_at',
      ],
    ),
  },
  paths: {
    '/v1/receipts': {
      get: {
        operationId: 'listReceipts',
        tags: ['receipts'],
        summary: 'Receipts (self-invoice links) in cursor pages, oldest or newest first',
        parameters: [
          { name: 'status', in: 'query', schema: { enum: RECEIPT_STATUSES } },
          listOrderParam,
          ...pageParams,
        ],
        responses: {
          '200': { description: 'A page.', content: json(listOf(ref('Receipt'), 'Receipts.')) },
          ...commonErrors,
        },
      },
    },
    '/v1/receipts/{id}': {
      get: {
        operationId: 'getReceipt',
        tags: ['receipts'],
        summary: 'A receipt, with its portal link while open',
        parameters: [idParam('receipt')],
        responses: {
          '200': { description: 'The receipt.', content: json(ref('Receipt')) },
          '404': notFound,
          ...commonErrors,
        },
      },
    },
    '/v1/receipts/{id}/email': {
      post: {
        operationId: 'emailReceipt',
        tags: ['receipts'],
        summary: "Send an open receipt's portal link again, to `to` or to the customer's email",
        parameters: [idParam('receipt')],
        requestBody: { required: false, content: json(ref('ReceiptEmailRequest')) },
        responses: {
          '202': { description: 'Queued; the job sends it once.', content: json(ref('ReceiptEmail')) },
          '404': notFound,
          '409': errorResponse('Not open.'),
          '422': errorResponse('No recipient: the customer has no email and `to` was not given.'),
          ...commonErrors,
        },
      },
    },
    '/v1/receipts/{id}/invoice': {
      post: {
        operationId: 'invoiceReceipt',
        tags: ['receipts'],
        summary:
          "Invoice a receipt for its customer, with the fiscal data given (kept for their next sale) or the customer's stored data",
        description:
          'What the self-invoice portal does, authorized by the API key instead of the link. A receipt already in a factura global, within the re-invoice window, replaces the global (motive 04) first.',
        parameters: [idParam('receipt')],
        requestBody: { required: false, content: json(ref('ReceiptInvoiceRequest')) },
        responses: {
          '201': { description: 'Invoiced (stamped).', content: json(ref('Invoice')) },
          '404': notFound,
          '409': errorResponse('Already in the global past the re-invoice window, or being invoiced.'),
          '410': errorResponse('Voided or expired.'),
          '422': errorResponse('Fiscal data missing or invalid: `details` says what to fix.'),
          ...commonErrors,
        },
      },
    },
    '/v1/receipts/{id}/cancel': {
      post: {
        operationId: 'cancelReceipt',
        tags: ['receipts'],
        summary: 'Void an open receipt: its link stops working and its payment is not invoiced',
        parameters: [idParam('receipt')],
        responses: {
          '200': { description: 'Voided.', content: json(ref('Receipt')) },
          '404': notFound,
          '409': errorResponse('Not open (invoiced, expired, in the global or already voided).'),
          ...commonErrors,
        },
      },
    },
  },
};
