/**
 * Realistic objects as autofactura's REST API answers them (a sandbox-stamped invoice of SAT's test
 * issuer EKU9003173C9 to CARLOS CORTES SOTO), with every optional field present (null when absent) so a
 * Zap can map the same fields whatever the object's state (`withAllFields`).
 */

export const invoiceSample = {
  object: 'invoice',
  id: 'inv_f24c295db32b4edeb1b045dd080b9239',
  kind: 'invoice',
  type: 'I',
  series: 'A',
  folio: 1017,
  mode: 'live',
  payment_ids: ['pay_96c82b6a7e624181a76c5616c63bbb5e'],
  receipt_ids: [] as string[],
  customer_id: 'cus_8c9cae945a78999925192998',
  receiver_rfc: 'COSC8001137NA',
  receiver_name: 'CARLOS CORTES SOTO',
  currency: 'MXN',
  subtotal: '1000.00',
  discount: null as string | null,
  total: '1160.00',
  fecha: '2026-12-04T16:19:26',
  status: 'stamped',
  history: [
    { status: 'sealed', at: '2026-12-04T22:19:26.071Z' },
    { status: 'stamped', at: '2026-12-04T22:19:27.257Z' },
  ],
  uuid: '5645EB99-F4D1-4486-B944-F741C3CA60B1',
  stamped_at: '2026-12-04T22:19:26.000Z',
  related: null as unknown,
  cancellation: null as unknown,
  global_period: null as unknown,
  payment_form: '04',
  payment_method: 'PUE',
  exchange_rate: null as string | null,
  taxes: { iva: '160.00' },
  reissue: null as unknown,
  has_xml: true,
  has_pdf: true,
  created_at: '2026-12-04T22:19:26.071Z',
  updated_at: '2026-12-04T22:19:27.257Z',
};

export const cancelledInvoiceSample = {
  ...invoiceSample,
  status: 'cancelled',
  history: [
    ...invoiceSample.history,
    { status: 'cancelled', at: '2026-12-04T22:19:29.167Z', code: '02', message: 'Cancelado sin aceptación' },
  ],
  cancellation: {
    motive: '02',
    replacement_uuid: null as string | null,
    requested_at: '2026-12-04T22:19:29.096Z',
    status: 'Cancelado sin aceptación',
  },
  updated_at: '2026-12-04T22:19:29.167Z',
};

export const failedInvoiceSample = {
  ...invoiceSample,
  status: 'failed',
  uuid: null as string | null,
  stamped_at: null as string | null,
  has_pdf: false,
  history: [
    { status: 'sealed', at: '2026-12-04T22:19:26.071Z' },
    {
      status: 'failed',
      at: '2026-12-04T22:19:27.257Z',
      code: 'CFDI40158',
      message: 'El régimen fiscal 601 no corresponde a un RFC de persona física.',
    },
  ],
};

export const paymentSample = {
  object: 'payment',
  id: 'pay_96c82b6a7e624181a76c5616c63bbb5e',
  source: 'api',
  external_id: 'pedido-1001',
  mode: 'live',
  amount: '1160.00',
  currency: 'MXN',
  exchange_rate: null as string | null,
  paid_at: '2026-12-04T22:19:25.977Z',
  method: 'card_credit',
  payment_form: '04',
  items: [
    {
      product_key: '86121700',
      unit_key: 'E48',
      description: 'Colegiatura diciembre',
      quantity: '1',
      unit_price: '1160.00',
      tax_included: true,
      taxes: [{ type: 'IVA', rate: '0.16' }],
    },
  ] as unknown[] | null,
  customer: {
    email: 'carlos@example.com',
    name: 'CARLOS CORTES SOTO',
    external_id: 'cliente-17',
    rfc: 'COSC8001137NA',
    tax_regime: '612',
    zip: '52000',
    cfdi_use: 'G03',
  } as Record<string, string>,
  customer_id: 'cus_8c9cae945a78999925192998',
  automation: 'auto',
  metadata: { canal: 'tienda-en-linea' } as Record<string, string>,
  status: 'invoiced',
  invoice_id: 'inv_f24c295db32b4edeb1b045dd080b9239' as string | null,
  receipt_id: null as string | null,
  global_invoice_id: null as string | null,
  refunds: [] as unknown[],
  failure: null as unknown,
  created_at: '2026-12-04T22:19:25.977Z',
  updated_at: '2026-12-04T22:19:27.262Z',
};

export const receiptSample = {
  object: 'receipt',
  id: 'rcp_d6ada60f7aa8b4b8bcfbd300',
  payment_id: 'pay_68fc9b27c2a344b68518342da88b8f6c',
  customer_id: 'cus_85175f7badea7e0c89160456',
  ticket: '000001',
  amount: '580.00',
  currency: 'MXN',
  paid_at: '2026-12-04T22:19:27.275Z',
  expires_at: '2026-12-11T22:19:27.281Z',
  status: 'open',
  invoice_id: null as string | null,
  url: 'https://facturas.escuelakemper.mx/escuela-kemper/r/XGz9Fbuu8NV0u3zsKifzIa0TRHZVQiYsxnqpgPIHn5U',
  created_at: '2026-12-04T22:19:27.281Z',
  updated_at: '2026-12-04T22:19:27.281Z',
};

export const invoicedReceiptSample = {
  ...receiptSample,
  status: 'invoiced',
  invoice_id: 'inv_0b5d1e6f9c7a4e2b8d3f6a1c5e9b7d20',
  url: null as string | null,
  updated_at: '2026-12-05T01:02:11.412Z',
};

export const customerSample = {
  object: 'customer',
  id: 'cus_8c9cae945a78999925192998',
  email: 'carlos@example.com',
  name: 'CARLOS CORTES SOTO',
  source_ids: { api: 'cliente-17' } as Record<string, string>,
  fiscal: {
    rfc: 'COSC8001137NA',
    name: 'CARLOS CORTES SOTO',
    tax_regime: '612',
    zip: '52000',
    cfdi_use: 'G03',
  } as Record<string, string> | null,
  fiscal_validated_at: '2026-12-04T22:19:26.000Z' as string | null,
  created_at: '2026-12-04T22:19:26.000Z',
  updated_at: '2026-12-04T22:19:26.000Z',
};

/** What Register Payment answers: the payment as recorded, with its invoice or its receipt link. */
export const recordedPaymentSample = {
  id: 'pay_68fc9b27c2a344b68518342da88b8f6c',
  object: 'payment',
  status: 'awaiting_customer',
  external_id: 'pedido-1001',
  mode: 'live',
  amount: '580.00',
  currency: 'MXN',
  invoice: null as { id: string; uuid: string | null; status: string } | null,
  receipt: {
    id: 'rcp_d6ada60f7aa8b4b8bcfbd300',
    url: 'https://facturas.escuelakemper.mx/escuela-kemper/r/XGz9Fbuu8NV0u3zsKifzIa0TRHZVQiYsxnqpgPIHn5U',
    expires_at: '2026-12-11T22:19:27.281Z',
  } as { id: string; url: string; expires_at: string } | null,
  failure: null as { code: string; message: string } | null,
};

export const invoiceEmailSample = {
  object: 'invoice_email',
  invoice_id: 'inv_f24c295db32b4edeb1b045dd080b9239',
  to: ['carlos@example.com'],
  status: 'sent',
};

/** `value` with every key of `sample` (null where the API left it out), keys in the sample's order. */
export function withAllFields<T extends object>(sample: T, value: object): T {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(sample)) out[key] = source[key] ?? null;
  for (const [key, field] of Object.entries(source)) if (!(key in out)) out[key] = field;
  return out as T;
}
