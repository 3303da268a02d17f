/**
 * Report periods: '2026-11' (a calendar month) and '2026-W48' (an ISO week, Monday to Sunday), with their
 * boundaries at local midnight in Mexico City. A payment at 23:59:59 local on 30 November is November's;
 * one at 00:00:00 on 1 December is December's.
 */

import { localDate, localMidnight } from '../automation/periods.js';
import { AutofacturaError } from '../errors.js';
import type { ReportPeriod } from './types.js';

const MONTHS_ES = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function invalidPeriod(given: unknown): AutofacturaError {
  const shown = typeof given === 'string' ? `"${given.slice(0, 40)}"` : String(given);
  const message = `El periodo ${shown} no es válido. Escribe un mes (AAAA-MM, p. ej. 2026-11) o una semana ISO (AAAA-Www, p. ej. 2026-W48).`;
  const messageEn = `The period ${shown} is not valid. Write a month (YYYY-MM, e.g. 2026-11) or an ISO week (YYYY-Www, e.g. 2026-W48).`;
  return new AutofacturaError({
    code: 'REPORT_INVALID_PERIOD',
    status: 422,
    message,
    messageEn,
    details: [{ code: 'REPORT_INVALID_PERIOD', message, messageEn, path: 'period' }],
  });
}

/** Day of the month (UTC calendar arithmetic) of the Monday of ISO week 1 of `year`. */
function isoWeekOneMonday(year: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = jan4.getUTCDay() || 7;
  return new Date(Date.UTC(year, 0, 4 - (weekday - 1)));
}

function isoWeeksIn(year: number): number {
  const next = isoWeekOneMonday(year + 1).getTime();
  return Math.round((next - isoWeekOneMonday(year).getTime()) / (7 * 86_400_000));
}

export function parseReportPeriod(text: unknown): ReportPeriod {
  if (typeof text !== 'string') throw invalidPeriod(text);
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    if (year < 2000 || year > 2999) throw invalidPeriod(text);
    return {
      kind: 'month',
      key: `${month[1]}-${month[2]}`,
      from: localMidnight(year, m, 1).toISOString(),
      to: localMidnight(year, m + 1, 1).toISOString(),
      label: `${MONTHS_ES[m - 1]} de ${year}`,
      labelEn: `${MONTHS_EN[m - 1]} ${year}`,
    };
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!week) throw invalidPeriod(text);
  const year = Number(week[1]);
  const n = Number(week[2]);
  if (year < 2000 || year > 2999 || n < 1 || n > isoWeeksIn(year)) throw invalidPeriod(text);
  const monday = new Date(isoWeekOneMonday(year).getTime() + (n - 1) * 7 * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  const [y, mo, d] = [monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()];
  const [sm, sd] = [sunday.getUTCMonth() + 1, sunday.getUTCDate()];
  const spanEs =
    mo === sm
      ? `${d} al ${sd} de ${MONTHS_ES[sm - 1]}`
      : `${d} de ${MONTHS_ES[mo - 1]} al ${sd} de ${MONTHS_ES[sm - 1]}`;
  const spanEn = `${MONTHS_EN[mo - 1]} ${d} to ${MONTHS_EN[sm - 1]} ${sd}`;
  return {
    kind: 'week',
    key: `${year}-W${String(n).padStart(2, '0')}`,
    from: localMidnight(y, mo, d).toISOString(),
    to: localMidnight(y, mo, d + 7).toISOString(),
    label: `semana ${n} de ${year} (${spanEs})`,
    labelEn: `week ${n} of ${year} (${spanEn})`,
  };
}

/** The ISO week key ('2026-W48') of a local date in Mexico City. */
export function isoWeekKey(instant: Date): string {
  const { year, month, day, weekday } = localDate(instant);
  const thursday = new Date(Date.UTC(year, month - 1, day + 4 - weekday));
  const weekYear = thursday.getUTCFullYear();
  const n = Math.round((thursday.getTime() - isoWeekOneMonday(weekYear).getTime()) / (7 * 86_400_000)) + 1;
  return `${weekYear}-W${String(n).padStart(2, '0')}`;
}

/** The month key ('2026-11') of an instant in Mexico City. */
export function monthKey(instant: Date): string {
  const { year, month } = localDate(instant);
  return `${year}-${String(month).padStart(2, '0')}`;
}
