/** Create Customer: a customer with, optionally, their fiscal data (checked as the CFDI needs it). */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { fiscalFields, fiscalFrom } from '../lib/fields.js';
import { apiUrl } from '../lib/http.js';
import { customerOutputFields } from '../lib/output-fields.js';
import { customerSample, withAllFields } from '../lib/samples.js';

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

export const createCustomer = {
  key: 'create_customer',
  noun: 'Cliente',
  display: {
    label: 'Crear cliente',
    description:
      'Da de alta un cliente. Con sus datos fiscales completos, sus siguientes pagos se facturan solos, sin pedirle nada.',
  },
  operation: {
    inputFields: [
      { key: 'email', label: 'Correo', helpText: 'A donde llegan sus facturas.' },
      {
        key: 'name',
        label: 'Nombre',
        helpText: 'Como lo conoces; el nombre fiscal va en "Nombre o razón social".',
      },
      { key: 'external_id', label: 'ID del cliente en tu sistema' },
      ...fiscalFields,
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const input = bundle.inputData;
      const fiscal = fiscalFrom(input);
      const response = await z.request({
        url: apiUrl(bundle, '/v1/customers'),
        method: 'POST',
        body: {
          ...(text(input.email) ? { email: text(input.email) } : {}),
          ...(text(input.name) ? { name: text(input.name) } : {}),
          ...(text(input.external_id) ? { external_id: text(input.external_id) } : {}),
          ...(fiscal ? { fiscal } : {}),
        },
      });
      return withAllFields(customerSample, response.data as object);
    },
    sample: customerSample,
    outputFields: customerOutputFields,
  },
};
