/** Send Invoice by Email: the PDF and XML again, to the customer or to the addresses given. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiUrl } from '../lib/http.js';
import { invoiceEmailSample } from '../lib/samples.js';

export const sendInvoiceEmail = {
  key: 'send_invoice_email',
  noun: 'Envío de factura',
  display: {
    label: 'Enviar factura por correo',
    description: 'Envía el PDF y el XML de una factura timbrada a tu cliente o a los correos que indiques.',
  },
  operation: {
    inputFields: [
      {
        key: 'invoice_id',
        label: 'Factura',
        required: true,
        search: 'find_invoice.id',
        helpText: 'El ID de la factura en autofactura (empieza con `inv_`).',
      },
      {
        key: 'to',
        label: 'Enviar a',
        list: true,
        helpText: 'Opcional: uno o más correos. Si lo dejas vacío, se envía al correo del cliente.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const raw = bundle.inputData.to;
      const to = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((x) => String(x).trim()).filter(Boolean);
      const response = await z.request({
        url: apiUrl(
          bundle,
          `/v1/invoices/${encodeURIComponent(String(bundle.inputData.invoice_id).trim())}/email`,
        ),
        method: 'POST',
        body: to.length ? { to } : {},
      });
      return response.data as typeof invoiceEmailSample;
    },
    sample: invoiceEmailSample,
    outputFields: [
      { key: 'invoice_id', label: 'ID de la factura' },
      { key: 'to', label: 'Enviada a' },
      { key: 'status', label: 'Estado (sent = enviada, queued = en cola, se reintentará)' },
    ],
  },
};
