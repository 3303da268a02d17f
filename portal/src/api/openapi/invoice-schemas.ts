/** OpenAPI schemas of /v1/invoices: the invoice request (docs/invoice-request.md), the invoice, cancel and email bodies. */
import { INVOICE_STATUSES as STORED_INVOICE_STATUSES } from '../../../../core/src/store/types.js';
import { decimal, instant, object, type Schema, str } from './common.js';
import { paymentItem } from './payments.js';

export const INVOICE_STATUSES = [...STORED_INVOICE_STATUSES];
export const INVOICE_KINDS = ['invoice', 'credit_note', 'global'];
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

export const invoiceSchemas: Record<string, Schema> = {
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
      kind: { enum: INVOICE_KINDS },
      type: { enum: ['I', 'E', 'P'] },
      series: str('Test mode numbers in its own series, `<series>-PRUEBA`.'),
      folio: { type: 'integer' },
      mode: {
        enum: ['test', 'live'],
        description:
          'test: issued with a test key (or for test payments), stamped by the sandbox PAC only: not a valid CFDI before SAT.',
      },
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
      status: { enum: INVOICE_STATUSES },
      history: {
        type: 'array',
        items: object({ status: { enum: INVOICE_STATUSES }, at: instant(''), code: str(), message: str() }, [
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
      payment_form: str('FormaPago (c_FormaPago).'),
      payment_method: str('MetodoPago (PUE, PPD).'),
      exchange_rate: decimal('TipoCambio, for currencies other than MXN.'),
      taxes: object(
        {
          iva: decimal('IVA trasladado.'),
          ieps: decimal('IEPS trasladado.'),
          isr_withheld: decimal('ISR retenido.'),
          iva_withheld: decimal('IVA retenido.'),
        },
        [],
      ),
      reissue: object(
        {
          removed_receipt_ids: { type: 'array', items: str() },
          replacement_id: str('The factura global that replaces this one (motive 04).'),
          requested_at: instant(''),
        },
        ['removed_receipt_ids', 'replacement_id', 'requested_at'],
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
