/**
 * Create Invoice: a CFDI de ingreso from a full invoice request (docs/invoice-request.md), for sales that
 * do not go through Register Payment. The issuer is the key's merchant; the PAC stamps it at once.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { fiscalFields, fiscalFrom, itemChildren, itemsFrom } from '../lib/fields.js';
import { apiUrl } from '../lib/http.js';
import { invoiceOutputFields } from '../lib/output-fields.js';
import { invoiceSample, withAllFields } from '../lib/samples.js';

type Input = Record<string, unknown>;
const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

export function invoiceRequest(z: ZObject, input: Input) {
  const fiscal = fiscalFrom(input) ?? {};
  const extra = text(input.extra_json) ? z.JSON.parse(text(input.extra_json)) : {};
  return {
    customer: { ...fiscal, ...(text(input.email) ? { email: text(input.email) } : {}) },
    items: itemsFrom(input.items) ?? [],
    ...(text(input.payment_form) ? { payment_form: text(input.payment_form) } : {}),
    ...(text(input.payment_method) ? { payment_method: text(input.payment_method) } : {}),
    ...(text(input.currency) ? { currency: text(input.currency).toUpperCase() } : {}),
    ...(text(input.exchange_rate) ? { exchange_rate: text(input.exchange_rate) } : {}),
    ...(text(input.payment_conditions) ? { payment_conditions: text(input.payment_conditions) } : {}),
    ...(extra && typeof extra === 'object' ? extra : {}),
  };
}

export const createInvoice = {
  key: 'create_invoice',
  noun: 'Factura',
  display: {
    label: 'Crear factura',
    description:
      'Emite y timbra una factura (CFDI 4.0 de ingreso) con los datos fiscales del cliente y los conceptos que indiques.',
  },
  operation: {
    inputFields: [
      ...fiscalFields.map((field) => ({ ...field, required: true })),
      { key: 'email', label: 'Correo del cliente', helpText: 'Le enviamos el PDF y el XML.' },
      {
        key: 'payment_form',
        label: 'Forma de pago',
        dynamic: 'payment_forms.id.name',
        required: true,
        helpText:
          'Cómo pagó el cliente, según el catálogo del SAT (01 efectivo, 03 transferencia, 04 tarjeta de crédito…). Con PPD es 99 Por definir.',
      },
      {
        key: 'payment_method',
        label: 'Método de pago',
        choices: {
          PUE: 'PUE · Pago en una sola exhibición (ya pagado)',
          PPD: 'PPD · Pago en parcialidades o diferido',
        },
        default: 'PUE',
      },
      { key: 'currency', label: 'Moneda', default: 'MXN' },
      { key: 'exchange_rate', label: 'Tipo de cambio', helpText: 'Solo si la moneda no es MXN.' },
      { key: 'payment_conditions', label: 'Condiciones de pago', helpText: 'Texto libre, p. ej. "30 días".' },
      { key: 'items', label: 'Conceptos', required: true, children: itemChildren },
      {
        key: 'extra_json',
        label: 'Campos avanzados (JSON)',
        type: 'text',
        helpText:
          'Opcional, para usuarios avanzados: campos de la solicitud de factura de autofactura que no están arriba, p. ej. `{"series":"B","related":[{"relationship":"04","uuids":["…"]}]}`.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const response = await z.request({
        url: apiUrl(bundle, '/v1/invoices'),
        method: 'POST',
        body: invoiceRequest(z, bundle.inputData),
      });
      return withAllFields(invoiceSample, response.data as object);
    },
    sample: invoiceSample,
    outputFields: invoiceOutputFields,
  },
};
