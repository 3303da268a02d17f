/** 404 for ids that do not exist for this merchant — another merchant's ids included (invariant 6). */
import { apiError } from '../http-error.js';

const NAMES = {
  payment: ['PAYMENT_NOT_FOUND', 'el pago', 'Payment'],
  invoice: ['INVOICE_NOT_FOUND', 'la factura', 'Invoice'],
  customer: ['CUSTOMER_NOT_FOUND', 'el cliente', 'Customer'],
  receipt: ['RECEIPT_NOT_FOUND', 'el recibo', 'Receipt'],
} as const;

export function notFound(what: keyof typeof NAMES, id: string) {
  const [code, es, en] = NAMES[what];
  return apiError(
    404,
    code,
    `No existe ${es} ${id} en este comercio.`,
    `${en} ${id} does not exist for this merchant.`,
    'id',
  );
}
