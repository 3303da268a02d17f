/**
 * Invoice Receipt: the merchant invoices a receipt for its customer without waiting for the portal —
 * with the fiscal data given here (kept for the customer's next sale) or, left empty, the customer's
 * stored data (e.g. right after "Update Customer Fiscal Data"). POST /v1/receipts/{id}/invoice.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { fiscalFields, fiscalFrom } from '../lib/fields.js';
import { apiUrl } from '../lib/http.js';
import { invoiceOutputFields } from '../lib/output-fields.js';
import { invoiceSample, withAllFields } from '../lib/samples.js';

export const invoiceReceipt = {
  key: 'invoice_receipt',
  noun: 'Factura',
  display: {
    label: 'Facturar recibo',
    description:
      'Emite la factura de un recibo a nombre de su cliente, con los datos fiscales que indiques o los que ya tiene guardados, sin esperar a que la pida en el portal.',
  },
  operation: {
    inputFields: [
      {
        key: 'receipt_id',
        label: 'Recibo',
        required: true,
        helpText:
          'El ID del recibo (empieza con `rcp_`), p. ej. del disparador «Nuevo recibo esperando al cliente».',
      },
      ...fiscalFields.map((field) => ({
        ...field,
        required: false,
        helpText:
          `${field.helpText ?? ''} Déjalo vacío para usar los datos fiscales guardados del cliente.`.trim(),
      })),
      {
        key: 'email',
        label: 'Correo (opcional)',
        helpText: 'A dónde enviar la factura si no es el correo del cliente.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const input = bundle.inputData;
      const fiscal = fiscalFrom(input);
      const email = String(input.email ?? '').trim();
      const response = await z.request({
        url: apiUrl(bundle, `/v1/receipts/${encodeURIComponent(String(input.receipt_id).trim())}/invoice`),
        method: 'POST',
        body: fiscal ? { customer: { ...fiscal, ...(email ? { email } : {}) } } : {},
      });
      return withAllFields(invoiceSample, response.data as object);
    },
    sample: invoiceSample,
    outputFields: invoiceOutputFields,
  },
};
