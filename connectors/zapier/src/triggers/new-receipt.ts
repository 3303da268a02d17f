/**
 * New Receipt Awaiting the Customer: a payment without complete fiscal data opened a receipt; its `url`
 * is the link where the customer invoices themselves (send it by WhatsApp, SMS or email).
 */
import { type EventTriggerSpec, hookTrigger, pollingTrigger } from '../lib/event-trigger.js';
import { receiptOutputFields } from '../lib/output-fields.js';
import { receiptSample } from '../lib/samples.js';

export const newReceiptSpec: EventTriggerSpec<typeof receiptSample> = {
  key: 'new_receipt',
  noun: 'Recibo',
  eventType: 'receipt.created',
  label: 'Nuevo recibo esperando al cliente',
  description:
    'Se activa cuando un pago llega sin los datos fiscales completos del cliente: trae el enlace para que él mismo se facture. Envíaselo por WhatsApp, SMS o correo.',
  sample: receiptSample,
  outputFields: receiptOutputFields,
  // The event carries the receipt as it is now: one the customer already invoiced needs no link sent.
  accept: (receipt) => receipt.status === 'open',
};

export const newReceipt = hookTrigger(newReceiptSpec);
export const newReceiptPolling = pollingTrigger(newReceiptSpec);
