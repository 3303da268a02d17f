/**
 * Sending the report by email, on request and on schedule: last week's on Mondays and last month's on the
 * 1st (Mexico City). Each scheduled send is a durable job with dedupeKey `report:<merchant>:<period>`, so
 * several processes and restarts enqueue it once; the job looks for its `report.sent` event before sending,
 * so a job already done is never sent again.
 */
import type { Context } from '../automation/context.js';
import { logEvent } from '../automation/events.js';
import type { JobHandler } from '../automation/jobs.js';
import { mailMerchant, requireMerchant } from '../automation/merchant.js';
import { localDate, localMidnight } from '../automation/periods.js';
import type { Job, Merchant } from '../store/types.js';
import { isoWeekKey, monthKey } from './period.js';
import { reportEmail } from './report-email.js';
import type { PeriodReport } from './types.js';

export const REPORT_JOB = 'send_report';
const SENT = 'report.sent';

export interface ReportJobPayload {
  period: string;
}

/** The merchant's report recipients: its dashboard users, plus its bcc (the accountant). */
export async function reportRecipients(
  ctx: Context,
  merchant: Merchant,
): Promise<{ to: string[]; bcc: string[] }> {
  const users = await ctx.store.dashboardUsers.listByMerchant(merchant.id);
  const to = [...new Set(users.map((u) => u.email))];
  const bcc = (merchant.settings.bcc ?? []).filter((a) => !to.includes(a));
  return { to, bcc };
}

export async function sendReportEmail(
  ctx: Context,
  merchant: Merchant,
  built: { report: PeriodReport; xlsx: Buffer },
  options: { to?: string[] } = {},
): Promise<{ to: string[] }> {
  const defaults = await reportRecipients(ctx, merchant);
  const given = options.to?.length ? options.to : undefined;
  const to = given ?? (defaults.to.length ? defaults.to : defaults.bcc);
  const bcc = given || !defaults.to.length ? [] : defaults.bcc;
  if (to.length === 0) return { to: [] };
  const message = reportEmail({
    merchant: await mailMerchant(ctx, merchant),
    to,
    ...(bcc.length ? { bcc } : {}),
    lang: merchant.settings.lang,
    report: built.report,
    xlsx: built.xlsx,
  });
  const sent = await ctx.mailer.send(message);
  await logEvent(
    ctx,
    merchant.id,
    SENT,
    {},
    {
      period: built.report.period.key,
      to,
      messageId: sent.messageId,
      transport: ctx.mailer.transport,
    },
  );
  return { to };
}

/** Whether the report of `period` was already emailed (its `report.sent` event). */
export async function reportSent(ctx: Context, merchantId: string, period: string): Promise<boolean> {
  const events = await ctx.store.events.list(merchantId, { types: [SENT], order: 'desc', limit: 500 });
  return events.some((e) => e.data.period === period);
}

/** The periods due at `now` (Mexico City): last ISO week on a Monday, last month on the 1st. */
export function duePeriods(now: Date): string[] {
  const { year, month, day, weekday } = localDate(now);
  const lastInstantOfYesterday = new Date(localMidnight(year, month, day).getTime() - 1);
  const due: string[] = [];
  if (weekday === 1) due.push(isoWeekKey(lastInstantOfYesterday));
  if (day === 1) due.push(monthKey(lastInstantOfYesterday));
  return due;
}

export const reportJobKey = (merchantId: string, period: string) => `report:${merchantId}:${period}`;

/**
 * For each merchant, enqueues the report emails due at `now` (none on other days). Safe to call every
 * minute from every server process: the job's dedupeKey and the `report.sent` event keep it to one email.
 */
export async function sendDueReports(
  ctx: Context,
  now: Date,
): Promise<{ merchantId: string; period: string }[]> {
  const periods = duePeriods(now);
  if (periods.length === 0) return [];
  const queued: { merchantId: string; period: string }[] = [];
  for (const merchant of await ctx.store.merchants.list()) {
    const { to, bcc } = await reportRecipients(ctx, merchant);
    // Nobody to send it to: no job (it would find no one on every tick of the day).
    if (to.length === 0 && bcc.length === 0) continue;
    for (const period of periods) {
      if (await reportSent(ctx, merchant.id, period)) continue;
      const { created } = await ctx.store.jobs.enqueue({
        merchantId: merchant.id,
        type: REPORT_JOB,
        dedupeKey: reportJobKey(merchant.id, period),
        payload: { period } satisfies ReportJobPayload as unknown as Record<string, unknown>,
        runAt: now.toISOString(),
        maxAttempts: ctx.retry.maxAttempts,
      });
      if (created) queued.push({ merchantId: merchant.id, period });
    }
  }
  return queued;
}

export function reportJobHandler(
  build: (
    ctx: Context,
    merchantId: string,
    period: string,
  ) => Promise<{ report: PeriodReport; xlsx: Buffer }>,
): JobHandler {
  return {
    async run(ctx: Context, job: Job) {
      const { period } = job.payload as unknown as ReportJobPayload;
      if (await reportSent(ctx, job.merchantId, period)) return 'already_sent';
      const merchant = await requireMerchant(ctx, job.merchantId);
      const { to } = await sendReportEmail(ctx, merchant, await build(ctx, job.merchantId, period));
      return to.length ? 'sent' : 'no_recipient';
    },
    paymentIds: async () => [],
  };
}
