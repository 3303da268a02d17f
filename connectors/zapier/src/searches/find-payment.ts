/** Find Payment by its reference (the external id you registered it with) or by autofactura's id. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiUrl } from '../lib/http.js';
import { paymentOutputFields } from '../lib/output-fields.js';
import { paymentSample, withAllFields } from '../lib/samples.js';

export const findPayment = {
  key: 'find_payment',
  noun: 'Pago',
  display: {
    label: 'Buscar pago',
    description:
      'Encuentra un pago por su referencia (tu número de pedido o de venta) para saber si ya se facturó.',
  },
  operation: {
    inputFields: [
      { key: 'external_id', label: 'Referencia del pago', required: true },
      {
        key: 'source',
        label: 'Origen del pago',
        choices: { api: 'API / Zapier', stripe: 'Stripe', airtable: 'Airtable' },
        helpText: 'De dónde llegó el pago. Si lo dejas vacío, los registrados con Zapier o la API.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const source = String(bundle.inputData.source ?? '').trim();
      const response = await z.request<{ data: object[] }>({
        url: apiUrl(bundle, '/v1/payments'),
        params: { external_id: String(bundle.inputData.external_id).trim(), ...(source ? { source } : {}) },
      });
      return response.data.data.map((payment) => withAllFields(paymentSample, payment));
    },
    sample: paymentSample,
    outputFields: paymentOutputFields,
  },
};
