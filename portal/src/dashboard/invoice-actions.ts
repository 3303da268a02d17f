/**
 * Actions on an invoice from its payment's page: cancel with a SAT motive (01 needs the replacing
 * CFDI's UUID) and send the email again. Both go through the facade as durable jobs; the page shows
 * what was asked and the timeline shows what happened.
 */
import type Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Store } from '../../../core/src/store/types.js';
import type { Web } from '../web/index.js';
import { webError } from '../web/web-error.js';
import { requireMerchant } from './session.js';

const MOTIVES = ['01', '02', '03', '04'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function invoiceActionRoutes(
  router: Router,
  options: { af: Autofactura; store: Store; web: Web },
): void {
  const { af, store, web } = options;

  const invoiceOf = async (merchantId: string, id: string) => {
    const invoice = await store.invoices.get(merchantId, id);
    if (!invoice)
      throw webError(
        404,
        'NOT_FOUND',
        'No encontramos esa factura en tu comercio.',
        'We could not find that invoice in your merchant.',
      );
    return invoice;
  };
  const back = (paymentId: string | undefined, done: string) =>
    paymentId ? `/dashboard/payments/${paymentId}?done=${done}` : '/dashboard/invoices';

  router.post('/invoices/:id/cancel', requireMerchant, web.form(), web.csrf.verify, async (ctx) => {
    const merchantId = ctx.state.merchant.id as string;
    const invoice = await invoiceOf(merchantId, ctx.params.id as string);
    const body = ctx.request.body as Record<string, string>;
    const motive = MOTIVES.find((m) => m === body.motive);
    if (!motive)
      throw webError(
        422,
        'CANCEL_MOTIVE',
        'Elige el motivo de cancelación (01 a 04).',
        'Choose the cancellation motive (01 to 04).',
      );
    const replacementUuid = (body.replacementUuid ?? '').trim();
    if (motive === '01' && !UUID.test(replacementUuid)) {
      throw webError(
        422,
        'CANCEL_REPLACEMENT',
        'Con el motivo 01 escribe el UUID de la factura que sustituye a esta.',
        'With motive 01, enter the UUID of the invoice that replaces this one.',
      );
    }
    await af.cancelInvoice(merchantId, invoice.id, {
      motive,
      ...(motive === '01' ? { replacementUuid: replacementUuid.toUpperCase() } : {}),
    });
    ctx.status = 303;
    ctx.redirect(back(invoice.paymentIds[0], 'cancel_requested'));
  });

  router.post('/invoices/:id/email', requireMerchant, web.form(), web.csrf.verify, async (ctx) => {
    const merchantId = ctx.state.merchant.id as string;
    const invoice = await invoiceOf(merchantId, ctx.params.id as string);
    await af.emailInvoice(merchantId, invoice.id);
    ctx.status = 303;
    ctx.redirect(back(invoice.paymentIds[0], 'emailed'));
  });
}
