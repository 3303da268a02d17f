/** OpenAPI: /v1/invoices — read, list, XML/PDF, issue from an invoice request, cancel, email. */
import {
  commonErrors,
  errorResponse,
  idempotencyHeader,
  idParam,
  instantParams,
  json,
  listOf,
  type OpenApiArea,
  pageParams,
  ref,
} from './common.js';
import { INVOICE_KINDS, INVOICE_STATUSES, invoiceSchemas } from './invoice-schemas.js';
import { listOrderParam } from './payments.js';

const notFound = errorResponse('Not found for this merchant.');
const one = (description: string) => ({ description, content: json(ref('Invoice')) });

export const invoicesArea: OpenApiArea = {
  schemas: invoiceSchemas,
  paths: {
    '/v1/invoices': {
      get: {
        operationId: 'listInvoices',
        tags: ['invoices'],
        summary: 'Invoices in cursor pages, oldest or newest first; or the one with a UUID or serie-folio',
        parameters: [
          { name: 'payment_id', in: 'query', schema: { type: 'string' } },
          {
            name: 'uuid',
            in: 'query',
            description: 'The fiscal folio (UUID) SAT gave the CFDI: a list of that invoice, or empty.',
            schema: { type: 'string' },
          },
          {
            name: 'series',
            in: 'query',
            description: 'With `folio`: the invoice with that serie and folio (a list of one, or empty).',
            schema: { type: 'string' },
          },
          {
            name: 'folio',
            in: 'query',
            description: 'With `series`.',
            schema: { type: 'integer', minimum: 1 },
          },
          { name: 'status', in: 'query', schema: { enum: INVOICE_STATUSES } },
          { name: 'kind', in: 'query', schema: { enum: INVOICE_KINDS } },
          ...instantParams.map((p) => ({ ...p, description: `${p.description} Compared with created_at.` })),
          listOrderParam,
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
