/** Durable jobs (DESIGN.md: work that talks to the outside runs as jobs with retries). */
import type { Job } from '../store/types.js';
import type { Context } from './context.js';

export type JobType =
  | 'issue_invoice'
  | 'send_email'
  | 'refund_payment'
  // The API's invoice use cases (api-job-handlers.ts).
  | 'stamp_invoice'
  | 'cancel_invoice'
  | 'invoice_email'
  // The factura global (automation/global): stamping after a PAC outage, the motive-04 re-issue.
  | 'global_stamp'
  | 'global_reissue'
  // The scheduled report email (reports/send.ts).
  | 'send_report';

export interface IssuePayload {
  paymentIds: string[];
  receiptIds?: string[];
  customerId?: string;
}

export interface EmailPayload {
  kind: 'invoice' | 'receipt' | 'cancellation';
  invoiceId?: string;
  receiptId?: string;
  /** A receipt's link sent again: names this send (a random id), so it is sent once and only once. */
  resend?: string;
  /** Addresses for a resend instead of the customer's. */
  to?: string[];
}

export interface RefundPayload {
  paymentId: string;
  refundExternalId: string;
}

export function issueKey(paymentIds: string[]): string {
  return `issue:${[...paymentIds].sort().join(',')}`;
}

export async function enqueueJob(
  ctx: Context,
  merchantId: string,
  type: JobType,
  dedupeKey: string,
  payload: IssuePayload | EmailPayload | RefundPayload | { invoiceId: string },
  delayMs = 0,
): Promise<Job> {
  const runAt = new Date(ctx.clock.now().getTime() + delayMs).toISOString();
  const { job } = await ctx.store.jobs.enqueue({
    merchantId,
    type,
    dedupeKey,
    payload: payload as unknown as Record<string, unknown>,
    runAt,
    maxAttempts: ctx.retry.maxAttempts,
  });
  return job;
}

export function queueInvoiceEmail(ctx: Context, merchantId: string, invoiceId: string): Promise<Job> {
  return enqueueJob(ctx, merchantId, 'send_email', `email:invoice:${invoiceId}`, {
    kind: 'invoice',
    invoiceId,
  });
}

export function queueReceiptEmail(ctx: Context, merchantId: string, receiptId: string): Promise<Job> {
  return enqueueJob(ctx, merchantId, 'send_email', `email:receipt:${receiptId}`, {
    kind: 'receipt',
    receiptId,
  });
}
