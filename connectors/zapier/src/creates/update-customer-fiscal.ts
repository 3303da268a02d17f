/**
 * Update Customer Fiscal Data: the RFC, razón social, régimen, código postal and uso del CFDI, checked
 * before anything is saved; from then on that customer's payments are invoiced at once.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { fiscalFields, fiscalFrom } from '../lib/fields.js';
import { apiUrl } from '../lib/http.js';
import { customerOutputFields } from '../lib/output-fields.js';
import { customerSample, withAllFields } from '../lib/samples.js';

export const updateCustomerFiscal = {
  key: 'update_customer_fiscal',
  noun: 'Cliente',
  display: {
    label: 'Actualizar datos fiscales del cliente',
    description:
      'Guarda los datos de la Constancia de Situación Fiscal de un cliente. Sus siguientes pagos se facturarán al momento.',
  },
  operation: {
    inputFields: [
      {
        key: 'customer_id',
        label: 'Cliente',
        required: true,
        search: 'find_customer.id',
        helpText:
          'El ID del cliente (empieza con `cus_`), p. ej. del recibo o pago de un paso anterior, o búscalo por RFC o correo.',
      },
      ...fiscalFields.map((field) => ({ ...field, required: true })),
      { key: 'email', label: 'Correo (opcional)', helpText: 'Si cambió, el nuevo correo para sus facturas.' },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const input = bundle.inputData;
      const email = String(input.email ?? '').trim();
      const response = await z.request({
        url: apiUrl(bundle, `/v1/customers/${encodeURIComponent(String(input.customer_id).trim())}`),
        method: 'PATCH',
        body: { fiscal: fiscalFrom(input) ?? {}, ...(email ? { email } : {}) },
      });
      return withAllFields(customerSample, response.data as object);
    },
    sample: customerSample,
    outputFields: customerOutputFields,
  },
};
