/** Job types of the API's invoice use cases: stamp a direct invoice, cancel an invoice, (re)send one by email. */
import type { Job } from '../store/types.js';
import { runCancellation } from './cancel-invoice.js';
import { stampDirectInvoice } from './direct-invoice.js';
import { type InvoiceEmailPayload, sendInvoiceEmail } from './invoice-email.js';
import type { Handlers } from './jobs.js';

const invoiceIdOf = (job: Job) => (job.payload as { invoiceId: string }).invoiceId;

async function paymentIdsOf(ctx: Parameters<Handlers[string]['paymentIds']>[0], job: Job) {
  return (await ctx.store.invoices.get(job.merchantId, invoiceIdOf(job)))?.paymentIds ?? [];
}

export const API_HANDLERS: Handlers = {
  stamp_invoice: {
    run: (ctx, job) => stampDirectInvoice(ctx, job.merchantId, invoiceIdOf(job)),
    paymentIds: paymentIdsOf,
  },
  cancel_invoice: {
    run: (ctx, job) => runCancellation(ctx, job.merchantId, invoiceIdOf(job)),
    paymentIds: paymentIdsOf,
  },
  invoice_email: {
    run: (ctx, job) => sendInvoiceEmail(ctx, job.merchantId, job.payload as unknown as InvoiceEmailPayload),
    paymentIds: paymentIdsOf,
  },
};
