/**
 * createAutofactura: the facade (DESIGN.md). Portal, connectors and the CLI call these use cases and
 * nothing else; every one is scoped by merchant id (invariant 6) except the portal's token lookups.
 */

import { reportUseCases, sendDueReports } from '../reports/index.js';
import { apiUseCases } from './api-use-cases.js';
import { completeReceipt } from './complete-receipt.js';
import { connectionUseCases } from './connections.js';
import { type ContextOptions, createContext } from './context.js';
import { upsertCustomer } from './customer.js';
import { dashboardUseCases } from './dashboard/index.js';
import { recordRefundOrDefer } from './early-refunds.js';
import { detail, invalid } from './errors.js';
import { closeGlobal } from './global/close.js';
import { reinvoiceableGlobal, reinvoiceDeadline } from './global/reissue.js';
import { closeDueGlobals } from './global/schedule.js';
import { inboundUseCases } from './inbound.js';
import { HANDLERS } from './job-handlers.js';
import { sleep } from './jobs.js';
import { authenticate, createMerchant } from './merchant.js';
import { findPortalReceipts, merchantBySlug } from './portal.js';
import { receiptByToken } from './receipts.js';
import { recordPayment } from './record-payment.js';
import { recordRefund } from './refunds.js';
import { retryPayment } from './retry-payment.js';
import { resumeRecorded } from './sweep.js';
import type { Autofactura, WorkResult } from './types.js';
import { webhookUseCases } from './webhooks/index.js';
import { workWithWebhooks } from './webhooks/work.js';

/** AutofacturaDeps plus tuning: job lease, worker concurrency, delay of the safety-net job after inline work. */
export type CreateAutofacturaOptions = ContextOptions;

/** How often the long-running worker looks for payments left undecided by a crash. */
const SWEEP_EVERY_MS = 30_000;
/**
 * How often it looks for expired receipts and global periods to close (Mexico City midnight + minutes)
 * and for weekly and monthly reports due by email.
 */
const CLOSE_EVERY_MS = 5 * 60_000;

export function createAutofactura(deps: CreateAutofacturaOptions): Autofactura {
  const ctx = createContext(deps);
  const { store } = ctx;
  const facade: Autofactura = {
    ...dashboardUseCases(ctx),
    ...apiUseCases(ctx),
    ...connectionUseCases(ctx),
    ...inboundUseCases(ctx),
    createMerchant: (input) => createMerchant(ctx, input),
    authenticate: (apiKey) => authenticate(ctx, apiKey),
    recordPayment: (merchantId, input, options) => recordPayment(ctx, merchantId, input, options),
    completeReceipt: (token, fiscal, options) => completeReceipt(ctx, token, fiscal, options),
    receiptByToken: (token) => receiptByToken(ctx, token),
    merchantBySlug: (slug) => merchantBySlug(ctx, slug),
    findPortalReceipts: (merchantId, query) => findPortalReceipts(ctx, merchantId, query),
    recordRefund: (merchantId, input, options) => recordRefund(ctx, merchantId, input, options),
    recordRefundOrDefer: (merchantId, input, options) => recordRefundOrDefer(ctx, merchantId, input, options),
    retryPayment: (merchantId, paymentId, fix) => retryPayment(ctx, merchantId, paymentId, fix),
    closeGlobal: (merchantId, options) => closeGlobal(ctx, merchantId, options),
    closeDueGlobals: () => closeDueGlobals(ctx),
    async reinvoiceDeadline(merchantId, receiptId) {
      const [merchant, receipt] = await Promise.all([
        store.merchants.get(merchantId),
        store.receipts.get(merchantId, receiptId),
      ]);
      if (!merchant || receipt?.status !== 'in_global') return null;
      const global = await reinvoiceableGlobal(ctx, merchant, receipt).catch(() => null);
      return global ? reinvoiceDeadline(merchant, global).toISOString() : null;
    },
    webhooks: webhookUseCases(ctx),
    reports: reportUseCases(ctx),

    async getPayment(merchantId, paymentId) {
      const payment = await store.payments.get(merchantId, paymentId);
      if (!payment) return null;
      return { payment, events: await store.events.listByPayment(merchantId, paymentId) };
    },
    getInvoice: (merchantId, invoiceId) => store.invoices.get(merchantId, invoiceId),
    async invoiceXml(merchantId, invoiceId) {
      const invoice = await store.invoices.get(merchantId, invoiceId);
      if (!invoice) return null;
      return store.blobs.get(invoice.blobs.xml ?? invoice.blobs.sealedXml);
    },
    async invoicePdf(merchantId, invoiceId) {
      const invoice = await store.invoices.get(merchantId, invoiceId);
      return invoice?.blobs.pdf ? store.blobs.get(invoice.blobs.pdf) : null;
    },
    async upsertCustomer(merchantId, input) {
      const customer = await upsertCustomer(ctx, merchantId, { ...input, source: input.source ?? 'api' });
      if (!customer) {
        throw invalid([
          detail(
            'CUSTOMER_UNIDENTIFIED',
            'customer',
            'Indica al menos el correo, el RFC o el identificador del cliente en su origen.',
            "Give at least the customer's email, RFC or id at its source.",
          ),
        ]);
      }
      return customer;
    },

    async workJobs(options = {}): Promise<WorkResult> {
      await resumeRecorded(ctx, 0);
      return workWithWebhooks(ctx, HANDLERS, options);
    },
    async runWorker(options) {
      let lastSweep = 0;
      let lastClose = 0;
      while (!options.signal.aborted) {
        if (ctx.clock.now().getTime() - lastClose >= (options.closeEveryMs ?? CLOSE_EVERY_MS)) {
          lastClose = ctx.clock.now().getTime();
          await closeDueGlobals(ctx).catch((error) =>
            ctx.logger.error('period close failed', { error: String(error) }),
          );
          // Last week's report on Mondays, last month's on the 1st: queued once per period, any process.
          await sendDueReports(ctx, ctx.clock.now()).catch((error) =>
            ctx.logger.error('report scheduling failed', { error: String(error) }),
          );
        }
        if (ctx.clock.now().getTime() - lastSweep >= SWEEP_EVERY_MS) {
          lastSweep = ctx.clock.now().getTime();
          await resumeRecorded(ctx, SWEEP_EVERY_MS).catch((error) =>
            ctx.logger.error('sweep failed', { error: String(error) }),
          );
        }
        const result = await workWithWebhooks(ctx, HANDLERS, {
          signal: options.signal,
          ...(options.workerId ? { workerId: options.workerId } : {}),
        }).catch((error) => {
          ctx.logger.error('worker pass failed', { error: String(error) });
          return { done: 0, retried: 0, dead: 0 };
        });
        if (result.done + result.retried + result.dead === 0)
          await sleep(options.pollMs ?? 1_000, options.signal);
      }
    },
  };
  return facade;
}
