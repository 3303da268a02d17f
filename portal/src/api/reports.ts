/**
 * /v1/reports (#7): a week's or a month's figures, the reconciliation of payments against documents, and
 * their exports (XLSX workbook, CSV per table, ZIP of the period's XML and PDF), and emailing the report.
 * `period` is '2026-11' (month) or '2026-W48' (ISO week) in Mexico City time; core computes everything.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { checkRecipients } from '../../../core/src/automation/email-addresses.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { parseReportPeriod } from '../../../core/src/reports/period.js';
import {
  type PeriodReport,
  REPORT_TABLES,
  type Reconciliation,
  type ReportTable,
} from '../../../core/src/reports/types.js';
import type { ApiState } from '../auth.js';
import { apiError } from '../http-error.js';
import { langOf } from '../lang.js';
import { snakeKeys } from '../snake.js';
import { jsonBody, onlyFields, optionalStringList } from './body.js';
import { enumParam, stringParam } from './query.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** '2026-11' or '2026-W48' (a week 53 only in years that have one): core's REPORT_INVALID_PERIOD otherwise. */
export function periodParam(value: unknown): string {
  return parseReportPeriod(stringParam(value)).key;
}

/** The file name an accountant files it under: autofactura-EKU9003173C9-2026-11[-table].ext */
export function reportFileName(rfc: string, period: string, ext: string, table?: string): string {
  return `autofactura-${rfc}-${period}${table ? `-${table}` : ''}.${ext}`;
}

export function reportJson(report: PeriodReport): Record<string, unknown> {
  const { merchantId: _m, ...rest } = report;
  // Keys of records that are data (sources, c_FormaPago keys, motives) are kept as they are.
  return {
    object: 'report',
    ...(snakeKeys(rest, ['bySource', 'byPaymentForm', 'byMotive']) as object),
    by_source: mapValues(rest.bySource, (totals) => snakeKeys(totals)),
    by_payment_form: mapValues(rest.byPaymentForm, (totals) => snakeKeys(totals)),
  };
}

export function reconciliationJson(reconciliation: Reconciliation): Record<string, unknown> {
  const { merchantId: _m, ...rest } = reconciliation;
  return { object: 'reconciliation', ...(snakeKeys(rest) as object) };
}

function mapValues(record: Record<string, unknown>, fn: (value: unknown) => unknown) {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}

function download(ctx: Context, type: string, name: string, body: Buffer | string): void {
  ctx.type = type;
  ctx.attachment(name);
  ctx.body = body;
}

export function reportsRouter(af: Autofactura): Router<ApiState> {
  const router = new Router<ApiState>();
  const lang = (ctx: Context) => langOf(ctx.get('accept-language'));

  router.get('/reports', async (ctx) => {
    const report = await af.reports.report(ctx.state.merchant.id, periodParam(ctx.query.period));
    ctx.body = reportJson(report);
  });

  router.get('/reports/reconciliation', async (ctx) => {
    const found = await af.reports.reconcile(ctx.state.merchant.id, periodParam(ctx.query.period));
    ctx.body = reconciliationJson(found);
  });

  router.get('/reports/export.xlsx', async (ctx) => {
    const period = periodParam(ctx.query.period);
    const bytes = await af.reports.xlsx(ctx.state.merchant.id, period, { lang: lang(ctx) });
    download(ctx, XLSX_TYPE, reportFileName(ctx.state.merchant.rfc, period, 'xlsx'), bytes);
  });

  router.get('/reports/export.csv', async (ctx) => {
    const period = periodParam(ctx.query.period);
    const table = tableParam(ctx.query.table);
    const text = await af.reports.csv(ctx.state.merchant.id, period, table, { lang: lang(ctx) });
    download(
      ctx,
      'text/csv; charset=utf-8',
      reportFileName(ctx.state.merchant.rfc, period, 'csv', table),
      text,
    );
  });

  router.get('/reports/archive.zip', async (ctx) => {
    const period = periodParam(ctx.query.period);
    const bytes = await af.reports.archive(ctx.state.merchant.id, period);
    download(ctx, 'application/zip', reportFileName(ctx.state.merchant.rfc, period, 'zip'), bytes);
  });

  router.post('/reports/send', async (ctx) => {
    const body = jsonBody(ctx, true);
    onlyFields(body, ['period', 'to']);
    const period = periodParam(body.period);
    const to = optionalStringList(body, 'to');
    checkRecipients(to);
    const sent = await af.reports.send(ctx.state.merchant.id, period, to?.length ? { to } : {});
    if (sent.to.length === 0) throw noRecipient();
    ctx.status = 202;
    ctx.body = { object: 'report_email', period, to: sent.to };
  });

  return router;
}

function tableParam(value: unknown): ReportTable {
  const table = enumParam(value, 'table', REPORT_TABLES);
  if (table) return table;
  throw apiError(
    400,
    'INVALID_PARAMETER',
    `Falta table: una de ${REPORT_TABLES.join(', ')}.`,
    `table is missing: one of ${REPORT_TABLES.join(', ')}.`,
    'table',
  );
}

/** Nothing was sent: no `to` and the merchant has no dashboard user or bcc to send reports to. */
export function noRecipient() {
  return apiError(
    422,
    'REPORT_NO_RECIPIENT',
    'No hay a quién enviar el reporte: escribe un correo en "to" o agrega un usuario o un correo en copia (bcc) al comercio.',
    'There is nobody to send the report to: give an address in "to" or add a user or a bcc address to the merchant.',
    'to',
  );
}
