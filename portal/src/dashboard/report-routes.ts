/**
 * /dashboard/reports and /dashboard/reconciliation (#7): a month's or a week's figures with charts
 * (Chart.js, served from node_modules under /assets/vendor/), tables and the reconciliation flags; the
 * exports (XLSX, CSV per table, ZIP of XML and PDF) and emailing the report. Core computes everything
 * (`af.reports`); this only picks the period and shows it.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { checkRecipients } from '../../../core/src/automation/email-addresses.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { getCatalogs } from '../../../core/src/catalogs/index.js';
import { Dec } from '../../../core/src/money/decimal.js';
import {
  type PeriodReport,
  RECONCILIATION_FLAGS,
  REPORT_TABLES,
  type ReportTable,
} from '../../../core/src/reports/types.js';
import { noRecipient, reportFileName, XLSX_TYPE } from '../api/reports.js';
import { type Assets, loadAssets } from '../web/assets.js';
import type { Web } from '../web/index.js';
import { webError } from '../web/web-error.js';
import { pageLocals } from './page.js';
import { currentMonth, isPeriodKey, periodChoices, shiftPeriod } from './report-period.js';
import { requireMerchant } from './session.js';

/** Chart.js's UMD build, read from node_modules once (no CDN: the CSP allows only this origin). */
let vendor: Assets | undefined;
export function vendorAssets(): Assets {
  vendor ??= loadAssets(
    dirname(createRequire(import.meta.url).resolve('chart.js')),
    '/assets/vendor/chart.js/',
  );
  return vendor;
}

function periodOf(ctx: Context): string {
  const value = ctx.query.period;
  if (value === undefined || value === '') return currentMonth(new Date());
  if (!isPeriodKey(value)) {
    throw webError(
      400,
      'REPORT_INVALID_PERIOD',
      'El periodo debe ser un mes (AAAA-MM, p. ej. 2026-11) o una semana (AAAA-Www, p. ej. 2026-W48).',
      'The period must be a month (YYYY-MM, e.g. 2026-11) or a week (YYYY-Www, e.g. 2026-W48).',
    );
  }
  return value;
}

const sum = (...amounts: string[]) => amounts.reduce((acc, a) => acc.plus(a), new Dec(0)).toFixed(2);

/** The four cards: invoiced (ingresos), IVA, withholdings, net of credit notes. */
function cards(report: PeriodReport) {
  const { invoice, global } = report.byKind;
  return {
    invoiced: sum(invoice.total, global.total),
    invoicedCount: invoice.count + global.count,
    iva: report.net.iva,
    withheld: sum(report.net.isrWithheld, report.net.ivaWithheld),
    net: report.net.total,
  };
}

/** What the two charts draw (reports.js): display values only, the tables keep the exact amounts. */
function charts(report: PeriodReport, t: (key: string) => string) {
  const kinds = ['invoice', 'global', 'credit_note'] as const;
  const forms = Object.entries(report.byPaymentForm).sort((a, b) => new Dec(b[1].total).cmp(a[1].total));
  return {
    kinds: {
      labels: kinds.map((k) => t(`dash.reports.kind.${k}`)),
      series: [
        { label: t('dash.reports.col.subtotal'), data: kinds.map((k) => report.byKind[k].subtotal) },
        { label: t('dash.reports.col.iva'), data: kinds.map((k) => report.byKind[k].iva) },
        { label: t('dash.reports.col.total'), data: kinds.map((k) => report.byKind[k].total) },
      ],
    },
    forms: { labels: forms.map(([key]) => formaPagoLabel(key)), data: forms.map(([, v]) => v.total) },
  };
}

export function formaPagoLabel(key: string): string {
  const entry = getCatalogs().formaPago.get(key);
  return entry ? `${key} · ${entry.description}` : key;
}

const SOURCE_NAMES: Record<string, string> = {
  api: 'API',
  stripe: 'Stripe',
  zapier: 'Zapier',
  airtable: 'Airtable',
  conekta: 'Conekta',
  mercadopago: 'Mercado Pago',
  openpay: 'Openpay',
  paypal: 'PayPal',
};

