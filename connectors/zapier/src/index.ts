/**
 * autofactura's Zapier app (issue #8): a client of the REST API. Every trigger, create and search lives
 * in its own file and is registered here under its own key.
 */
import { createRequire } from 'node:module';
import zapier from 'zapier-platform-core';
import { authentication } from './authentication.js';
import { cancelInvoice } from './creates/cancel-invoice.js';
import { createCustomer } from './creates/create-customer.js';
import { createInvoice } from './creates/create-invoice.js';
import { invoiceReceipt } from './creates/invoice-receipt.js';
import { registerPayment } from './creates/register-payment.js';
import { sendInvoiceEmail } from './creates/send-invoice-email.js';
import { updateCustomerFiscal } from './creates/update-customer-fiscal.js';
import { addApiKey, throwForApiError } from './lib/http.js';
import { findCustomer } from './searches/find-customer.js';
import { findInvoice } from './searches/find-invoice.js';
import { findPayment } from './searches/find-payment.js';
import { findProductKey } from './searches/find-product-key.js';
import { cfdiUses } from './triggers/cfdi-uses.js';
import { invoiceCancelled, invoiceCancelledPolling } from './triggers/invoice-cancelled.js';
import { invoiceFailed, invoiceFailedPolling } from './triggers/invoice-failed.js';
import { newInvoice, newInvoicePolling } from './triggers/new-invoice.js';
import { newPayment, newPaymentPolling } from './triggers/new-payment.js';
import { newReceipt, newReceiptPolling } from './triggers/new-receipt.js';
import { paymentForms } from './triggers/payment-forms.js';
import { productKeys } from './triggers/product-keys.js';
import { receiptInvoiced, receiptInvoicedPolling } from './triggers/receipt-invoiced.js';
import { taxRegimes } from './triggers/tax-regimes.js';

const require = createRequire(import.meta.url);
const { version } = require('../package.json') as { version: string };
const platformVersion = zapier.version;

const byKey = <T extends { key: string }>(...operations: T[]) =>
  Object.fromEntries(operations.map((operation) => [operation.key, operation])) as Record<string, T>;

export const triggers = byKey<{ key: string }>(
  newInvoice,
  newPayment,
  newReceipt,
  receiptInvoiced,
  invoiceCancelled,
  invoiceFailed,
  newInvoicePolling,
  newPaymentPolling,
  newReceiptPolling,
  receiptInvoicedPolling,
  invoiceCancelledPolling,
  invoiceFailedPolling,
  taxRegimes,
  cfdiUses,
  paymentForms,
  productKeys,
);

export const creates = byKey<{ key: string }>(
  registerPayment,
  createInvoice,
  createCustomer,
  updateCustomerFiscal,
  cancelInvoice,
  sendInvoiceEmail,
  invoiceReceipt,
);

export const searches = byKey<{ key: string }>(findCustomer, findInvoice, findPayment, findProductKey);

const App = {
  version,
  platformVersion,
  authentication,
  beforeRequest: [addApiKey],
  afterResponse: [throwForApiError],
  triggers,
  creates,
  searches,
  searchOrCreates: {
    find_customer: {
      key: 'find_customer',
      display: {
        label: 'Buscar o crear cliente',
        description: 'Busca al cliente por RFC o correo y, si no existe, lo da de alta.',
      },
      search: 'find_customer',
      create: 'create_customer',
    },
  },
};

export default App;
