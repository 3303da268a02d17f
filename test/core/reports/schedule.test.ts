import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { type Context, createContext } from '../../../core/src/automation/context.js';
import { HANDLERS } from '../../../core/src/automation/job-handlers.js';
import { workDue } from '../../../core/src/automation/jobs.js';
import { createMailer } from '../../../core/src/notify/mailer.js';
import {
  duePeriods,
  REPORT_JOB,
  REPORT_JOB_HANDLERS,
  sendDueReports,
} from '../../../core/src/reports/index.js';
import { type Harness, harness } from '../automation/harness.js';

describe('reports: the scheduled email, once per period (#7)', function () {
  this.timeout(120_000);
  let h: Harness;
  /** Two server processes: each its own context over the same store. */
  let a: Context;
  let b: Context;
  const monday = new Date('2026-12-07T15:00:00.000Z'); // 09:00 in Mexico City

  before(async () => {
    h = await harness({ settings: { bcc: ['contador@example.com'] } });
    const make = () =>
      createContext({
        store: h.store,
        pac: h.pac,
        mailer: createMailer({ outboxDir: h.outbox }),
        secrets: h.secrets,
        clock: { now: () => monday },
      });
    a = make();
    b = make();
    const at = new Date().toISOString();
    await h.store.dashboardUsers.create({
      id: 'user_1',
      merchantId: h.merchant.id,
      email: 'duena@example.com',
      passwordHash: 'scrypt$unused',
      createdAt: at,
      updatedAt: at,
    });
  });
  after(() => h.close());

  it('is due on Mondays for last week and on the 1st for last month, in Mexico City time', () => {
    assert.deepEqual(duePeriods(monday), ['2026-W49']);
    assert.deepEqual(duePeriods(new Date('2027-01-01T12:00:00Z')), ['2026-12']);
    assert.deepEqual(
      duePeriods(new Date('2026-06-01T12:00:00Z')),
      ['2026-W22', '2026-05'],
      'a Monday the 1st',
    );
    assert.deepEqual(
      duePeriods(new Date('2026-12-08T05:59:59Z')),
      ['2026-W49'],
      'still Monday 23:59:59 local',
    );
    assert.deepEqual(duePeriods(new Date('2026-12-08T06:00:00Z')), [], 'Tuesday 00:00 local');
    assert.deepEqual(duePeriods(new Date('2026-12-07T05:59:59Z')), [], 'Sunday night local');
  });

  it('sends last week once to the dashboard users with bcc, across processes, restarts and later ticks', async () => {
    const handlers = { ...HANDLERS, ...REPORT_JOB_HANDLERS };
    const mailsBefore = (await h.mails()).length;
    const silent = await h.newMerchant({ bcc: [] });
    const [first, second] = await Promise.all([sendDueReports(a, monday), sendDueReports(b, monday)]);
    assert.ok(
      ![...first, ...second].some((q) => q.merchantId === silent.id),
      'a merchant with no recipient gets no job',
    );
    assert.equal(first.length + second.length, 1, 'one job for the period');
    await Promise.all([workDue(a, handlers), workDue(b, handlers)]);
    assert.deepEqual(await sendDueReports(a, monday), [], 'sent: the next tick enqueues nothing');
    // A job of the same key that runs again (a lost lease, an operator re-enqueuing it) does not send twice.
    await h.store.jobs.enqueue({
      merchantId: h.merchant.id,
      type: REPORT_JOB,
      dedupeKey: `report:${h.merchant.id}:2026-W49`,
      payload: { period: '2026-W49' },
      runAt: monday.toISOString(),
    });
    await workDue(b, handlers);
    const mails = (await h.mails()).slice(mailsBefore);
    assert.equal(mails.length, 1);
    const mail = mails[0]!;
    assert.match(mail.subject ?? '', /^Reporte de semana 49 de 2026/);
    assert.deepEqual(
      (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((t) => t!.value.map((v) => v.address)),
      ['duena@example.com'],
    );
    assert.deepEqual(
      (Array.isArray(mail.bcc) ? mail.bcc : [mail.bcc]).flatMap((t) => t?.value.map((v) => v.address) ?? []),
      ['contador@example.com'],
      "the merchant's bcc (the accountant)",
    );
    const xlsx = mail.attachments.find((x) => x.filename === 'reporte-2026-W49.xlsx')!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.content as unknown as ArrayBuffer);
    assert.equal(book.worksheets[0]!.name, 'Resumen');
    const jobs = await h.store.jobs.list(h.merchant.id, { type: REPORT_JOB });
    assert.ok(jobs.every((j) => j.status === 'done'));
    const events = await h.store.events.list(h.merchant.id, { types: ['report.sent'] });
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]!.data.to, ['duena@example.com']);
  });
});
