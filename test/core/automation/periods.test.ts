import assert from 'node:assert/strict';
import {
  globalPeriod,
  periodKey,
  periodsNamed,
  receiptExpiry,
  sameLocalMonth,
} from '../../../core/src/automation/periods.js';

const iso = (date: Date) => date.toISOString();

describe('automation: global periods and receipt expiry in Mexico City time', () => {
  it('puts a payment at 23:30 on the last day of the month (CDMX) in that month, not the next (UTC)', () => {
    // 2026-11-30T23:30 in Mexico City is 2026-12-01T05:30Z.
    const period = globalPeriod(new Date('2026-12-01T05:30:00Z'), 'monthly');
    assert.equal(iso(period.from), '2026-11-01T06:00:00.000Z');
    assert.equal(iso(period.to), '2026-12-01T06:00:00.000Z');
    assert.equal(period.months, '11');
    assert.equal(period.year, 2026);
  });

  it('rolls December into January of the next year', () => {
    const period = globalPeriod(new Date('2026-12-15T18:00:00Z'), 'monthly');
    assert.equal(iso(period.to), '2027-01-01T06:00:00.000Z');
  });

  it('cuts daily, weekly (Monday to Sunday), fortnightly and bimonthly periods', () => {
    const saturday = new Date('2026-11-28T18:00:00Z');
    assert.equal(iso(globalPeriod(saturday, 'daily').to), '2026-11-29T06:00:00.000Z');
    const week = globalPeriod(saturday, 'weekly');
    assert.equal(iso(week.from), '2026-11-23T06:00:00.000Z');
    assert.equal(iso(week.to), '2026-11-30T06:00:00.000Z');
    assert.equal(
      iso(globalPeriod(new Date('2026-11-10T18:00:00Z'), 'fortnightly').to),
      '2026-11-16T06:00:00.000Z',
    );
    assert.equal(iso(globalPeriod(saturday, 'fortnightly').from), '2026-11-16T06:00:00.000Z');
    const bimonthly = globalPeriod(saturday, 'bimonthly');
    assert.equal(iso(bimonthly.from), '2026-11-01T06:00:00.000Z');
    assert.equal(iso(bimonthly.to), '2027-01-01T06:00:00.000Z');
    assert.equal(bimonthly.months, '18');
  });

  it('follows the daylight saving time Mexico City still had in 2022 for backfills', () => {
    // April 2022: UTC-5 (horario de verano), so local midnight of 1 May is 05:00Z.
    assert.equal(
      iso(globalPeriod(new Date('2022-04-15T18:00:00Z'), 'monthly').to),
      '2022-05-01T05:00:00.000Z',
    );
  });

  it('lets a receipt link live receiptDays, but never past the end of the global period', () => {
    const now = new Date('2026-11-10T18:00:00Z');
    const early = receiptExpiry({ paidAt: now, now, receiptDays: 7, periodicity: 'monthly' });
    assert.equal(iso(early), '2026-11-17T18:00:00.000Z');
    const late = new Date('2026-11-28T18:00:00Z');
    const capped = receiptExpiry({ paidAt: late, now: late, receiptDays: 7, periodicity: 'monthly' });
    assert.equal(iso(capped), '2026-12-01T06:00:00.000Z');
  });

  it('gives a backfilled payment of a closed period receiptDays from now', () => {
    const now = new Date('2026-11-28T18:00:00Z');
    const expiry = receiptExpiry({
      paidAt: new Date('2026-10-03T18:00:00Z'),
      now,
      receiptDays: 7,
      periodicity: 'monthly',
    });
    assert.equal(iso(expiry), '2026-12-05T18:00:00.000Z');
  });

  it('compares calendar months in Mexico City', () => {
    assert.ok(sameLocalMonth(new Date('2026-11-01T06:00:00Z'), new Date('2026-12-01T05:59:59Z')));
    assert.ok(!sameLocalMonth(new Date('2026-11-30T18:00:00Z'), new Date('2026-12-01T06:00:00Z')));
  });

  it("cuts a week that spans two months at the month's edge, so no global mixes months", () => {
    // Monday 30 November to Sunday 6 December 2026.
    const monday = globalPeriod(new Date('2026-11-30T18:00:00Z'), 'weekly');
    assert.equal(iso(monday.from), '2026-11-30T06:00:00.000Z');
    assert.equal(iso(monday.to), '2026-12-01T06:00:00.000Z');
    assert.equal(monday.months, '11');
    const wednesday = globalPeriod(new Date('2026-12-02T18:00:00Z'), 'weekly');
    assert.equal(iso(wednesday.from), '2026-12-01T06:00:00.000Z');
    assert.equal(iso(wednesday.to), '2026-12-07T06:00:00.000Z');
    assert.equal(wednesday.months, '12');
  });

  it('names periods the same for every instant in them', () => {
    const at = (text: string, p: Parameters<typeof globalPeriod>[1]) =>
      periodKey(globalPeriod(new Date(text), p));
    assert.equal(at('2026-11-28T18:00:00Z', 'daily'), '2026-11-28');
    assert.equal(at('2026-11-28T18:00:00Z', 'weekly'), 'S2026-11-23');
    assert.equal(at('2026-11-23T06:00:00Z', 'weekly'), 'S2026-11-23');
    assert.equal(at('2026-11-15T18:00:00Z', 'fortnightly'), '2026-11-Q1');
    assert.equal(at('2026-11-16T18:00:00Z', 'fortnightly'), '2026-11-Q2');
    assert.equal(at('2026-12-01T05:59:59Z', 'monthly'), '2026-11');
    assert.equal(at('2026-12-31T18:00:00Z', 'bimonthly'), '2026-B6');
  });

  it("reads the CLI's periods: a month is every period starting in it, a day the period containing it", () => {
    const keys = (text: string, p: Parameters<typeof globalPeriod>[1]) =>
      periodsNamed(text, p)?.map(periodKey);
    assert.deepEqual(keys('2026-11', 'monthly'), ['2026-11']);
    assert.deepEqual(keys('2026-11', 'fortnightly'), ['2026-11-Q1', '2026-11-Q2']);
    assert.deepEqual(keys('2026-11', 'weekly'), [
      'S2026-11-01',
      'S2026-11-02',
      'S2026-11-09',
      'S2026-11-16',
      'S2026-11-23',
      'S2026-11-30',
    ]);
    assert.equal(keys('2026-02', 'daily')?.length, 28);
    assert.deepEqual(keys('2026-12', 'bimonthly'), ['2026-B6']);
    assert.deepEqual(keys('2026-11-28', 'weekly'), ['S2026-11-23']);
    assert.equal(periodsNamed('2026-13', 'monthly'), null);
    assert.equal(periodsNamed('2026-02-30', 'daily'), null);
    assert.equal(periodsNamed('noviembre', 'monthly'), null);
  });
});
