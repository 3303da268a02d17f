/**
 * The storage port (DESIGN.md, store): records and repositories every adapter implements — lowdb (the
 * embedded default, data/ folder) and PostgreSQL (DATABASE_URL). One contract suite
 * (test/core/store/contract.ts) runs against both.
 *
 * Rules every adapter keeps:
 * - Every method is scoped by `merchantId` where a record belongs to a merchant; a record of merchant A
 *   is never returned, changed or counted through merchant B's id (tenant isolation, invariant 6).
 * - The methods named `...IfAbsent`, `claim...`, `allocateFolio`, `transition` are atomic: two processes
 *   (PostgreSQL) or two concurrent calls (lowdb) never both win.
 * - Records are plain JSON-safe objects: money and quantities are decimal strings, times ISO 8601 UTC
 *   strings (`2026-11-28T18:00:00.000Z`). Adapters return copies: mutating a result changes nothing.
 * - Secrets reach the store already encrypted or hashed (store/secrets.ts); adapters never see them in
 *   the clear.
 * - `null` means "not found"; a broken invariant (unknown id on update, duplicate on create) throws
 *   StoreError with a code.
 */

import type { DashboardSessionRepo, DashboardUserRepo, LoginThrottleRepo } from './dashboard-types.js';

/** ISO 8601 UTC timestamp, e.g. 2026-11-28T18:00:00.000Z. */
export type Iso = string;
/** Decimal string, e.g. "1160.00". Never a JS number. */
export type DecimalString = string;

/** AES-256-GCM ciphertext produced by store/secrets.ts: `v1:<iv b64>:<tag b64>:<data b64>`. */
export type Encrypted = string;

// ---------------------------------------------------------------------------------------------------
// Merchants

export type Automation = 'auto' | 'invoice' | 'receipt' | 'none';
export type PaymentMethod = 'card_credit' | 'card_debit' | 'cash' | 'transfer' | 'wallet' | 'other';
export type GlobalPeriodicity = 'daily' | 'weekly' | 'fortnightly' | 'monthly' | 'bimonthly';

export interface DefaultProduct {
  /** c_ClaveProdServ. */
  productKey: string;
  /** c_ClaveUnidad. */
  unitKey: string;
  unit?: string;
  description: string;
  /** c_ObjetoImp; "02" with taxes. */
  taxObject: string;
  /** Request taxes (docs/invoice-request.md), e.g. [{ type: 'IVA', rate: '0.16' }]. */
  taxes: {
    type: 'IVA' | 'ISR' | 'IEPS';
    rate?: string;
    factor?: 'Tasa' | 'Cuota' | 'Exento';
    withholding?: boolean;
  }[];
  /** true: the amount paid includes these taxes (the usual case for consumer sales). */
  taxIncluded: boolean;
}

export interface MerchantSettings {
  /** What to do with a payment whose `automation` is 'auto' or absent. */
  automation: Automation;
  /** A receipt's link lives min(now + receiptDays, end of the global period). */
  receiptDays: number;
  /** How many days after the global a customer may still ask for their own invoice. */
  reinvoiceDays: number;
  globalPeriodicity: GlobalPeriodicity;
  /** Conceptos per factura global before it is split into another CFDI (default 5,000). */
  globalMaxItems?: number;
  /** Payment method -> c_FormaPago (credit card 04, debit 28, cash 01, transfer 03, wallet 06...). */
  paymentForms: Record<PaymentMethod, string>;
  defaultProduct: DefaultProduct;
  /** Refund of an invoiced payment: credit note (egreso, TipoRelacion 01) or cancellation while the month is open. */
  refundPolicy: 'credit_note' | 'cancel_if_same_month';
  /** Series for ingreso, egreso and global CFDIs. */
  series: { invoice: string; creditNote: string; global: string };
  /** Email copies (the merchant's accountant), optional. */
  bcc?: string[];
  lang: 'es' | 'en';
  /**
   * Who stamps this merchant's CFDIs: absent or 'sandbox' is the server's PAC (env PAC); 'finkok' or
   * 'sw' use the merchant's own credentials, kept encrypted in `secrets['pac.finkok' | 'pac.sw']`.
   */
  pac?: 'sandbox' | 'finkok' | 'sw';
}

