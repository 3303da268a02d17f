/**
 * The facade (DESIGN.md): `createAutofactura({ store, pac, mailer, clock, logger })` returns the use
 * cases that portal, connectors and the CLI call. Nothing outside core touches the store directly.
 */

import type { Mailer } from '../notify/message.js';
import type { Pac } from '../pac/port.js';
import type { ReportUseCases } from '../reports/types.js';
import type { SecretBox } from '../store/secrets.js';
import type {
  Automation,
  Customer,
  DecimalString,
  FiscalData,
  Invoice,
  Iso,
  Job,
  Merchant,
  MerchantBranding,
  MerchantSettings,
  Payment,
  PaymentCustomerInput,
  PaymentItem,
  PaymentMethod,
  Receipt,
  Store,
  StoredEvent,
} from '../store/types.js';
import type { ApiUseCases } from './api-use-cases.js';
import type { ConnectionUseCases } from './connections.js';
import type { DashboardUseCases } from './dashboard/types.js';
import type { DeferredRefundResult } from './early-refunds.js';
import type { CloseOptions, CloseResult } from './global/close.js';
import type { InboundUseCases } from './inbound.js';
import type { PortalMatch, PortalQuery } from './portal.js';
import type { WebhookUseCases } from './webhooks/index.js';

export type { PortalMatch, PortalQuery };

export interface Clock {
  now(): Date;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AutofacturaDeps {
  store: Store;
  pac: Pac;
  mailer: Mailer;
  /** Encrypts/decrypts merchant secrets (store/secrets.ts createSecretBox). */
  secrets: SecretBox;
  clock?: Clock;
  logger?: Logger;
  /** Base URL of the self-invoice portal, e.g. https://facturas.example.com (receipt links). */
  publicUrl?: string;
  /** Job retry policy. */
  retry?: { baseMs?: number; maxMs?: number; maxAttempts?: number };
  /**
   * Where merchants' own PAC accounts are called (merchant-pac.ts): by default Finkok's and SW's public
   * services (demo or production as each merchant chose); FINKOK_URL / SW_URL override them (a proxy, a
   * test double).
   */
  ownPacUrls?: { finkok?: string; sw?: string };
  /**
   * Stamps the documents of test mode (test API keys): the sandbox. Default: `pac` itself when it is the
   * sandbox; without one, test-mode documents fail with TEST_MODE_UNAVAILABLE rather than reach a real PAC.
   */
  testPac?: Pac;
}

export type { SecretBox };

/** What a caller (API, connector, CLI) says about a payment. Amounts are decimal strings. */
export interface PaymentInput {
  /** 'api', 'stripe', ... */
  source: string;
  /** Id at the source; absent: the API's Idempotency-Key or a generated id is used by the caller. */
  externalId: string;
  mode?: 'test' | 'live';
  amount: DecimalString;
  /** ISO 4217, default MXN. */
  currency?: string;
  exchangeRate?: DecimalString;
  /** Default now. May lie in the past (backfills): periods follow paidAt in Mexico City time. */
  paidAt?: Iso;
  method?: PaymentMethod;
  /** Explicit c_FormaPago overrides the mapping from `method`. */
  paymentForm?: string;
  items?: PaymentItem[];
  customer?: PaymentCustomerInput;
  automation?: Automation;
  metadata?: Record<string, string>;
}

export interface RecordPaymentResult {
  payment: Payment;
  /** false when the same (merchant, source, externalId) was recorded before: nothing new happened. */
  created: boolean;
  invoice?: Invoice;
  receipt?: Receipt & { url: string };
}

export interface RefundInput {
  /** The payment by its source and external id. */
  source: string;
  paymentExternalId: string;
  refundExternalId: string;
  amount: DecimalString;
  at?: Iso;
}

export interface CreateMerchantInput {
  certificate: Buffer;
  privateKey: Buffer;
  password: string;
  /** Emisor Nombre; default the certificate's legal name. */
  name?: string;
  regime: string;
  zip: string;
  settings?: Partial<MerchantSettings>;
  branding?: Partial<MerchantBranding>;
}

export interface CreatedMerchant {
  merchant: Merchant;
  /** Shown once; stored hashed. */
  apiKeys: { test: string; live: string };
}

export interface WorkResult {
  /** Jobs completed, retried later, and given up (dead). */
  done: number;
  retried: number;
  dead: number;
}

export interface Autofactura extends DashboardUseCases, ApiUseCases, ConnectionUseCases, InboundUseCases {
  createMerchant(input: CreateMerchantInput): Promise<CreatedMerchant>;
  /** The merchant behind an API key, or null. */
  authenticate(apiKey: string): Promise<{ merchant: Merchant; mode: 'test' | 'live' } | null>;

