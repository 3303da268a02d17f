/** 404 for ids that do not exist for this merchant — another merchant's ids included (invariant 6). */
import { apiError } from '../http-error.js';

export function notFound(what: 'payment' | 'invoice', id: string) {
  const es = what === 'payment' ? 'el pago' : 'la factura';
  return apiError(
    404,
    what === 'payment' ? 'PAYMENT_NOT_FOUND' : 'INVOICE_NOT_FOUND',
    `No existe ${es} ${id} en este comercio.`,
    `${what === 'payment' ? 'Payment' : 'Invoice'} ${id} does not exist for this merchant.`,
    'id',
  );
}
