/** 404s of the records the API addresses by id: another merchant's ids look exactly like unknown ones. */
import { AutofacturaError } from '../errors.js';

function missing(code: string, es: string, en: string): AutofacturaError {
  return new AutofacturaError({
    code,
    status: 404,
    message: es,
    messageEn: en,
    details: [{ code, path: 'id', message: es, messageEn: en }],
  });
}

export const missingRecord = {
  invoice: (id: string) =>
    missing(
      'INVOICE_NOT_FOUND',
      `No existe la factura ${id} en este comercio.`,
      `Invoice ${id} does not exist for this merchant.`,
    ),
  customer: (id: string) =>
    missing(
      'CUSTOMER_NOT_FOUND',
      `No existe el cliente ${id} en este comercio.`,
      `Customer ${id} does not exist for this merchant.`,
    ),
  receipt: (id: string) =>
    missing(
      'RECEIPT_NOT_FOUND',
      `No existe el recibo ${id} en este comercio.`,
      `Receipt ${id} does not exist for this merchant.`,
    ),
};
