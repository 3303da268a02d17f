/**
 * Reports (issue #7): the period report, the reconciliation, their exports (CSV, XLSX, ZIP of the CFDIs)
 * and the email, composed into the facade's `af.reports`. The scheduled email is a durable job
 * (REPORT_JOB_HANDLERS, enqueued by sendDueReports). Contract: types.ts.
 */
import type { Context } from '../automation/context.js';
import type { JobHandler } from '../automation/jobs.js';
import { requireMerchant } from '../automation/merchant.js';
import { AutofacturaError } from '../errors.js';
import type { Merchant } from '../store/types.js';
import { documentsZip } from './archive.js';
import { tableCsv } from './csv.js';
import { type Dataset, loadDataset } from './dataset.js';
import { parseReportPeriod } from './period.js';
import { buildReport } from './report.js';
import { REPORT_JOB, reportJobHandler, sendReportEmail } from './send.js';
import {
  documentsTable,
  type Lang,
  paymentsTable,
  receiptsTable,
  reconciliationTable,
  type Table,
} from './tables.js';
import { type PeriodReport, REPORT_TABLES, type Reconciliation, type ReportUseCases } from './types.js';
import { reportWorkbook } from './xlsx.js';

export { parseReportPeriod } from './period.js';
export { duePeriods, REPORT_JOB, reportJobKey, sendDueReports } from './send.js';
export type * from './types.js';
export { RECONCILIATION_FLAGS, REPORT_TABLES } from './types.js';

interface Loaded {
  merchant: Merchant;
  data: Dataset;
  report: PeriodReport;
  reconciliation: Reconciliation;
}

async function load(ctx: Context, merchantId: string, periodText: string): Promise<Loaded> {
  const period = parseReportPeriod(periodText);
  const merchant = await requireMerchant(ctx, merchantId);
  const data = await loadDataset(ctx, merchant, period);
  const { report, reconciliation } = await buildReport(data);
  return { merchant, data, report, reconciliation };
}

async function tables(loaded: Loaded, lang: Lang): Promise<Table[]> {
  return [
    documentsTable(loaded.data, lang),
    await paymentsTable(loaded.data, lang),
    await receiptsTable(loaded.data, lang),
    reconciliationTable(loaded.reconciliation, lang),
  ];
}

async function workbook(loaded: Loaded, lang: Lang): Promise<Buffer> {
  return reportWorkbook(loaded.report, await tables(loaded, lang), lang);
}

function langOf(loaded: Loaded, options?: { lang?: Lang }): Lang {
  return options?.lang ?? loaded.merchant.settings.lang ?? 'es';
}

async function forEmail(ctx: Context, merchantId: string, period: string) {
  const loaded = await load(ctx, merchantId, period);
  return { report: loaded.report, xlsx: await workbook(loaded, langOf(loaded)) };
}

export function reportUseCases(ctx: Context): ReportUseCases {
  return {
    async report(merchantId, period) {
      return (await load(ctx, merchantId, period)).report;
    },
    async reconcile(merchantId, period) {
      return (await load(ctx, merchantId, period)).reconciliation;
    },
    async xlsx(merchantId, period, options) {
      const loaded = await load(ctx, merchantId, period);
      return workbook(loaded, langOf(loaded, options));
    },
    async csv(merchantId, period, table, options) {
      if (!REPORT_TABLES.includes(table)) throw unknownTable(table);
      const loaded = await load(ctx, merchantId, period);
      const lang = langOf(loaded, options);
      const all = await tables(loaded, lang);
      return tableCsv(all.find((t) => t.name === table)!, lang);
    },
    async archive(merchantId, period) {
      const loaded = await load(ctx, merchantId, period);
      return documentsZip(ctx.store, loaded.data.documents);
    },
    async send(merchantId, period, options) {
      const built = await forEmail(ctx, merchantId, period);
      const merchant = await requireMerchant(ctx, merchantId);
      return sendReportEmail(ctx, merchant, built, options);
    },
  };
}

/** Job handlers of the reports, to merge into automation/job-handlers.ts HANDLERS. */
export const REPORT_JOB_HANDLERS: Record<typeof REPORT_JOB, JobHandler> = {
  [REPORT_JOB]: reportJobHandler(forEmail),
};

function unknownTable(table: unknown): AutofacturaError {
  return new AutofacturaError({
    code: 'REPORT_INVALID_TABLE',
    status: 422,
    message: `La tabla "${String(table)}" no existe. Elige una de: ${REPORT_TABLES.join(', ')}.`,
    messageEn: `There is no table "${String(table)}". Choose one of: ${REPORT_TABLES.join(', ')}.`,
  });
}
