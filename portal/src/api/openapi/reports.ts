/** OpenAPI: /v1/reports (#7) — a period's figures, reconciliation, exports and emailing the report. */
import { RECONCILIATION_FLAGS, REPORT_TABLES } from '../../../../core/src/reports/types.js';
import {
  commonErrors,
  decimal,
  errorResponse,
  instant,
  json,
  type OpenApiArea,
  object,
  ref,
  type Schema,
  str,
} from './common.js';

const int = (description?: string): Schema => ({
  type: 'integer',
  minimum: 0,
  ...(description ? { description } : {}),
});
const amountCount = (description: string) =>
  object({ count: int(), amount: decimal('Sum of the receipts.') }, ['count', 'amount'], description);
const recordOf = (schema: Schema, description: string): Schema => ({
  type: 'object',
  description,
  additionalProperties: schema,
});
const flagCounts = object(
  Object.fromEntries(RECONCILIATION_FLAGS.map((kind) => [kind, int()])),
  [...RECONCILIATION_FLAGS],
  'How many flags of each kind.',
);

const TOTALS = {
  count: int('How many CFDIs (or payments, where the table counts payments).'),
  subtotal: decimal('SubTotal.'),
  discount: decimal('Descuento.'),
  iva: decimal('IVA trasladado.'),
  ieps: decimal('IEPS trasladado.'),
  isr_withheld: decimal('ISR retenido.'),
  iva_withheld: decimal('IVA retenido.'),
  total: decimal('Total.'),
};
const TOTALS_REQUIRED = Object.keys(TOTALS);

const periodParam = {
  name: 'period',
  in: 'query',
  required: true,
  description: 'A month (`2026-11`) or an ISO week (`2026-W48`), in Mexico City time.',
  schema: { type: 'string', pattern: '^\\d{4}-(\\d{2}|W\\d{2})$' },
};
const badPeriod = errorResponse('REPORT_INVALID_PERIOD: `period` is neither YYYY-MM nor YYYY-Www.');
const file = (type: string, description: string) => ({
  description: `${description} Sent as an attachment named \`autofactura-{RFC}-{period}...\`.`,
  content: { [type]: {} },
});