export interface MerchantBranding {
  tradeName: string;
  /**
   * The self-invoice portal's address: `/{slug}`. [a-z0-9-]{3,40}, unique across merchants (the store
   * refuses a taken one with STORE_DUPLICATE). Changing it breaks links already sent.
   */
  slug?: string;
  /** Primary color, #RRGGBB. */
  color?: string;
  /** Secondary color, #RRGGBB. */
  secondaryColor?: string;
  /** Blob key of the logo (PNG/JPEG). */
  logoBlob?: string;
  /** Shown on the portal's page, plain text (escaped when rendered). */
  welcomeText?: string;
  supportEmail?: string;
  /** Phone number as the merchant writes it, e.g. "+52 55 1234 5678". */
  phone?: string;
  /** WhatsApp number with country code, digits, e.g. "5215512345678". */
  whatsapp?: string;
  /** Full URLs (https://...). */
  social?: { website?: string; facebook?: string; instagram?: string; x?: string; tiktok?: string };
}

export interface MerchantCsd {
  /** DER .cer, base64 (public). */
  certificate: string;
  noCertificado: string;
  validFrom: Iso;
  validTo: Iso;
  /** Encrypted DER .key (PKCS#8, still encrypted with its own password). */
  key: Encrypted;
  /** Encrypted password of the key. */
  password: Encrypted;
}

export interface ApiKeyRecord {
  id: string;
  /** First characters shown to the merchant, e.g. "af_test_3k9Q". Unique across merchants. */
  prefix: string;
  /** sha256 of the whole key, hex. */
  hash: string;
  mode: 'test' | 'live';
  createdAt: Iso;
  revokedAt?: Iso;
}

export interface Merchant {
  id: string;
  rfc: string;
  /** Emisor Nombre as in the CSF (without the regime capital). */
  name: string;
  /** c_RegimenFiscal. */
  regime: string;
  /** LugarExpedicion. */
  zip: string;
  csd: MerchantCsd;
  settings: MerchantSettings;
  branding: MerchantBranding;
  apiKeys: ApiKeyRecord[];
  /** Webhook endpoint secrets etc., per connection id; each value encrypted. */
  secrets: Record<string, Encrypted>;
  /**
   * The merchant's connections to outside systems: public account ids, e.g. { 'stripe.account':
   * 'acct_123' } (a Stripe Connect account's events are routed to the merchant that connected it), and
   * connection options (e.g. 'stripe.payment_forms'). An account id (a name ending in `.account`)
   * belongs to one merchant: the store refuses it for a second one with STORE_DUPLICATE.
   */
  connections?: Record<string, string>;
  createdAt: Iso;
  updatedAt: Iso;
}

// ---------------------------------------------------------------------------------------------------
// Customers

export interface FiscalData {
  rfc: string;
  /** Receptor Nombre. */
  name: string;
  /** c_RegimenFiscal. */
  taxRegime: string;
  /** DomicilioFiscalReceptor. */
  zip: string;
  /** c_UsoCFDI. */
  cfdiUse: string;
  /** Foreign customers (RFC XEXX010101000). */
  country?: string;
  taxId?: string;
}

export interface Customer {
  id: string;
  merchantId: string;
  email?: string;
  name?: string;
  /** The customer's id at each source, e.g. { stripe: 'cus_123' }. */
  sourceIds: Record<string, string>;
  /** Fiscal data that passed validation (complete and usable for an invoice). */
  fiscal?: FiscalData;
  /** When `fiscal` was last validated. */
  fiscalValidatedAt?: Iso;
  createdAt: Iso;
  updatedAt: Iso;
}

