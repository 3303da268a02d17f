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
      const start = day - (weekday - 1);
      return { periodicity, from: at(year, month, start), to: at(year, month, start + 7), months: mm, year };
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
