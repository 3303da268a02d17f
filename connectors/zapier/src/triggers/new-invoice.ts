/** New Invoice: the PAC stamped a CFDI (an invoice, a credit note or a factura global). */
import { type EventTriggerSpec, hookTrigger, pollingTrigger } from '../lib/event-trigger.js';
import { invoiceOutputFields } from '../lib/output-fields.js';
import { invoiceSample } from '../lib/samples.js';

export const newInvoiceSpec: EventTriggerSpec<typeof invoiceSample> = {
  key: 'new_invoice',
  noun: 'Factura',
  eventType: 'invoice.created',
  label: 'Nueva factura timbrada',
  description:
    'Se activa cuando el SAT (a través del PAC) timbra una factura, nota de crédito o factura global. Úsalo para guardar el folio fiscal en tu hoja de cálculo o avisar a tu contador.',
  sample: invoiceSample,
  outputFields: invoiceOutputFields,
};

export const newInvoice = hookTrigger(newInvoiceSpec);
export const newInvoicePolling = pollingTrigger(newInvoiceSpec);