  /**
   * Records the payment durably (idempotent on merchant + source + externalId) and decides: invoice now,
   * receipt with a portal link, or nothing. Issuing runs as durable jobs; with `wait` the call works the
   * payment's jobs before returning (the API's synchronous path), otherwise it returns at once.
   */
  recordPayment(
    merchantId: string,
    input: PaymentInput,
    options?: { wait?: boolean },
  ): Promise<RecordPaymentResult>;
  /**
   * The portal's entry point: fiscal data for one receipt, invoiced together with other open receipts of
   * the same customer (`alsoReceiptIds`) or with other open receipts of the same merchant whose link
   * tokens the customer holds or proved (`alsoTokens`, from findPortalReceipts).
   */
  completeReceipt(
    token: string,
    fiscal: FiscalData & { email?: string },
    options?: { alsoReceiptIds?: string[]; alsoTokens?: string[]; wait?: boolean },
  ): Promise<{ invoice: Invoice; receipts: Receipt[] }>;
  /** Looks up a receipt by its link token (the portal), or null when unknown. */
  receiptByToken(token: string): Promise<{ receipt: Receipt; merchant: Merchant; payment: Payment } | null>;
  /** The merchant whose self-invoice portal is /{slug}, or null (portal.ts). */
  merchantBySlug(slug: string): Promise<Merchant | null>;
  /**
   * The portal's search: the merchant's receipts (any status) whose ticket or payment external id,
   * exact amount and day paid (Mexico City) all match, each with its link token (portal.ts).
   */
  findPortalReceipts(merchantId: string, query: PortalQuery): Promise<PortalMatch[]>;
  recordRefund(merchantId: string, input: RefundInput, options?: { wait?: boolean }): Promise<Payment>;
  /**
   * recordRefund for webhooks that arrive out of order: a refund whose payment is not recorded yet is
   * kept durably and applied when the payment arrives (early-refunds.ts) instead of PAYMENT_NOT_FOUND.
   */
  recordRefundOrDefer(
    merchantId: string,
    input: RefundInput,
    options?: { wait?: boolean },
  ): Promise<DeferredRefundResult>;
  /** Fix and retry a failed payment (e.g. corrected customer fiscal data). */
  retryPayment(
    merchantId: string,
    paymentId: string,
    fix?: { customer?: PaymentCustomerInput; items?: PaymentItem[] },
  ): Promise<Payment>;

  /**
   * Factura global (global/close.ts): the period's expired, unclaimed receipts into one or more CFDIs to
   * público en general; `dryRun` previews them. Idempotent. `period`: '2026-11' or '2026-11-28'.
   */
  closeGlobal(merchantId: string, options: CloseOptions): Promise<CloseResult>;
  /** What the server's worker runs every few minutes: expires receipts, closes ended periods. */
  closeDueGlobals(): Promise<CloseResult[]>;
  /**
   * Until when the customer of a receipt already in a factura global may still ask for their own invoice
   * (the global is re-issued without it, motive 04), or null when that is no longer possible.
   */
  reinvoiceDeadline(merchantId: string, receiptId: string): Promise<string | null>;

  getPayment(
    merchantId: string,
    paymentId: string,
  ): Promise<{ payment: Payment; events: StoredEvent[] } | null>;
  getInvoice(merchantId: string, invoiceId: string): Promise<Invoice | null>;
  invoiceXml(merchantId: string, invoiceId: string): Promise<Buffer | null>;
  invoicePdf(merchantId: string, invoiceId: string): Promise<Buffer | null>;
  upsertCustomer(merchantId: string, input: PaymentCustomerInput & { source?: string }): Promise<Customer>;

  /** Outbound webhook endpoints, their deliveries and the public events API (automation/webhooks). */
  webhooks: WebhookUseCases;
  /** Weekly and monthly reports, reconciliation and their exports (core/src/reports, issue #7). */
  reports: ReportUseCases;

  /** Works due jobs until none is left (or `maxJobs`); used by `autofactura jobs run` and tests. */
  workJobs(options?: {
    workerId?: string;
    maxJobs?: number;
    signal?: AbortSignal;
    onProgress?: (job: Job, outcome: string) => void;
  }): Promise<WorkResult>;
  /** Works jobs continuously until the signal aborts (the server). */
  runWorker(options: {
    workerId?: string;
    signal: AbortSignal;
    pollMs?: number;
    /** How often expired receipts are swept into globals (default 5 minutes). */
    closeEveryMs?: number;
  }): Promise<void>;
}
