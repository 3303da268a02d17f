/** Receipt Self-Invoiced: a receipt became an invoice (the customer filled in the portal, or you did). */
import { type EventTriggerSpec, hookTrigger, pollingTrigger } from '../lib/event-trigger.js';
import { receiptOutputFields } from '../lib/output-fields.js';
import { invoicedReceiptSample } from '../lib/samples.js';

export const receiptInvoicedSpec: EventTriggerSpec<typeof invoicedReceiptSample> = {
  key: 'receipt_invoiced',
  noun: 'Recibo',
  eventType: 'receipt.invoiced',
  label: 'Recibo autofacturado',
  description:
    'Se activa cuando un recibo se convierte en factura: tu cliente llenó sus datos fiscales en tu portal de autofacturación.',
  sample: invoicedReceiptSample,
  outputFields: receiptOutputFields,
};

export const receiptInvoiced = hookTrigger(receiptInvoicedSpec);
export const receiptInvoicedPolling = pollingTrigger(receiptInvoicedSpec);
