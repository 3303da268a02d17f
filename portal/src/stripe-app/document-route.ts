/**
 * GET /stripe-app/documents/{invoice}.{xml|pdf}: the signed download links of documents.ts, opened from
 * the Stripe Dashboard in a new tab. A link whose signature, merchant or expiry does not check out is a
 * 403; the merchant in the link scopes the lookup.
 */
import type Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { apiError } from '../http-error.js';
import { documentLinkValid } from './documents.js';
import { type AppState, appSecrets } from './request-edge.js';

export function documentRoute(
  router: Router<AppState>,
  options: { af: Autofactura; appSecret: string | undefined; now: () => number },
): void {
  const { af, now } = options;
  router.get('/documents/:file', async (ctx) => {
    const match = /^([A-Za-z0-9_-]{1,80})\.(xml|pdf)$/.exec(ctx.params.file as string);
    const merchantId = typeof ctx.query.m === 'string' ? ctx.query.m : '';
    const signature = typeof ctx.query.s === 'string' ? ctx.query.s : '';
    const expires = Number(ctx.query.e);
    const format = match?.[2] as 'xml' | 'pdf' | undefined;
    const ref = { merchantId, invoiceId: match?.[1] ?? '', format: format ?? 'xml', expires };
    // Signed under the secret that verified the view's request: the server's app or the merchant's own.
    const secrets = match && format ? await appSecrets(af, options.appSecret, merchantId || null) : [];
    if (!secrets.some((secret) => documentLinkValid(secret, ref, signature, now()))) {
      throw apiError(
        403,
        'DOCUMENT_LINK_INVALID',
        'El enlace de descarga no es válido o caducó: vuelve a abrir el pago en Stripe.',
        'The download link is not valid or expired: open the payment in Stripe again.',
      );
    }
    const invoice = await af.getInvoice(merchantId, ref.invoiceId);
    const bytes = invoice
      ? format === 'xml'
        ? await af.invoiceXml(merchantId, invoice.id)
        : await af.invoicePdf(merchantId, invoice.id)
      : null;
    if (!invoice || !bytes) {
      throw apiError(
        404,
        'DOCUMENT_NOT_READY',
        'Ese archivo aún no existe.',
        'That file does not exist yet.',
      );
    }
    ctx.set(
      'Content-Disposition',
      `attachment; filename="${invoice.series}${invoice.folio}_${invoice.uuid ?? invoice.id}.${format}"`,
    );
    ctx.type = format === 'xml' ? 'application/xml; charset=utf-8' : 'application/pdf';
    ctx.body = bytes;
  });
}