// ---------------------------------------------------------------------------------------------------
// Payments

/** Every payment status, in the order of a payment's life (API filters, dashboard lists). */
export const PAYMENT_STATUSES = [
  'recorded',
  'issuing',
  'invoiced',
  'awaiting_customer',
  'failed',
  'refunded',
  'in_global',
  'ignored',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface PaymentItem {
  productKey: string;
  unitKey: string;
  unit?: string;
  sku?: string;
  description: string;
  quantity: DecimalString;
  unitPrice: DecimalString;
  discount?: DecimalString;
  taxIncluded?: boolean;
  taxObject?: string;
  taxes?: DefaultProduct['taxes'];
}

export interface PaymentCustomerInput {
  email?: string;
  name?: string;
  externalId?: string;
  rfc?: string;
  taxRegime?: string;
  zip?: string;
  cfdiUse?: string;
}

export interface PaymentRefund {
  /** Source's refund id; refunds are idempotent on it. */
  externalId: string;
  amount: DecimalString;
  at: Iso;
  /** The egreso invoice, when one was issued for it. */
  invoiceId?: string;
  /** What was done: credit note, cancellation of the invoice, or the receipt was voided. */
  outcome?: 'credit_note' | 'cancelled' | 'receipt_voided' | 'pending';
}

export interface Payment {
  id: string;
  merchantId: string;
  /** 'api', 'stripe', 'conekta', 'zapier', 'airtable', ... */
  source: string;
  /** Id at the source; with merchant and source, unique. Generated when the caller gives none. */
  externalId: string;
  mode: 'test' | 'live';
  amount: DecimalString;
  currency: string;
  exchangeRate?: DecimalString;
  paidAt: Iso;
  method: PaymentMethod;
  /** c_FormaPago chosen for it. */
  paymentForm: string;
  items?: PaymentItem[];
  customerInput: PaymentCustomerInput;
  customerId?: string;
  automation: Automation;
  metadata: Record<string, string>;
  status: PaymentStatus;
  /** The live ingreso invoice covering it (set atomically once; see PaymentRepo.claimInvoice). */
  invoiceId?: string;
  receiptId?: string;
  /** The factura global that includes it. */
  globalInvoiceId?: string;
  refunds: PaymentRefund[];
  /** Why it failed: the coded reason shown to the merchant. */
  failure?: { code: string; message: string; messageEn?: string; at: Iso };
  createdAt: Iso;
  updatedAt: Iso;
}

// ---------------------------------------------------------------------------------------------------
// Receipts (self-invoice links)

export const RECEIPT_STATUSES = ['open', 'invoiced', 'expired', 'in_global', 'voided'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export interface Receipt {
  id: string;
  merchantId: string;
  paymentId: string;
  customerId?: string;
  /** Ticket number printed on the receipt and used as NoIdentificacion in the global. */
  ticket: string;
  /** sha256 hex of the link token (the token itself is never stored in the clear). */
  tokenHash: string;
  /** The token, encrypted, so the link can be sent again. */
  token: Encrypted;
  amount: DecimalString;
  currency: string;
  paidAt: Iso;
  expiresAt: Iso;
  status: ReceiptStatus;
  /** The named invoice, or the factura global (status in_global) that includes it. */
  invoiceId?: string;
  /**
   * The customer asked for their own invoice after the receipt went into a factura global (within the
   * merchant's reinvoiceDays): the global is re-issued without it (motive 04), then the named invoice.
   */
  reinvoice?: { customerId: string; requestedAt: Iso };
  createdAt: Iso;
  updatedAt: Iso;
}

// ---------------------------------------------------------------------------------------------------
// Invoices

export type InvoiceType = 'I' | 'E' | 'P';
export type InvoiceKind = 'invoice' | 'credit_note' | 'global';
export const INVOICE_STATUSES = [
  'sealed',
  'stamped',
  'failed',
  'cancellation_pending',
  'cancelled',
  'cancellation_rejected',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface InvoiceStatusChange {
  status: InvoiceStatus;
  at: Iso;
  /** Code and message for failures and cancellations. */
  code?: string;
  message?: string;
}

export interface Invoice {
  id: string;
  merchantId: string;
  kind: InvoiceKind;
  type: InvoiceType;
  series: string;
  folio: number;
  /** Payments it covers (one for a normal invoice; several when a customer invoices receipts together). */
  paymentIds: string[];
  /**
   * 'test' when it came from a test API key (or test payments): stamped by the sandbox PAC, never by a
   * real one, in its own series (`<series>-PRUEBA`, see documentSeries). Absent means live.
   */
  mode?: 'test' | 'live';
  receiptIds: string[];
  customerId?: string;
  receiverRfc: string;
  receiverName: string;
  currency: string;
  subtotal: DecimalString;
  discount?: DecimalString;
  total: DecimalString;
  /** CFDI Fecha as written (local time of LugarExpedicion). */
  fecha: string;
  status: InvoiceStatus;
  history: InvoiceStatusChange[];
  /** Blob keys. sealedXml is written before the PAC is called (invariant 3). */
  blobs: { sealedXml: string; xml?: string; pdf?: string; acuse?: string };
  uuid?: string;
  stampedAt?: Iso;
  /** For credit notes and replacements: related UUIDs and TipoRelacion. */
  related?: { relationship: string; uuids: string[] };
  cancellation?: { motive: string; replacementUuid?: string; requestedAt: Iso; status: string };
  /** Factura global: its period. */
  globalPeriod?: { periodicity: string; months: string; year: number; from: Iso; to: Iso };
  /**
   * Figures of the CFDI the reports add up without reading the XML (set when sealed; records sealed
   * before they existed are read from their XML): FormaPago, MetodoPago, TipoCambio, and the tax totals
   * by impuesto — trasladados (IVA, IEPS) and retenidos (ISR, IVA) — as written in Comprobante/Impuestos.
   */
  paymentForm?: string;
  paymentMethod?: string;
  exchangeRate?: DecimalString;
  taxes?: {
    iva?: DecimalString;
    ieps?: DecimalString;
    isrWithheld?: DecimalString;
    ivaWithheld?: DecimalString;
  };
  /**
   * Factura global being replaced because customers asked for their own invoices (motive 04): the
   * receipts taken out and the id of the global that replaces it (automation/global/reissue.ts).
   */
  reissue?: { removedReceiptIds: string[]; replacementId: string; requestedAt: Iso };
  createdAt: Iso;
  updatedAt: Iso;
}

// ---------------------------------------------------------------------------------------------------
// Jobs (durable work that talks to the outside: PAC, SMTP, outbound webhooks)

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

export interface Job {
  id: string;
  merchantId: string;
  /** 'issue_invoice', 'stamp_invoice', 'send_email', 'cancel_invoice', ... */
  type: string;
  /** Unique among jobs that are not done or dead: enqueueing the same key twice yields one job. */
  dedupeKey: string;
  payload: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  /** Not claimable before. */
  runAt: Iso;
  /** While running: who holds it and until when; an expired lease can be claimed again (crash). */
  lockedBy?: string;
  lockedUntil?: Iso;
  lastError?: { code: string; message: string; at: Iso; retriable: boolean };
  createdAt: Iso;
  updatedAt: Iso;
}

export interface NewJob {
  merchantId: string;
  type: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  runAt?: Iso;
  maxAttempts?: number;
}

// ---------------------------------------------------------------------------------------------------
// Event log (the audit trail of each payment)

export interface StoredEvent {
  /** Monotonic per store (a cursor for /v1/events). */
  seq: number;
  id: string;
  merchantId: string;
  paymentId?: string;
  invoiceId?: string;
  receiptId?: string;
  /** 'payment.received', 'payment.duplicate_ignored', 'payment.decided', 'receipt.sent', 'invoice.issued', ... */
  type: string;
  data: Record<string, unknown>;
  at: Iso;
}

export type NewEvent = Omit<StoredEvent, 'seq' | 'id' | 'at'> & { at?: Iso };

// Outbound webhooks (endpoints and delivery attempts): store/webhook-types.ts
import type { WebhookAttemptRepo, WebhookEndpointRepo } from './webhook-types.js';

export type * from './webhook-types.js';

// ---------------------------------------------------------------------------------------------------
// Repositories

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page (in the same order); absent on the last page. */
  next?: string;
  /**
   * Opaque, on pages asked for with a cursor: pass it with the opposite order to list the records
   * before this page, nearest first (a pager's "previous" link).
   */
  prev?: string;
}

/**
 * Order of the payment, invoice and receipt lists: 'asc' oldest first (insertion order, the default),
 * 'desc' newest first. A cursor keeps the order of the page that gave it.
 */
export type ListOrder = 'asc' | 'desc';

export interface MerchantRepo {
  create(merchant: Merchant): Promise<Merchant>;
  get(id: string): Promise<Merchant | null>;
  /** The merchant owning an API key with this prefix (not revoked), for authentication. */
  findByApiKeyPrefix(prefix: string): Promise<{ merchant: Merchant; key: ApiKeyRecord } | null>;
  list(): Promise<Merchant[]>;
  /** The merchant whose branding.slug is exactly `slug` (the public portal), or null. */
  findBySlug(slug: string): Promise<Merchant | null>;
  /** The merchant whose account id `connections[name]` (a name ending in `.account`) is `value`, or null. */
  findByConnection(name: string, value: string): Promise<Merchant | null>;
  /**
   * Replaces the record (id and createdAt kept); throws STORE_NOT_FOUND for an unknown id and
   * STORE_DUPLICATE when another merchant has the same API key prefix, branding.slug or connection.
   */
  update(merchant: Merchant): Promise<Merchant>;
}

export interface CustomerRepo {
  create(customer: Customer): Promise<Customer>;
  get(merchantId: string, id: string): Promise<Customer | null>;
  findBySourceId(merchantId: string, source: string, sourceId: string): Promise<Customer | null>;
  findByRfc(merchantId: string, rfc: string): Promise<Customer | null>;
  /** Case-insensitive. */
  findByEmail(merchantId: string, email: string): Promise<Customer | null>;
  /**
   * Compare-and-set on `updatedAt`, as PaymentRepo.update: null when someone else changed the customer
   * first (a webhook and the portal saving fiscal data at once); STORE_NOT_FOUND for an unknown id.
   */
  update(customer: Customer, expectedUpdatedAt: Iso): Promise<Customer | null>;
  list(merchantId: string, options?: { cursor?: string; limit?: number }): Promise<Page<Customer>>;
}

export interface PaymentQuery {
  status?: PaymentStatus;
  /** paidAt >= from, paidAt < to. */
  from?: Iso;
  to?: Iso;
  customerId?: string;
  cursor?: string;
  limit?: number;
  order?: ListOrder;
}

export interface PaymentRepo {
  /**
   * Creates the payment unless (merchantId, source, externalId) exists; atomic. Returns the stored
   * payment and whether this call created it.
   */
  createIfAbsent(payment: Payment): Promise<{ payment: Payment; created: boolean }>;
  get(merchantId: string, id: string): Promise<Payment | null>;
  findByExternalId(merchantId: string, source: string, externalId: string): Promise<Payment | null>;
  /**
   * Compare-and-set on `updatedAt`: writes `payment` only if the stored one still has
   * `expectedUpdatedAt`; returns null when someone else changed it first (reload and retry).
   */
  update(payment: Payment, expectedUpdatedAt: Iso): Promise<Payment | null>;
  /**
   * Sets invoiceId if the payment has none; atomic. Returns true when this call set it; false when the
   * payment already has an invoice (another worker won: invariant 1).
   */
  claimInvoice(merchantId: string, paymentId: string, invoiceId: string): Promise<boolean>;
  /** Clears invoiceId when it still equals `invoiceId` (the invoice failed for good or was cancelled). */
  releaseInvoice(merchantId: string, paymentId: string, invoiceId: string): Promise<void>;
  /** Several payments by id at once (unknown ids left out), in no particular order. */
  getMany(merchantId: string, ids: string[]): Promise<Payment[]>;
  /** claimInvoice for many payments in one step (a factura global): the ids this call claimed. */
  claimInvoiceMany(merchantId: string, ids: string[], invoiceId: string): Promise<string[]>;
  /**
   * A stamped factura global: each payment still claimed by `invoiceId` and not yet marked becomes
   * status in_global with globalInvoiceId = invoiceId, its failure cleared, updatedAt = `at` (a new
   * compare-and-set token); one statement / one write per chunk. Returns the ids it changed.
   */
  markInGlobal(merchantId: string, ids: string[], invoiceId: string, at: Iso): Promise<string[]>;
  list(merchantId: string, query?: PaymentQuery): Promise<Page<Payment>>;
  count(merchantId: string, query?: Omit<PaymentQuery, 'cursor' | 'limit' | 'order'>): Promise<number>;
}

export interface ReceiptRepo {
  create(receipt: Receipt): Promise<Receipt>;
  get(merchantId: string, id: string): Promise<Receipt | null>;
  /** Across merchants: the portal knows only the token. */
  findByTokenHash(tokenHash: string): Promise<Receipt | null>;
  findByPayment(merchantId: string, paymentId: string): Promise<Receipt | null>;
  /** Compare-and-set on updatedAt, as PaymentRepo.update. */
  update(receipt: Receipt, expectedUpdatedAt: Iso): Promise<Receipt | null>;
  /**
   * The period close takes receipts for factura global `invoiceId` in one step: among `ids`, those open
   * or expired, whose link expired by `at`, with no invoice and no pending re-invoice request, become
   * in_global with invoiceId, updatedAt = `at` (a new compare-and-set token). Returns the ids taken.
   */
  takeForGlobal(merchantId: string, ids: string[], invoiceId: string, at: Iso): Promise<string[]>;
  list(
    merchantId: string,
    query?: {
      status?: ReceiptStatus;
      customerId?: string;
      expiresBefore?: Iso;
      paidFrom?: Iso;
      paidTo?: Iso;
      cursor?: string;
      limit?: number;
      order?: ListOrder;
    },
  ): Promise<Page<Receipt>>;
}

export interface InvoiceRepo {
  /** Throws STORE_DUPLICATE if (merchantId, series, folio) or the id exists. */
  create(invoice: Invoice): Promise<Invoice>;
  get(merchantId: string, id: string): Promise<Invoice | null>;
  findByUuid(merchantId: string, uuid: string): Promise<Invoice | null>;
  findBySeriesFolio(merchantId: string, series: string, folio: number): Promise<Invoice | null>;
  /** Compare-and-set on updatedAt, as PaymentRepo.update. */
  update(invoice: Invoice, expectedUpdatedAt: Iso): Promise<Invoice | null>;
  list(
    merchantId: string,
    query?: {
      status?: InvoiceStatus;
      kind?: InvoiceKind;
      paymentId?: string;
      from?: Iso;
      to?: Iso;
      cursor?: string;
      limit?: number;
      order?: ListOrder;
    },
  ): Promise<Page<Invoice>>;
  count(merchantId: string): Promise<number>;
}

export interface FolioRepo {
  /** The next folio for (merchant, series), starting at 1; atomic, never the same number twice. */
  allocate(merchantId: string, series: string): Promise<number>;
  /** Sets the next folio (a merchant moving from another system); never below one already used. */
  setNext(merchantId: string, series: string, next: number): Promise<void>;
}

export interface JobRepo {
  /**
   * Creates the job unless a pending or running job has the same (merchantId, dedupeKey). A pending
   * one that would run later than `runAt` (default now) is brought forward to it: asking for the work
   * again (a retry from the dashboard) never waits behind a delayed safety-net run or a backoff.
   */
  enqueue(job: NewJob): Promise<{ job: Job; created: boolean }>;
  /**
   * Claims up to `limit` pending jobs whose runAt <= now, plus running jobs whose lease expired, in
   * runAt order; atomic across processes (no job is held by two workers at once). Marks them running,
   * increments attempts, sets lockedBy/lockedUntil = now + leaseMs.
   */
  claim(options: {
    now: Iso;
    workerId: string;
    leaseMs: number;
    limit: number;
    types?: string[];
    /**
     * Pending jobs that were attempted before (retries) only when also runAt <= dueBefore: a run does
     * not pick up the retries it reschedules itself (`jobs run` during a PAC outage must not burn every
     * attempt in one go), while new jobs (an email queued by an invoice just issued) are still worked.
     */
    dueBefore?: Iso;
  }): Promise<Job[]>;
  /** done; only if still locked by workerId (returns false otherwise). */
  complete(id: string, workerId: string): Promise<boolean>;
  /** Back to pending at retryAt, or dead when retryAt is null; only if still locked by workerId. */
  fail(
    id: string,
    workerId: string,
    error: NonNullable<Job['lastError']>,
    retryAt: Iso | null,
  ): Promise<boolean>;
  get(id: string): Promise<Job | null>;
  list(merchantId: string, query?: { status?: JobStatus; type?: string; limit?: number }): Promise<Job[]>;
  /** Pending (runAt <= now) + running counts, for `jobs run` and health. */
  countOpen(now: Iso): Promise<number>;
}

export interface EventRepo {
  append(event: NewEvent): Promise<StoredEvent>;
  /**
   * Appends several events at once (a factura global's thousands of payments), in the given order, with
   * increasing seqs; one write (lowdb) or one transaction (PostgreSQL) instead of one per event.
   */
  appendMany(events: NewEvent[]): Promise<StoredEvent[]>;
  listByPayment(merchantId: string, paymentId: string): Promise<StoredEvent[]>;
  /**
   * Events with seq > after (and seq < before), oldest first; `order: 'desc'` gives the newest first
   * (the API's polling of the latest events).
   */
  list(
    merchantId: string,
    options?: { after?: number; before?: number; limit?: number; types?: string[]; order?: 'asc' | 'desc' },
  ): Promise<StoredEvent[]>;
  /** One event by id, or null (another merchant's included). */
  get(merchantId: string, id: string): Promise<StoredEvent | null>;
}

/** XML, PDF, acuses, logos. Keys are chosen by the caller (`<merchantId>/invoices/<id>.xml`). */
export interface BlobStore {
  /** Durable when it resolves (fsync / committed). Overwrites. */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

export interface Store {
  /** 'lowdb' | 'postgres'. */
  readonly kind: string;
  merchants: MerchantRepo;
  customers: CustomerRepo;
  payments: PaymentRepo;
  receipts: ReceiptRepo;
  invoices: InvoiceRepo;
  folios: FolioRepo;
  jobs: JobRepo;
  events: EventRepo;
  webhookEndpoints: WebhookEndpointRepo;
  webhookAttempts: WebhookAttemptRepo;
  blobs: BlobStore;
  /** Merchant dashboard (issue #5): users, sessions, failed-login counters (dashboard-types.ts). */
  dashboardUsers: DashboardUserRepo;
  dashboardSessions: DashboardSessionRepo;
  loginThrottle: LoginThrottleRepo;
  close(): Promise<void>;
}
