/** automation: the pipeline (DESIGN.md) behind the facade `createAutofactura`. */

export {
  type Context,
  type ContextOptions,
  createContext,
  DEFAULT_RETRY,
  type RetryPolicy,
} from './context.js';
export { type CreateAutofacturaOptions, createAutofactura } from './create-autofactura.js';
export { creditNoteRequest } from './credit-note.js';
export { type Decision, decide, effectiveAutomation, type FiscalState } from './decide.js';
export { defaultBranding, defaultSettings, mergeSettings } from './defaults.js';
export { GiveUp } from './errors.js';
export { fiscalProblems, normalizeFiscal, validateFiscal } from './fiscal-data.js';
export { backoffMs, type Handlers, type JobHandler, runJob, workDue } from './jobs.js';
export { normalizePaymentInput } from './payment-input.js';
export { invoiceRequest, netAmount } from './payment-to-request.js';
export {
  type GlobalPeriod,
  globalPeriod,
  localMidnight,
  localToInstant,
  MEXICO_CITY,
  PERIODICIDAD,
  receiptExpiry,
  sameLocalMonth,
} from './periods.js';
export { receiptUrl } from './receipt-records.js';
export { TICKET_SERIES } from './receipts.js';
export { API_KEY_PREFIX_LENGTH } from './tokens.js';
export type * from './types.js';
