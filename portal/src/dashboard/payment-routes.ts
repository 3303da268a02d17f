/**
 * A payment's page (its facts, customer, documents and the whole event log as a timeline) and the
 * actions on it: retry a failed payment, download an invoice's XML or PDF. Every id in a URL is looked
 * up with the logged-in merchant's id, so another merchant's id is a plain 404.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Invoice, Store, StoredEvent } from '../../../core/src/store/types.js';
import type { Web } from '../web/index.js';
import { webError } from '../web/web-error.js';
import { pageLocals } from './page.js';
import { requireMerchant } from './session.js';

const notFound = () =>
  webError(
    404,
    'NOT_FOUND',
    'No encontramos eso en tu comercio.',
    'We could not find that in your merchant.',
  );

export interface PaymentRoutesOptions {
  af: Autofactura;
  store: Store;
  web: Web;
}

export function paymentRoutes(router: Router, options: PaymentRoutesOptions): void {
  const { af, store, web } = options;

  router.get('/payments/:id', requireMerchant, async (ctx) => {
    const merchantId = ctx.state.merchant.id as string;
    const found = await af.getPayment(merchantId, ctx.params.id as string);
    if (!found) throw notFound();
    const { payment } = found;
    const invoiceIds = [
      ...new Set(
        [payment.invoiceId, payment.globalInvoiceId, ...found.events.map((e) => e.invoiceId)].filter(
          (id): id is string => !!id,
        ),
      ),
    ];
    const events = await withInvoiceEvents(store, merchantId, found.events, invoiceIds);
    const invoices = (await Promise.all(invoiceIds.map((id) => store.invoices.get(merchantId, id)))).filter(
      (i): i is Invoice => i !== null,
    );
    const receipt = await store.receipts.findByPayment(merchantId, payment.id);
    const customer = payment.customerId ? await store.customers.get(merchantId, payment.customerId) : null;
    const link = receipt ? await af.receiptLink(merchantId, receipt.id) : null;
    await web.render(
      ctx,
      'dashboard/payment',
      {
        ...pageLocals(ctx, 'payments', `${ctx.state.t('dash.payment.title')} ${payment.externalId}`),
        payment,
        events: [...events].reverse(),
        invoices,
        receipt,
        receiptLink: link,
        customer,
        canCancel: typeof (af as { cancelInvoice?: unknown }).cancelInvoice === 'function',
        canEmail: typeof (af as { emailInvoice?: unknown }).emailInvoice === 'function',
        notice: noticeOf(ctx),
      },
      { layout: 'dashboard/layout' },
    );
  });

  router.post('/payments/:id/retry', requireMerchant, web.form(), web.csrf.verify, async (ctx) => {
    const merchantId = ctx.state.merchant.id as string;
    const payment = await store.payments.get(merchantId, ctx.params.id as string);
    if (!payment) throw notFound();
    await af.retryPayment(merchantId, payment.id);
    ctx.status = 303;
    ctx.redirect(`/dashboard/payments/${payment.id}?done=retried`);
  });

  for (const format of ['xml', 'pdf'] as const) {
    router.get(`/invoices/:id/${format}`, requireMerchant, async (ctx) => {
      const merchantId = ctx.state.merchant.id as string;
      const invoice = await af.getInvoice(merchantId, ctx.params.id as string);
      if (!invoice) throw notFound();
      const bytes =
        format === 'xml'
          ? await af.invoiceXml(merchantId, invoice.id)
          : await af.invoicePdf(merchantId, invoice.id);
      if (!bytes)
        throw webError(
          404,
          'DOCUMENT_NOT_READY',
          'Ese archivo aún no existe: la factura no está timbrada.',
          'That file does not exist yet: the invoice is not stamped.',
        );
      const name = `${ctx.state.merchant.rfc}_${invoice.series}${invoice.folio}${invoice.uuid ? `_${invoice.uuid}` : ''}.${format}`;
      ctx.set('Content-Disposition', `attachment; filename="${name}"`);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.type = format === 'xml' ? 'application/xml; charset=utf-8' : 'application/pdf';
      ctx.body = bytes;
    });
  }
}

/**
 * Some facts about an invoice are logged for the invoice alone (a cancellation asked, or refused by
 * SAT): the payment's timeline shows them too, from the merchant's latest events of those types.
 */
const INVOICE_ONLY = ['invoice.cancellation_requested', 'invoice.cancellation_refused'];

async function withInvoiceEvents(
  store: Store,
  merchantId: string,
  events: StoredEvent[],
  invoiceIds: string[],
): Promise<StoredEvent[]> {
  if (invoiceIds.length === 0) return events;
  const recent = await store.events.list(merchantId, { types: INVOICE_ONLY, order: 'desc', limit: 200 });
  const known = new Set(events.map((e) => e.id));
  const extra = recent.filter(
    (e) => !e.paymentId && e.invoiceId && invoiceIds.includes(e.invoiceId) && !known.has(e.id),
  );
  return extra.length ? [...events, ...extra].sort((x, y) => x.seq - y.seq) : events;
}

function noticeOf(ctx: Context): string | null {
  const done = typeof ctx.query.done === 'string' ? ctx.query.done : '';
  return ['retried', 'cancel_requested', 'emailed'].includes(done)
    ? ctx.state.t(`dash.payment.done.${done}`)
    : null;
}
