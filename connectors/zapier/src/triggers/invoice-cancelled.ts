/** Invoice Cancelled: SAT accepted the cancellation of a CFDI. */
import { type EventTriggerSpec, hookTrigger, pollingTrigger } from '../lib/event-trigger.js';
import { invoiceOutputFields } from '../lib/output-fields.js';
import { cancelledInvoiceSample } from '../lib/samples.js';

export const invoiceCancelledSpec: EventTriggerSpec<typeof cancelledInvoiceSample> = {
  key: 'invoice_cancelled',
  noun: 'Factura',
  eventType: 'invoice.cancelled',
  label: 'Factura cancelada',
  description: 'Se activa cuando una factura queda cancelada ante el SAT.',
  sample: cancelledInvoiceSample,
  outputFields: invoiceOutputFields,
};

export const invoiceCancelled = hookTrigger(invoiceCancelledSpec);
export const invoiceCancelledPolling = pollingTrigger(invoiceCancelledSpec);
