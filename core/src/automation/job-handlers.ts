/** What each job type runs, what happens when it is given up, and whose event log it writes to. */

import { REPORT_JOB_HANDLERS } from '../reports/index.js';
import type { Job } from '../store/types.js';
import { API_HANDLERS } from './api-job-handlers.js';
import type { Context } from './context.js';
import { EARLY_REFUND_HANDLER, EARLY_REFUND_JOB } from './early-refunds.js';
import { sendEmailJob } from './emails.js';
import type { EmailPayload, IssuePayload, RefundPayload } from './enqueue.js';
import { logEvent } from './events.js';
import { GLOBAL_STAMP_JOB, stampGlobalJob } from './global/close.js';
import { GLOBAL_REISSUE_JOB, runReissue } from './global/reissue.js';
import { issueInvoice } from './issue.js';
import type { Handlers } from './jobs.js';
import { failPayment } from './payments.js';
import { processRefund } from './refunds.js';
import { WEBHOOK_HANDLERS } from './webhooks/deliver.js';

async function emailPaymentIds(ctx: Context, job: Job): Promise<string[]> {
  const payload = job.payload as unknown as EmailPayload;
  if (payload.invoiceId) {
    return (await ctx.store.invoices.get(job.merchantId, payload.invoiceId))?.paymentIds ?? [];
  }
  if (payload.receiptId) {
    const receipt = await ctx.store.receipts.get(job.merchantId, payload.receiptId);
    return receipt ? [receipt.paymentId] : [];
  }
  return [];
}

export const HANDLERS: Handlers = {
  ...API_HANDLERS,
  ...WEBHOOK_HANDLERS,
  ...REPORT_JOB_HANDLERS,
  issue_invoice: {
    run: (ctx, job) => issueInvoice(ctx, job.merchantId, job.payload as unknown as IssuePayload),
    async onDead(ctx, job, error) {
      for (const id of (job.payload as unknown as IssuePayload).paymentIds) {
        const payment = await ctx.store.payments.get(job.merchantId, id);
        if (payment) await failPayment(ctx, payment, error);
      }
    },
    paymentIds: async (_ctx, job) => (job.payload as unknown as IssuePayload).paymentIds,
  },
  send_email: {
    run: (ctx, job) => sendEmailJob(ctx, job.merchantId, job.payload as unknown as EmailPayload),
    async onDead(ctx, job, error) {
      for (const paymentId of await emailPaymentIds(ctx, job)) {
        await logEvent(
          ctx,
          job.merchantId,
          'email.failed',
          { paymentId },
          {
            ...(job.payload as Record<string, unknown>),
            code: error.code,
            message: error.message,
          },
        );
      }
    },
    paymentIds: emailPaymentIds,
  },
  [EARLY_REFUND_JOB]: EARLY_REFUND_HANDLER,
  [GLOBAL_STAMP_JOB]: {
    run: (ctx, job) => stampGlobalJob(ctx, job.merchantId, (job.payload as { invoiceId: string }).invoiceId),
    async onDead(ctx, job, error) {
      await logEvent(
        ctx,
        job.merchantId,
        'global.failed',
        { invoiceId: (job.payload as { invoiceId: string }).invoiceId },
        {
          code: error.code,
          message: error.message,
        },
      );
    },
    paymentIds: async () => [],
  },
  [GLOBAL_REISSUE_JOB]: {
    run: (ctx, job) => runReissue(ctx, job.merchantId, (job.payload as { invoiceId: string }).invoiceId),
    async onDead(ctx, job, error) {
      await logEvent(
        ctx,
        job.merchantId,
        'global.reissue_failed',
        { invoiceId: (job.payload as { invoiceId: string }).invoiceId },
        {
          code: error.code,
          message: error.message,
        },
      );
    },
    paymentIds: async () => [],
  },
  refund_payment: {
    run: (ctx, job) => processRefund(ctx, job.merchantId, job.payload as unknown as RefundPayload),
    async onDead(ctx, job, error) {
      const payload = job.payload as unknown as RefundPayload;
      await logEvent(
        ctx,
        job.merchantId,
        'refund.failed',
        { paymentId: payload.paymentId },
        {
          refundExternalId: payload.refundExternalId,
          code: error.code,
          message: error.message,
        },
      );
    },
    paymentIds: async (_ctx, job) => [(job.payload as unknown as RefundPayload).paymentId],
  },
};
