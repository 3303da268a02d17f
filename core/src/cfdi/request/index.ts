export { parseInvoiceRequest } from './parse-invoice-request.js';
export {
  type InvoiceItem,
  type InvoiceRequest,
  type InvoiceRequestInput,
  type InvoiceTax,
  invoiceRequestSchema,
} from './schema.js';
