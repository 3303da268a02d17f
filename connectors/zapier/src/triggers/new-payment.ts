/** New Payment: a payment was registered (from Stripe, the API, Zapier, Airtable…), once per payment. */
import { type EventTriggerSpec, hookTrigger, pollingTrigger } from '../lib/event-trigger.js';
import { paymentOutputFields } from '../lib/output-fields.js';
import { paymentSample } from '../lib/samples.js';

export const newPaymentSpec: EventTriggerSpec<typeof paymentSample> = {
  key: 'new_payment',
  noun: 'Pago',
  eventType: 'payment.created',
  label: 'Nuevo pago',
  description:
    'Se activa cuando autofactura registra un pago nuevo, venga de donde venga (Stripe, tu tienda, Zapier).',
  sample: paymentSample,
  outputFields: paymentOutputFields,
};

export const newPayment = hookTrigger(newPaymentSpec);
export const newPaymentPolling = pollingTrigger(newPaymentSpec);
