/**
 * Periods of the factura global and the receipt deadline, in Mexico City time (RMF 2.7.1.21: the global
 * covers the sales of a day, week, fortnight, month or two months, and is issued within 24 hours after
 * the period closes). A payment belongs to the period of its paidAt, even when recorded later (backfill).
 */
import { localDateTime } from '../cfdi/compute/fecha.js';
import type { GlobalPeriodicity } from '../store/types.js';

export const MEXICO_CITY = 'America/Mexico_City';
const DAY = 86_400_000;

/** c_Periodicidad of each periodicity. */
export const PERIODICIDAD: Record<GlobalPeriodicity, string> = {
  daily: '01',
  weekly: '02',
  fortnightly: '03',
  monthly: '04',
  bimonthly: '05',
};

export interface GlobalPeriod {
  periodicity: GlobalPeriodicity;
  /** First instant of the period (local midnight), inclusive. */
  from: Date;
  /** First instant after the period (local midnight), exclusive. */
  to: Date;
  /** InformacionGlobal Meses: "01"-"12", or "13"-"18" for two-month periods. */
  months: string;
  year: number;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
  /** 1 Monday ... 7 Sunday. */
  weekday: number;
}

export function localDate(instant: Date, timeZone = MEXICO_CITY): LocalDate {
  const text = localDateTime(instant, timeZone);
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
  return { year, month, day, weekday };
}

/** The instant of local midnight starting year-month-day (out-of-range days and months roll over). */
export function localMidnight(year: number, month: number, day: number, timeZone = MEXICO_CITY): Date {
  return localToInstant(new Date(Date.UTC(year, month - 1, day)).toISOString(), timeZone);
}

/**
 * A wall-clock time "YYYY-MM-DDThh:mm:ss" of `timeZone` (e.g. a PAC's FechaTimbrado) as an instant. Two
 * passes settle the offset even across a change of offset (historic daylight saving time).
 */
export function localToInstant(text: string, timeZone = MEXICO_CITY): Date {
  const wall = Date.parse(`${text.slice(0, 19)}Z`);
  let instant = wall;
  for (let i = 0; i < 2; i++) {
    const shown = Date.parse(`${localDateTime(new Date(instant), timeZone)}Z`);
    instant -= shown - wall;
  }
  return new Date(instant);
}

export function globalPeriod(paidAt: Date, periodicity: GlobalPeriodicity): GlobalPeriod {
  const { year, month, day, weekday } = localDate(paidAt);
  const mm = String(month).padStart(2, '0');
  const at = (y: number, m: number, d: number) => localMidnight(y, m, d);
  switch (periodicity) {
    case 'daily':
      return { periodicity, from: at(year, month, day), to: at(year, month, day + 1), months: mm, year };
    case 'weekly': {
      // Monday to Sunday, cut at the month's edges: a global never mixes two months, which the monthly
      // returns (and InformacionGlobal's single Meses) keep apart. A week across 30 Nov - 6 Dec is two periods.
      const start = Math.max(1, day - (weekday - 1));
      const end = Math.min(day - (weekday - 1) + 7, daysInMonth(year, month) + 1);
      return { periodicity, from: at(year, month, start), to: at(year, month, end), months: mm, year };
    }
    case 'fortnightly':
      return day <= 15
        ? { periodicity, from: at(year, month, 1), to: at(year, month, 16), months: mm, year }
        : { periodicity, from: at(year, month, 16), to: at(year, month + 1, 1), months: mm, year };
    case 'monthly':
      return { periodicity, from: at(year, month, 1), to: at(year, month + 1, 1), months: mm, year };
    case 'bimonthly': {
      const first = month % 2 === 1 ? month : month - 1;
      const months = String(13 + (first - 1) / 2);
      return { periodicity, from: at(year, first, 1), to: at(year, first + 2, 1), months, year };
    }
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A period's name, the same for every instant in it: daily '2026-11-28', weekly '2026-11-23' (its first
 * day) prefixed 'S' -> 'S2026-11-23', fortnightly '2026-11-Q1' / 'Q2', monthly '2026-11', bimonthly
 * '2026-B6' (November-December). Used in dedupe keys, ids and the CLI's output.
 */
export function periodKey(period: GlobalPeriod): string {
  const { year, month, day } = localDate(period.from);
  const ym = `${year}-${String(month).padStart(2, '0')}`;
  switch (period.periodicity) {
    case 'daily':
      return `${ym}-${String(day).padStart(2, '0')}`;
    case 'weekly':
      return `S${ym}-${String(day).padStart(2, '0')}`;
    case 'fortnightly':
      return `${ym}-Q${day <= 15 ? 1 : 2}`;
    case 'monthly':
      return ym;
    case 'bimonthly':
      return `${year}-B${(month + 1) / 2}`;
  }
}

/**
 * The merchant's periods a text names: 'YYYY-MM-DD' is the period containing that day; 'YYYY-MM' every
 * period of the periodicity that starts in that month (the whole month for monthly; the two-month
 * period containing it for bimonthly). null when the text is neither.
 */
export function periodsNamed(text: string, periodicity: GlobalPeriodicity): GlobalPeriod[] | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  const valid = (y: number, m: number, d = 1) =>
    m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) && y >= 2022 && y <= 2100;
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (!valid(y, m, d)) return null;
    return [globalPeriod(new Date(localMidnight(y, m, d).getTime() + 12 * 3_600_000), periodicity)];
  }
  if (!month) return null;
  const [y, m] = [Number(month[1]), Number(month[2])];
  if (!valid(y, m)) return null;
  const periods: GlobalPeriod[] = [];
  const end = localMidnight(y, m + 1, 1).getTime();
  let cursor = localMidnight(y, m, 1).getTime() + 12 * 3_600_000;
  while (cursor < end) {
    const period = globalPeriod(new Date(cursor), periodicity);
    if (!periods.some((p) => p.from.getTime() === period.from.getTime())) periods.push(period);
    cursor = period.to.getTime() + 12 * 3_600_000;
  }
  return periods;
}

/**
 * Until when a receipt's self-invoice link works: min(now + receiptDays, end of the global period of
 * paidAt). A backfilled payment whose period has already closed cannot wait for that global, so its
 * link lives receiptDays from now.
 */
export function receiptExpiry(options: {
  paidAt: Date;
  now: Date;
  receiptDays: number;
  periodicity: GlobalPeriodicity;
}): Date {
  const byDays = new Date(options.now.getTime() + options.receiptDays * DAY);
  const periodEnd = globalPeriod(options.paidAt, options.periodicity).to;
  if (periodEnd.getTime() <= options.now.getTime()) return byDays;
  return periodEnd.getTime() < byDays.getTime() ? periodEnd : byDays;
}

/** Whether two instants fall in the same calendar month in Mexico City. */
export function sameLocalMonth(a: Date, b: Date): boolean {
  const x = localDate(a);
  const y = localDate(b);
  return x.year === y.year && x.month === y.month;
}
