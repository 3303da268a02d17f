/**
 * Cancel Invoice before SAT with a motive (c_MotivoCancelacion). Motive 01 needs the UUID of the invoice
 * that replaces it. Above SAT's limits the customer must accept: the answer is `cancellation_pending`.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiUrl } from '../lib/http.js';
import { invoiceOutputFields } from '../lib/output-fields.js';
import { cancelledInvoiceSample, withAllFields } from '../lib/samples.js';

export const cancelInvoice = {
  key: 'cancel_invoice',
  noun: 'Factura',
  display: {
    label: 'Cancelar factura',
    description: 'Cancela una factura timbrada ante el SAT, con el motivo de cancelación que pide el SAT.',
  },
  operation: {
    inputFields: [
      {
        key: 'invoice_id',
        label: 'Factura',
        required: true,
        search: 'find_invoice.id',
        helpText:
          'El ID de la factura en autofactura (empieza con `inv_`); búscala por folio fiscal, serie y folio o referencia del pago.',
      },
      {
        key: 'motive',
        label: 'Motivo de cancelación',
        required: true,
        choices: {
          '01': '01 · Comprobante emitido con errores con relación (se sustituye por otra factura)',
          '02': '02 · Comprobante emitido con errores sin relación',
          '03': '03 · No se llevó a cabo la operación',
          '04': '04 · Operación nominativa relacionada en una factura global',
        },
        helpText:
          'El motivo que exige el SAT. Con 01, primero emite la factura correcta y pon su folio fiscal abajo.',
      },
      {
        key: 'replacement_uuid',
        label: 'Folio fiscal (UUID) de la factura que la sustituye',
        helpText:
          'Solo con motivo 01: el UUID de la nueva factura, p. ej. `5645EB99-F4D1-4486-B944-F741C3CA60B1`.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const input = bundle.inputData;
      const replacement = String(input.replacement_uuid ?? '').trim();
      const response = await z.request({
        url: apiUrl(bundle, `/v1/invoices/${encodeURIComponent(String(input.invoice_id).trim())}/cancel`),
        method: 'POST',
        body: { motive: String(input.motive), ...(replacement ? { replacement_uuid: replacement } : {}) },
      });
      return withAllFields(cancelledInvoiceSample, response.data as object);
    },
    sample: cancelledInvoiceSample,
    outputFields: invoiceOutputFields,
  },
};