export const reportsArea: OpenApiArea = {
  schemas: {
    ReportPeriod: object(
      {
        kind: { enum: ['week', 'month'] },
        key: str('`2026-11` or `2026-W48`.'),
        from: instant('First instant (local midnight, Mexico City), inclusive.'),
        to: instant('First instant after the period, exclusive.'),
        label: str('For people, es-MX: "noviembre de 2026".'),
        label_en: str('For people, English.'),
      },
      ['kind', 'key', 'from', 'to', 'label', 'label_en'],
    ),
    ReportTotals: object(TOTALS, TOTALS_REQUIRED, 'Sums over CFDIs in pesos (at their TipoCambio).'),
    ReportCustomerTotals: object({ ...TOTALS, customer_id: str(), rfc: str(), name: str() }, [
      ...TOTALS_REQUIRED,
      'rfc',
      'name',
    ]),
    ReportAgeBucket: object(
      {
        key: str('`0-2`, `3-7`, `8-15`, `16+` days since paid.'),
        label: str(),
        label_en: str(),
        count: int(),
        amount: decimal('Sum.'),
      },
      ['key', 'label', 'label_en', 'count', 'amount'],
    ),
    Report: object(
      {
        object: { const: 'report' },
        period: ref('ReportPeriod'),
        generated_at: instant(''),
        by_kind: object(
          { invoice: ref('ReportTotals'), global: ref('ReportTotals'), credit_note: ref('ReportTotals') },
          ['invoice', 'global', 'credit_note'],
          'Live CFDIs stamped in the period, by kind.',
        ),
        net: ref('ReportTotals'),
        by_source: recordOf(ref('ReportTotals'), "Ingresos by the payment's source (`stripe`, `api`, ...)."),
        by_payment_form: recordOf(ref('ReportTotals'), 'Ingresos by c_FormaPago key.'),
        by_customer: { type: 'array', items: ref('ReportCustomerTotals'), description: 'Largest first.' },
        receipts: object(
          {
            pending: object(
              {
                count: int(),
                amount: decimal('Sum.'),
                ages: { type: 'array', items: ref('ReportAgeBucket') },
              },
              ['count', 'amount', 'ages'],
              'Open receipts now, with their age.',
            ),
            invoiced_by_customer: amountCount('Receipts the customer invoiced.'),
            in_global: amountCount('Receipts sent to a factura global.'),
            voided: amountCount('Receipts voided.'),
          },
          ['pending', 'invoiced_by_customer', 'in_global', 'voided'],
        ),
        cancellations: object(
          {
            count: int(),
            total: decimal('Sum.'),
            by_motive: recordOf(int(), 'By SAT motive (`01`..`04`).'),
          },
          ['count', 'total', 'by_motive'],
        ),
        credit_notes: object({ count: int(), total: decimal('Sum.') }, ['count', 'total']),
        failures: object(
          {
            count: int(),
            items: {
              type: 'array',
              items: object(
                { payment_id: str(), code: str(), message: str(), message_en: str(), at: instant('') },
                ['payment_id', 'code', 'message', 'message_en', 'at'],
              ),
            },
          },
          ['count', 'items'],
          'Payments failed and waiting for the merchant.',
        ),
        reconciliation: object({ counts: flagCounts, payments: int(), matched: int() }, [
          'counts',
          'payments',
          'matched',
        ]),
      },
      [
        'object',
        'period',
        'generated_at',
        'by_kind',
        'net',
        'by_source',
        'by_payment_form',
        'by_customer',
        'receipts',
        'cancellations',
        'credit_notes',
        'failures',
        'reconciliation',
      ],
      "A week's or a month's figures.",
    ),
    ReconciliationFlag: object(
      {
        kind: { enum: [...RECONCILIATION_FLAGS] },
        payment_id: str(),
        invoice_id: str(),
        receipt_id: str(),
        expected: decimal('What was expected.'),
        found: decimal('What was found.'),
        message: str('What is wrong and what to do, es-MX.'),
        message_en: str('The same in English.'),
      },
      ['kind', 'message', 'message_en'],
    ),
    Reconciliation: object(
      {
        object: { const: 'reconciliation' },
        period: ref('ReportPeriod'),
        payments: int('Payments paid in the period.'),
        matched: int('Of them, those with their document(s) that add up.'),
        documents: int('CFDIs issued in the period.'),
        documents_matched: int('Of them, those that match their payments.'),
        flags: { type: 'array', items: ref('ReconciliationFlag') },
        counts: flagCounts,
      },
      ['object', 'period', 'payments', 'matched', 'documents', 'documents_matched', 'flags', 'counts'],
    ),
    ReportEmailRequest: object(
      {
        period: str('`2026-11` or `2026-W48`.'),
        to: { type: 'array', items: { type: 'string', format: 'email' }, minItems: 1 },
      },
      ['period'],
    ),
    ReportEmail: object(
      {
        object: { const: 'report_email' },
        period: str(),
        to: { type: 'array', items: str() },
      },
      ['object', 'period', 'to'],
    ),
  },
  paths: {
    '/v1/reports': {
      get: {
        operationId: 'getReport',
        tags: ['reports'],
        summary:
          "A week's or a month's figures: totals by kind, source, forma de pago and customer, receipts, failures",
        parameters: [periodParam],
        responses: {
          '200': { description: 'The report.', content: json(ref('Report')) },
          ...commonErrors,
          '422': badPeriod,
        },
      },
    },
    '/v1/reports/reconciliation': {
      get: {
        operationId: 'getReconciliation',
        tags: ['reports'],
        summary: 'Every payment of the period against its documents, and every flag found',
        parameters: [periodParam],
        responses: {
          '200': { description: 'The reconciliation.', content: json(ref('Reconciliation')) },
          ...commonErrors,
          '422': badPeriod,
        },
      },
    },
    '/v1/reports/export.xlsx': {
      get: {
        operationId: 'exportReportXlsx',
        tags: ['reports'],
        summary: 'The workbook for the accountant: summary, documents, payments, receipts, reconciliation',
        parameters: [periodParam],
        responses: {
          '200': file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX.'),
          ...commonErrors,
          '422': badPeriod,
        },
      },
    },
    '/v1/reports/export.csv': {
      get: {
        operationId: 'exportReportCsv',
        tags: ['reports'],
        summary: 'One table of the report as CSV',
        parameters: [
          periodParam,
          { name: 'table', in: 'query', required: true, schema: { enum: [...REPORT_TABLES] } },
        ],
        responses: {
          '200': file('text/csv', 'CSV (UTF-8).'),
          ...commonErrors,
          '422': badPeriod,
        },
      },
    },
    '/v1/reports/archive.zip': {
      get: {
        operationId: 'exportReportArchive',
        tags: ['reports'],
        summary: "ZIP of the period's stamped XML and PDF (and cancellation acuses), one folder per kind",
        parameters: [periodParam],
        responses: {
          '200': file('application/zip', 'ZIP.'),
          ...commonErrors,
          '422': badPeriod,
        },
      },
    },
    '/v1/reports/send': {
      post: {
        operationId: 'sendReport',
        tags: ['reports'],
        summary: "Email the report (summary in the body, XLSX attached) to `to` or the merchant's recipients",
        requestBody: { required: true, content: json(ref('ReportEmailRequest')) },
        responses: {
          '202': { description: 'Queued.', content: json(ref('ReportEmail')) },
          ...commonErrors,
          '422': errorResponse(
            'REPORT_INVALID_PERIOD, or no recipient: the merchant has no report recipients and `to` was not given.',
          ),
        },
      },
    },
  },
};
