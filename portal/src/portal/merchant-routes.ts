/**
 * /:slug — the merchant's branded page with the search form; POST /:slug/find (proof by reference +
 * amount + date, rate-limited) leads to the purchase's receipt page; the logo; the catalogs and the
 * live validation the form's script uses.
 */
import type Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Store } from '../../../core/src/store/types.js';
import type { Lang, RateLimiter, Web } from '../web/index.js';
import { webError } from '../web/index.js';
import { findPurchases, readFind } from './find.js';
import { catalogsJson, fiscalErrors, readFiscalForm } from './fiscal-form.js';
import {
  brandLocals,
  type PortalContext,
  RESERVED_SLUGS,
  receiptPath,
  resolveMerchant,
} from './portal-context.js';

export interface MerchantRouteLimits {
  page: RateLimiter;
  search: RateLimiter;
  validate: RateLimiter;
}

async function showMerchant(
  af: Autofactura,
  web: Web,
  ctx: PortalContext,
  options: { values?: Record<string, string>; error?: string; status?: number } = {},
): Promise<void> {
  const { brand } = await resolveMerchant(af, ctx);
  const t = ctx.state.t as (key: string, params?: Record<string, string>) => string;
  await web.render(
    ctx,
    'portal/merchant',
    {
      ...brandLocals(brand),
      title: t('portal.title', { merchant: brand.tradeName }),
      values: { reference: '', amount: '', date: '', ...options.values },
      error: options.error ?? null,
      findUrl: `/${brand.slug}/find`,
    },
    { status: options.status ?? 200 },
  );
}

const LOGO_TYPES: [Buffer, string][] = [
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg'],
];

export function merchantRoutes(
  router: Router,
  af: Autofactura,
  store: Store,
  web: Web,
  limits: MerchantRouteLimits,
): void {
  router.get('/:slug', limits.page, async (ctx, next) => {
    if (RESERVED_SLUGS.has(ctx.params.slug ?? '')) return next();
    await showMerchant(af, web, ctx);
  });

  router.post('/:slug/find', limits.search, web.form(), web.csrf.verify, async (ctx) => {
    const { merchant, brand } = await resolveMerchant(af, ctx);
    const t = ctx.state.t as (key: string) => string;
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const query = readFind(body);
    const values = {
      reference: String(body.reference ?? '').slice(0, 100),
      amount: String(body.amount ?? '').slice(0, 30),
      date: String(body.date ?? '').slice(0, 10),
    };
    if (!query) return showMerchant(af, web, ctx, { values, error: t('portal.find.missing'), status: 422 });
    const found = await findPurchases(af, merchant.id, query);
    if (found.length === 0)
      return showMerchant(af, web, ctx, { values, error: t('portal.find.notFound'), status: 404 });
    // Open ones first; every match was proved by the same three facts, so they go on one invoice.
    const sorted = [...found].sort(
      (a, b) => Number(b.receipt.status === 'open') - Number(a.receipt.status === 'open'),
    );
    const [first, ...rest] = sorted;
    const also = rest.filter((m) => m.receipt.status === 'open').map((m) => m.token);
    ctx.status = 303;
    ctx.redirect(receiptPath(brand.slug, first!.token, first!.receipt.status === 'open' ? also : []));
  });

  router.get('/:slug/logo', limits.page, async (ctx) => {
    const { merchant } = await resolveMerchant(af, ctx);
    const bytes = merchant.branding.logoBlob ? await store.blobs.get(merchant.branding.logoBlob) : null;
    const type = bytes
      ? LOGO_TYPES.find(([magic]) => bytes.subarray(0, magic.length).equals(magic))?.[1]
      : undefined;
    if (!bytes || !type)
      throw webError(404, 'LOGO_NOT_FOUND', 'Este comercio no tiene logotipo.', 'This merchant has no logo.');
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.type = type;
    ctx.body = bytes;
  });

  router.get('/:slug/catalogs.json', limits.page, async (ctx) => {
    await resolveMerchant(af, ctx);
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = catalogsJson();
  });

  router.post('/:slug/validate', limits.validate, web.form(), web.csrf.verify, async (ctx) => {
    await resolveMerchant(af, ctx);
    const values = readFiscalForm((ctx.request.body ?? {}) as Record<string, unknown>);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { errors: fiscalErrors(values, ctx.state.lang as Lang) };
  });

  // Links made before the merchant had a slug: /f/:token.
  router.get('/f/:token', limits.page, async (ctx) => {
    const found = /^[A-Za-z0-9_-]{16,100}$/.test(ctx.params.token ?? '')
      ? await af.receiptByToken(ctx.params.token!)
      : null;
    const slug = found?.merchant.branding.slug;
    if (!found || !slug) {
      throw webError(
        404,
        'RECEIPT_NOT_FOUND',
        'El enlace de facturación no es válido. Revisa que lo copiaste completo del correo o del ticket.',
        'The invoicing link is not valid. Check that you copied it completely from the email or the receipt.',
      );
    }
    ctx.status = 301;
    ctx.redirect(receiptPath(slug, ctx.params.token!));
  });
}