/** 'stripe' -> "Stripe"; 'api_test' -> "API · prueba" (a test-mode source). */
function sourceLabel(key: string, t: (key: string) => string): string {
  const test = key.endsWith('_test');
  const base = test ? key.slice(0, -'_test'.length) : key;
  const name = SOURCE_NAMES[base] ?? base;
  return test ? `${name} · ${t('dash.reports.testMode')}` : name;
}

export function reportRoutes(router: Router, options: { af: Autofactura; web: Web }): void {
  const { af, web } = options;
  const nav = (ctx: Context, period: string) => ({
    period,
    previous: shiftPeriod(period, -1),
    next: shiftPeriod(period, 1),
    choices: periodChoices(new Date(), period, ctx.state.lang ?? 'es'),
  });

  router.get('/reports', requireMerchant, async (ctx) => {
    const period = periodOf(ctx);
    const report = await af.reports.report(ctx.state.merchant.id, period);
    await web.render(
      ctx,
      'dashboard/reports',
      {
        ...pageLocals(ctx, 'reports', ctx.state.t('dash.nav.reports')),
        ...nav(ctx, period),
        report,
        cards: cards(report),
        charts: charts(report, ctx.state.t),
        formaPagoLabel,
        sourceLabel: (key: string) => sourceLabel(key, ctx.state.t),
        flagKinds: RECONCILIATION_FLAGS,
        tables: REPORT_TABLES,
        chartJs: vendorAssets().url('chart.umd.min.js'),
        sent: ctx.query.done === 'sent',
      },
      { layout: 'dashboard/layout' },
    );
  });

  router.get('/reconciliation', requireMerchant, async (ctx) => {
    const period = periodOf(ctx);
    const reconciliation = await af.reports.reconcile(ctx.state.merchant.id, period);
    await web.render(
      ctx,
      'dashboard/reconciliation',
      {
        ...pageLocals(ctx, 'reports', ctx.state.t('dash.reconciliation.title')),
        ...nav(ctx, period),
        reconciliation,
        flagKinds: RECONCILIATION_FLAGS,
      },
      { layout: 'dashboard/layout' },
    );
  });

  const attach = (ctx: Context, type: string, name: string, body: Buffer | string) => {
    ctx.set('Content-Disposition', `attachment; filename="${name}"`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = type;
    ctx.body = body;
  };

  router.get('/reports/export.xlsx', requireMerchant, async (ctx) => {
    const period = periodOf(ctx);
    const bytes = await af.reports.xlsx(ctx.state.merchant.id, period, { lang: ctx.state.lang });
    attach(ctx, XLSX_TYPE, reportFileName(ctx.state.merchant.rfc, period, 'xlsx'), bytes);
  });

  router.get('/reports/export.csv', requireMerchant, async (ctx) => {
    const period = periodOf(ctx);
    const table = REPORT_TABLES.find((name) => name === ctx.query.table);
    if (!table) {
      throw webError(
        400,
        'INVALID_PARAMETER',
        `Elige una tabla: ${REPORT_TABLES.join(', ')}.`,
        `Choose a table: ${REPORT_TABLES.join(', ')}.`,
      );
    }
    const text = await af.reports.csv(ctx.state.merchant.id, period, table as ReportTable, {
      lang: ctx.state.lang,
    });
    attach(
      ctx,
      'text/csv; charset=utf-8',
      reportFileName(ctx.state.merchant.rfc, period, 'csv', table),
      text,
    );
  });

  router.get('/reports/archive.zip', requireMerchant, async (ctx) => {
    const period = periodOf(ctx);
    const bytes = await af.reports.archive(ctx.state.merchant.id, period);
    attach(ctx, 'application/zip', reportFileName(ctx.state.merchant.rfc, period, 'zip'), bytes);
  });

  router.post('/reports/send', requireMerchant, web.form(), web.csrf.verify, async (ctx) => {
    const body = ctx.request.body as Record<string, string>;
    const period = isPeriodKey(body.period) ? body.period : currentMonth(new Date());
    const to = (body.to ?? '')
      .split(/[,;\s]+/)
      .map((address) => address.trim())
      .filter(Boolean);
    checkRecipients(to);
    const sent = await af.reports.send(ctx.state.merchant.id, period, to.length ? { to } : {});
    if (sent.to.length === 0) throw noRecipient();
    ctx.status = 303;
    ctx.redirect(`/dashboard/reports?period=${period}&done=sent`);
  });
}
