/**
 * /:slug/r/:token — the receipt link: show, submit the fiscal data (issue and wait for the stamp, then
 * redirect to the invoiced page), add another purchase proved by reference + amount + date, fill the
 * form from a Constancia PDF, and download the XML and PDF (authorized by the token alone).
 */
import type Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { isAutofacturaError } from '../../../core/src/errors.js';
import type { Lang, RateLimiter, Upload, Web } from '../web/index.js';
import { webError } from '../web/index.js';
import { isPdf, readCsf } from './csf.js';
import { findPurchases, readFind } from './find.js';
import { FIELDS, type Field, fieldMessage, fiscalErrors, readFiscalForm, toFiscal } from './fiscal-form.js';
import { alsoTokens, type PortalContext, receiptPath, resolveReceipt } from './portal-context.js';
import { showReceipt } from './receipt-page.js';

export interface ReceiptRouteLimits {
  token: RateLimiter;
  search: RateLimiter;
  upload: RateLimiter;
}

const body = (ctx: PortalContext) => (ctx.request.body ?? {}) as Record<string, unknown>;

export function receiptRoutes(router: Router, af: Autofactura, web: Web, limits: ReceiptRouteLimits): void {
  const csfUpload = web.form({
    upload: {
      field: 'csf',
      maxBytes: 2 * 1024 * 1024,
      types: ['application/pdf'],
      sniff: isPdf,
      label: { es: 'un PDF', en: 'a PDF' },
    },
  });

  router.get('/:slug/r/:token', limits.token, async (ctx) => {
    const r = await resolveReceipt(af, ctx);
    await showReceipt(af, web, ctx, r, { also: alsoTokens(ctx.query.also, r.token) });
  });

  router.post('/:slug/r/:token', limits.token, web.form(), web.csrf.verify, async (ctx) => {
    const r = await resolveReceipt(af, ctx);
    const lang = ctx.state.lang as Lang;
    const also = alsoTokens(body(ctx).also, r.token);
    const values = readFiscalForm(body(ctx));
    const errors = fiscalErrors(values, lang);
    // Sent again after it was invoiced (back button, double tap): show the invoice, issue nothing.
    if (r.receipt.status === 'invoiced') {
      ctx.status = 303;
      return ctx.redirect(receiptPath(r.brand.slug, r.token));
    }
    const late =
      r.receipt.status === 'in_global' && (await af.reinvoiceDeadline(r.merchant.id, r.receipt.id)) !== null;
    if ((r.receipt.status !== 'open' && !late) || Object.keys(errors).length > 0) {
      return showReceipt(af, web, ctx, r, { values, errors, also, status: 422 });
    }
    try {
      await af.completeReceipt(r.token, toFiscal(values), { alsoTokens: late ? [] : also, wait: true });
    } catch (error) {
      if (!isAutofacturaError(error) || error.status >= 500) throw error;
      const fieldErrors: Partial<Record<Field, string>> = {};
      for (const problem of error.details) {
        const field = (FIELDS as readonly string[]).includes(problem.path ?? '')
          ? (problem.path as Field)
          : undefined;
        if (field) fieldErrors[field] ??= fieldMessage(problem, field, values, lang);
      }
      const first = error.details[0];
      const text =
        lang === 'en'
          ? (first?.messageEn ?? error.messageEn ?? error.message)
          : (first?.message ?? error.message);
      const fresh = await resolveReceipt(af, ctx);
      return showReceipt(af, web, ctx, fresh, {
        values,
        errors: fieldErrors,
        also,
        status: error.status,
        ...(Object.keys(fieldErrors).length === 0 ? { notice: { kind: 'bad' as const, text } } : {}),
      });
    }
    ctx.status = 303;
    ctx.redirect(receiptPath(r.brand.slug, r.token));
  });

  router.post('/:slug/r/:token/add', limits.search, web.form(), web.csrf.verify, async (ctx) => {
    const r = await resolveReceipt(af, ctx);
    const t = ctx.state.t as (key: string) => string;
    const also = alsoTokens(body(ctx).also, r.token);
    const query = readFind(body(ctx));
    const values = readFiscalForm(body(ctx));
    const found = query
      ? (await findPurchases(af, r.merchant.id, query)).filter((m) => m.token !== r.token)
      : [];
    const open = found.filter((m) => m.receipt.status === 'open');
    if (open.length === 0) {
      const text = !query
        ? t('portal.find.missing')
        : found.length > 0
          ? t('portal.state.invoiced')
          : t('portal.find.notFound');
      return showReceipt(af, web, ctx, r, {
        values,
        also,
        notice: { kind: 'bad', text },
        status: query ? 404 : 422,
      });
    }
    const next = [...also, ...open.map((m) => m.token)];
    return showReceipt(af, web, ctx, r, {
      values,
      also: next,
      notice: { kind: 'ok', text: t('portal.add.added') },
    });
  });

  router.post('/:slug/r/:token/csf', limits.upload, csfUpload, web.csrf.verify, async (ctx) => {
    const r = await resolveReceipt(af, ctx);
    const t = ctx.state.t as (key: string) => string;
    const upload = ctx.state.upload as Upload | undefined;
    const also = alsoTokens(body(ctx).also, r.token);
    const typed = readFiscalForm(body(ctx));
    const read = upload ? await readCsf(upload.bytes) : {};
    const filled = Object.keys(read).length > 0;
    const text = !upload
      ? t('portal.csf.missingFile')
      : filled
        ? t('portal.csf.filled')
        : t('portal.csf.unreadable');
    if (ctx.accepts('html', 'json') === 'json') {
      ctx.set('Cache-Control', 'no-store');
      ctx.status = filled ? 200 : 422;
      ctx.body = { values: read, message: text };
      return;
    }
    const values = { ...typed, ...read };
    return showReceipt(af, web, ctx, r, {
      values,
      also,
      notice: { kind: filled ? 'ok' : 'warn', text },
      status: filled ? 200 : 422,
    });
  });

  for (const kind of ['pdf', 'xml'] as const) {
    router.get(`/:slug/r/:token/factura.${kind}`, limits.token, async (ctx) => {
      const r = await resolveReceipt(af, ctx);
      const invoiceId = r.receipt.status === 'invoiced' ? r.receipt.invoiceId : undefined;
      const invoice = invoiceId ? await af.getInvoice(r.merchant.id, invoiceId) : null;
      const bytes =
        invoice?.status === 'stamped'
          ? kind === 'pdf'
            ? await af.invoicePdf(r.merchant.id, invoice.id)
            : await af.invoiceXml(r.merchant.id, invoice.id)
          : null;
      if (!invoice || !bytes) {
        throw webError(
          404,
          'INVOICE_NOT_READY',
          'La factura de esta compra todavía no está lista. Recarga la página en unos minutos.',
          'The invoice for this purchase is not ready yet. Reload the page in a few minutes.',
        );
      }
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set(
        'Content-Disposition',
        `attachment; filename="factura-${[invoice.series, invoice.folio, invoice.uuid].filter(Boolean).join('-')}.${kind}"`,
      );
      ctx.type = kind === 'pdf' ? 'application/pdf' : 'application/xml; charset=utf-8';
      ctx.body = bytes;
    });
  }
}
