/**
 * Find Invoice by folio fiscal (UUID), by serie and folio, or by the reference of the payment it
 * invoices (the payment's external id: your order number).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiUrl } from '../lib/http.js';
import { say } from '../lib/lang.js';
import { invoiceOutputFields } from '../lib/output-fields.js';
import { invoiceSample, withAllFields } from '../lib/samples.js';

type List = { data: Record<string, unknown>[] };

async function byPaymentReference(z: ZObject, bundle: Bundle, reference: string, source: string) {
  const payments = await z.request<List>({
    url: apiUrl(bundle, '/v1/payments'),
    params: { external_id: reference, ...(source ? { source } : {}) },
  });
  const payment = payments.data.data[0];
  if (!payment) return [];
  const invoices = await z.request<List>({
    url: apiUrl(bundle, '/v1/invoices'),
    params: { payment_id: String(payment.id), order: 'desc', limit: '10' },
  });
  // The live invoice first: a cancelled one stays in the list after its replacement.
  return [...invoices.data.data].sort(
    (a, b) => Number(a.status !== 'stamped') - Number(b.status !== 'stamped'),
  );
}

export const findInvoice = {
  key: 'find_invoice',
  noun: 'Factura',
  display: {
    label: 'Buscar factura',
    description:
      'Encuentra una factura por su folio fiscal (UUID), por serie y folio, o por la referencia del pago.',
  },
  operation: {
    inputFields: [
      {
        key: 'uuid',
        label: 'Folio fiscal (UUID)',
        helpText:
          'Los 36 caracteres que el SAT asigna al timbrar, p. ej. `5645EB99-F4D1-4486-B944-F741C3CA60B1`.',
      },
      {
        key: 'series',
        label: 'Serie',
        helpText: 'Con "Folio": la serie de la factura, p. ej. `A` (o `A-PRUEBA` en modo de pruebas).',
      },
      { key: 'folio', label: 'Folio', type: 'integer', helpText: 'Con "Serie": el número de la factura.' },
      {
        key: 'payment_reference',
        label: 'Referencia del pago',
        helpText: 'La referencia con la que registraste el pago (tu número de pedido o de venta).',
      },
      {
        key: 'payment_source',
        label: 'Origen del pago',
        choices: { api: 'API / Zapier', stripe: 'Stripe', airtable: 'Airtable' },
        helpText:
          'Con "Referencia del pago": de dónde llegó. Si lo dejas vacío, los pagos registrados con Zapier o la API.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const input = bundle.inputData as Record<string, unknown>;
      const text = (key: string) => String(input[key] ?? '').trim();
      let found: Record<string, unknown>[];
      if (text('uuid')) {
        found = (
          await z.request<List>({ url: apiUrl(bundle, '/v1/invoices'), params: { uuid: text('uuid') } })
        ).data.data;
      } else if (text('series') || text('folio')) {
        const params = { series: text('series'), folio: text('folio') };
        found = (await z.request<List>({ url: apiUrl(bundle, '/v1/invoices'), params })).data.data;
      } else if (text('payment_reference')) {
        found = await byPaymentReference(z, bundle, text('payment_reference'), text('payment_source'));
      } else {
        throw new z.errors.Error(
          say(
            bundle,
            'Escribe el folio fiscal (UUID), la serie y el folio, o la referencia del pago de la factura que buscas.',
            'Give the invoice’s fiscal folio (UUID), its series and folio, or the reference of its payment.',
          ),
          'SEARCH_EMPTY',
          400,
        );
      }
      return found.map((invoice) => withAllFields(invoiceSample, invoice));
    },
    sample: invoiceSample,
    outputFields: invoiceOutputFields,
  },
};
