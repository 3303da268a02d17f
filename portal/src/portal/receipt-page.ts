/**
 * Renders what a receipt link shows, by the receipt's state: the purchase(s) and the fiscal form
 * (open), the invoice with its downloads (invoiced), or a clear explanation with the merchant's contact
 * (expired, voided, in the global invoice).
 */
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Lang, Web } from '../web/index.js';
import { type FieldErrors, type FiscalValues, regimeOptions, usoOptions } from './fiscal-form.js';
import {
  brandLocals,
  type PortalContext,
  provenPurchases,
  type ResolvedReceipt,
  receiptPath,
} from './portal-context.js';
import { formatDate, formatMoney, portalInvoice, portalPurchase, sumAmounts } from './view-models.js';

export interface ReceiptPageOptions {
  values?: Partial<FiscalValues>;
  errors?: FieldErrors;
  /** A message above the form: { kind: 'ok' | 'warn' | 'bad', text }. */
  notice?: { kind: 'ok' | 'warn' | 'bad'; text: string };
  also?: string[];
  status?: number;
}

type State = 'open' | 'invoiced' | 'expired' | 'voided' | 'in_global';

function stateOf(r: ResolvedReceipt, now: Date): State {
  const { status, expiresAt } = r.receipt;
  if (status === 'open' && Date.parse(expiresAt) <= now.getTime()) return 'expired';
  return status;
}

export async function showReceipt(
  af: Autofactura,
  web: Web,
  ctx: PortalContext,
  r: ResolvedReceipt,
  options: ReceiptPageOptions = {},
): Promise<void> {
  const lang = ctx.state.lang as Lang;
  const t = ctx.state.t as (key: string, params?: Record<string, string | number>) => string;
  const now = new Date();
  let state = stateOf(r, now);
  // In the global, but still within the merchant's re-invoice window: the form, with what will happen.
  const lateUntil = state === 'in_global' ? await af.reinvoiceDeadline(r.merchant.id, r.receipt.id) : null;
  if (lateUntil) state = 'open';
  const common = {
    ...brandLocals(r.brand),
    title: t('portal.title', { merchant: r.brand.tradeName }),
    scripts: [] as string[],
  };
  const base = receiptPath(r.brand.slug, r.token);

  if (state === 'invoiced') {
    const invoice = r.receipt.invoiceId ? await af.getInvoice(r.merchant.id, r.receipt.invoiceId) : null;
    await web.render(ctx, 'portal/done', {
      ...common,
      invoice: invoice ? portalInvoice(invoice) : null,
      pdfUrl: `${base}/factura.pdf`,
      xmlUrl: `${base}/factura.xml`,
      refreshUrl: base,
    });
    return;
  }
  if (state !== 'open') {
    const messages: Record<Exclude<State, 'open' | 'invoiced'>, [string, string]> = {
      expired: [
        t('portal.state.expired', { date: formatDate(r.receipt.expiresAt, lang) }),
        t('portal.state.expiredHelp'),
      ],
      voided: [t('portal.state.voided'), ''],
      in_global: [t('portal.state.inGlobal'), t('portal.state.inGlobalHelp')],
    };
    const [message, help] = messages[state];
    await web.render(
      ctx,
      'portal/state',
      { ...common, state, message, help, ticket: r.receipt.ticket, backUrl: `/${r.brand.slug}` },
      { status: options.status ?? 410 },
    );
    return;
  }

  const extra = lateUntil ? [] : await provenPurchases(af, r, options.also ?? [], now);
  const also = extra.map((p) => p.token);
  const purchases = [
    portalPurchase(r.receipt, r.payment, r.token, lang),
    ...extra.map((p) => portalPurchase(p.receipt, p.payment, p.token, lang)),
  ].map((purchase, i) => ({
    ...purchase,
    removeUrl:
      i === 0
        ? null
        : receiptPath(
            r.brand.slug,
            r.token,
            also.filter((t) => t !== purchase.token),
          ),
  }));
  const total = formatMoney(
    sumAmounts([r.receipt, ...extra.map((p) => p.receipt)].map((x) => x.amount)),
    r.receipt.currency,
  );
  const values: FiscalValues = {
    rfc: '',
    name: '',
    taxRegime: '',
    zip: '',
    cfdiUse: '',
    email: r.payment.customerInput.email ?? '',
    ...options.values,
  };
  await web.render(
    ctx,
    'portal/receipt',
    {
      ...common,
      scripts: ['portal-form.js'],
      purchases,
      total,
      expires: formatDate(lateUntil ?? r.receipt.expiresAt, lang),
      also,
      values,
      errors: options.errors ?? {},
      errorCount: Object.keys(options.errors ?? {}).length,
      notice:
        options.notice ??
        (lateUntil
          ? {
              kind: 'warn' as const,
              text: t('portal.state.inGlobalReinvoice', { date: formatDate(lateUntil, lang) }),
            }
          : null),
      regimes: regimeOptions(values.rfc),
      uses: usoOptions(values.rfc, values.taxRegime),
      actionUrl: base,
      addUrl: `${base}/add`,
      csfUrl: `${base}/csf`,
      validateUrl: `/${r.brand.slug}/validate`,
      catalogsUrl: `/${r.brand.slug}/catalogs.json`,
    },
    { status: options.status ?? 200 },
  );
}
