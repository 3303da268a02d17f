import assert from 'node:assert/strict';
import { isAutofacturaError } from '../../../core/src/errors.js';
import { parseReportPeriod } from '../../../core/src/reports/period.js';
import { type Harness, harness, nextId } from '../automation/harness.js';

describe('reports: periods in Mexico City time (#7)', function () {
  this.timeout(120_000);

  it('reads a month and an ISO week with their local-midnight boundaries and labels', () => {
    assert.deepEqual(parseReportPeriod('2026-11'), {
      kind: 'month',
      key: '2026-11',
      from: '2026-11-01T06:00:00.000Z',
      to: '2026-12-01T06:00:00.000Z',
      label: 'noviembre de 2026',
      labelEn: 'November 2026',
    });
    const week = parseReportPeriod('2026-W48');
    assert.equal(week.from, '2026-11-23T06:00:00.000Z', 'Monday 23 November');
    assert.equal(week.to, '2026-11-30T06:00:00.000Z');
    assert.equal(week.label, 'semana 48 de 2026 (23 al 29 de noviembre)');
    assert.equal(parseReportPeriod('2027-W01').from, '2027-01-04T06:00:00.000Z');
    assert.equal(parseReportPeriod('2026-W53').from, '2026-12-28T06:00:00.000Z', '2026 has 53 ISO weeks');
    assert.equal(parseReportPeriod('2020-W53').label, 'semana 53 de 2020 (28 de diciembre al 3 de enero)');
  });

  it('refuses anything else with REPORT_INVALID_PERIOD (422) saying the accepted forms', () => {
    for (const bad of [
      '2026-13',
      '2026-1',
      'noviembre',
      '2026-W00',
      '2027-W53',
      '',
      '2026-11-01',
      undefined,
    ]) {
      assert.throws(
        () => parseReportPeriod(bad),
        (error: unknown) =>
          isAutofacturaError(error) &&
          error.code === 'REPORT_INVALID_PERIOD' &&
          error.status === 422 &&
          /2026-11/.test(error.message) &&
          /2026-W48/.test(error.messageEn ?? ''),
        String(bad),
      );
    }
  });

  describe('a payment at the edge of the month', () => {
    let h: Harness;
    before(async () => {
      h = await harness();
    });
    after(() => h.close());

    it('belongs to November at 23:59:59 local on 30 November, and to December at 00:00:00 on 1 December', async () => {
      const record = (paidAt: string) =>
        h.af.recordPayment(h.merchant.id, {
          source: 'api',
          externalId: nextId(),
          amount: '100.00',
          paidAt,
          automation: 'none',
        });
      const last = await record('2026-12-01T05:59:59.000Z');
      const first = await record('2026-12-01T06:00:00.000Z');
      const november = await h.af.reports.csv(h.merchant.id, '2026-11', 'payments');
      const december = await h.af.reports.csv(h.merchant.id, '2026-12', 'payments');
      assert.ok(november.includes(last.payment.id) && !november.includes(first.payment.id));
      assert.ok(december.includes(first.payment.id) && !december.includes(last.payment.id));
      assert.equal((await h.af.reports.reconcile(h.merchant.id, '2026-11')).payments, 1);
      // Monday 30 November starts ISO week 49 (30 November to 6 December): both are in it, none in week 48.
      assert.equal((await h.af.reports.reconcile(h.merchant.id, '2026-W49')).payments, 2);
      assert.equal((await h.af.reports.reconcile(h.merchant.id, '2026-W48')).payments, 0);
      await assert.rejects(h.af.reports.report(h.merchant.id, '11/2026'), { code: 'REPORT_INVALID_PERIOD' });
    });
  });
});
