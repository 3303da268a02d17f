/** Find Customer by RFC or email (exact), e.g. before registering a payment or updating fiscal data. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiUrl } from '../lib/http.js';
import { say } from '../lib/lang.js';
import { customerOutputFields } from '../lib/output-fields.js';
import { customerSample, withAllFields } from '../lib/samples.js';

export const findCustomer = {
  key: 'find_customer',
  noun: 'Cliente',
  display: {
    label: 'Buscar cliente',
    description: 'Encuentra un cliente por su RFC o su correo.',
  },
  operation: {
    inputFields: [
      { key: 'rfc', label: 'RFC', helpText: 'El RFC exacto, p. ej. `COSC8001137NA`.' },
      {
        key: 'email',
        label: 'Correo',
        helpText: 'El correo exacto. Si das RFC y correo, deben ser del mismo cliente.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const rfc = String(bundle.inputData.rfc ?? '').trim();
      const email = String(bundle.inputData.email ?? '').trim();
      if (!rfc && !email) {
        throw new z.errors.Error(
          say(
            bundle,
            'Escribe el RFC o el correo del cliente que buscas.',
            'Give the RFC or the email of the customer.',
          ),
          'SEARCH_EMPTY',
          400,
        );
      }
      const response = await z.request<{ data: object[] }>({
        url: apiUrl(bundle, '/v1/customers'),
        params: { ...(rfc ? { rfc } : {}), ...(email ? { email } : {}) },
      });
      return response.data.data.map((customer) => withAllFields(customerSample, customer));
    },
    sample: customerSample,
    outputFields: customerOutputFields,
  },
};
