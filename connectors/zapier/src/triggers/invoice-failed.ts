/** Invoice Failed: the PAC or the engine rejected a sealed CFDI; `history` says what to fix. */
import { type EventTriggerSpec, hookTrigger, pollingTrigger } from '../lib/event-trigger.js';
import { invoiceOutputFields } from '../lib/output-fields.js';
import { failedInvoiceSample } from '../lib/samples.js';

export const invoiceFailedSpec: EventTriggerSpec<typeof failedInvoiceSample> = {
  key: 'invoice_failed',
  noun: 'Factura',
  eventType: 'invoice.failed',
  label: 'Factura rechazada',
  description:
    'Se activa cuando el PAC o el SAT rechazan una factura (p. ej. un régimen que no corresponde al RFC). El historial dice qué corregir.',
  sample: failedInvoiceSample,
  outputFields: [
    ...invoiceOutputFields,
    { key: 'history[]code', label: 'Código del rechazo' },
    { key: 'history[]message', label: 'Qué corregir' },
  ],
};

export const invoiceFailed = hookTrigger(invoiceFailedSpec);
export const invoiceFailedPolling = pollingTrigger(invoiceFailedSpec);
