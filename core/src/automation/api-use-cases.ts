/**
 * The facade's use cases behind the REST API's invoices, customers and receipts (issue #5): issue an
 * invoice from a request, cancel it, email it; create, update and validate customers; read and cancel
 * receipts. Every one is scoped by merchant id (invariant 6): another merchant's id is not found.
 */
import type { ErrorDetail } from '../errors.js';
import type {
  Customer,
  FiscalData,
  Invoice,
  ListOrder,
  Page,
  Receipt,
  ReceiptStatus,
} from '../store/types.js';
import { type CancelInvoiceInput, cancelInvoice } from './cancel-invoice.js';
import type { Context } from './context.js';
import { type CustomerInput, createCustomer, updateCustomer, validateCustomer } from './customer-admin.js';
import { type DirectInvoiceOptions, issueDirectInvoice } from './direct-invoice.js';
import { emailInvoice } from './invoice-email.js';
import {
  type ApiReceipt,
  cancelReceipt,
  emailReceipt,
  getReceipt,
  invoiceReceipt,
  listReceipts,
} from './receipt-admin.js';

export type { ApiReceipt, CancelInvoiceInput, CustomerInput, DirectInvoiceOptions };

export interface ApiUseCases {
  /**
   * Issues a CFDI from an invoice request (docs/invoice-request.md); the issuer is the merchant. With an
   * idempotencyKey the same key yields the same invoice. `wait` (default true) stamps before returning.
   */
  issueInvoice(merchantId: string, request: unknown, options?: DirectInvoiceOptions): Promise<Invoice>;
  /** Asks the PAC to cancel; returns the invoice as it stands (cancelled, cancellation_pending...). */
  cancelInvoice(
    merchantId: string,
    invoiceId: string,
    input: CancelInvoiceInput,
    options?: { wait?: boolean },
  ): Promise<Invoice>;
  /** (Re)sends the stamped invoice to `to` or to the customer's email. */
  emailInvoice(
    merchantId: string,
    invoiceId: string,
    options?: { to?: string[]; wait?: boolean },
  ): Promise<{ to: string[]; status: 'sent' | 'queued' }>;
  getCustomer(merchantId: string, customerId: string): Promise<Customer | null>;
  createCustomer(merchantId: string, input: CustomerInput): Promise<Customer>;
  updateCustomer(merchantId: string, customerId: string, patch: CustomerInput): Promise<Customer>;
  validateCustomer(
    merchantId: string,
    customerId: string,
    candidate?: Partial<FiscalData>,
  ): Promise<{ valid: boolean; errors: ErrorDetail[] }>;
  getReceipt(merchantId: string, receiptId: string): Promise<ApiReceipt | null>;
  listReceipts(
    merchantId: string,
    query?: { status?: ReceiptStatus; cursor?: string; limit?: number; order?: ListOrder },
  ): Promise<Page<ApiReceipt>>;
  /**
   * Invoices a receipt for its customer with the fiscal data given (kept for their next sale) or the
   * customer's stored data, as the portal would; `wait` (default true) stamps before returning.
   */
  invoiceReceipt(
    merchantId: string,
    receiptId: string,
    input?: { fiscal?: FiscalData & { email?: string }; wait?: boolean },
  ): Promise<{ invoice: Invoice; receipts: Receipt[] }>;
  /** Voids an open receipt (its link stops working); other states are refused with RECEIPT_NOT_OPEN. */
  cancelReceipt(merchantId: string, receiptId: string): Promise<Receipt>;
  /** Sends an open receipt's portal link again, to the customer or to `to`. */
  emailReceipt(
    merchantId: string,
    receiptId: string,
    options?: { to?: string[] },
  ): Promise<{ to: string[]; status: 'queued' }>;
}

export function apiUseCases(ctx: Context): ApiUseCases {
  return {
    issueInvoice: (merchantId, request, options) => issueDirectInvoice(ctx, merchantId, request, options),
    cancelInvoice: (merchantId, invoiceId, input, options) =>
      cancelInvoice(ctx, merchantId, invoiceId, input, { wait: true, ...options }),
    emailInvoice: (merchantId, invoiceId, options) =>
      emailInvoice(ctx, merchantId, invoiceId, { wait: true, ...options }),
    getCustomer: (merchantId, customerId) => ctx.store.customers.get(merchantId, customerId),
    createCustomer: (merchantId, input) => createCustomer(ctx, merchantId, input),
    updateCustomer: (merchantId, customerId, patch) => updateCustomer(ctx, merchantId, customerId, patch),
    validateCustomer: (merchantId, customerId, candidate) =>
      validateCustomer(ctx, merchantId, customerId, candidate),
    getReceipt: (merchantId, receiptId) => getReceipt(ctx, merchantId, receiptId),
    listReceipts: (merchantId, query) => listReceipts(ctx, merchantId, query),
    cancelReceipt: (merchantId, receiptId) => cancelReceipt(ctx, merchantId, receiptId),
    invoiceReceipt: (merchantId, receiptId, input) => invoiceReceipt(ctx, merchantId, receiptId, input),
    emailReceipt: (merchantId, receiptId, options) => emailReceipt(ctx, merchantId, receiptId, options),
  };
}
