/**
 * The period keys of the reports page (#7): months '2026-11' and ISO weeks '2026-W48' in Mexico City
 * time — which one is current, the one before and after, and the choices of the period selector.
 * Core owns what a period means (core/src/reports/period.ts: which keys exist, their instants and
 * labels); this only moves between keys.
 */
import { isoWeekKey, monthKey, parseReportPeriod } from '../../../core/src/reports/period.js';
import type { Lang } from '../web/i18n.js';

const DAY_MS = 86_400_000;
const WEEK = /^(\d{4})-W(\d{2})$/;

export interface PeriodChoice {
  key: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A period key core accepts: '2026-11', or an ISO week that exists ('2026-W53' yes, '2025-W53' no). */
export function isPeriodKey(value: unknown): value is string {
  try {
    parseReportPeriod(value);
    return true;
  } catch {
    return false;
  }
}

export const currentMonth = (now: Date): string => monthKey(now);
export const currentWeek = (now: Date): string => isoWeekKey(now);

/** The period `step` periods away (-1 before, +1 after) of the same kind. */
export function shiftPeriod(key: string, step: number): string {
  if (WEEK.test(key)) {
    // Noon of the Monday, in case of a change of offset: the week `step` weeks away.
    const monday = Date.parse(parseReportPeriod(key).from);
    return isoWeekKey(new Date(monday + step * 7 * DAY_MS + DAY_MS / 2));
  }
  const [year, month] = key.split('-').map(Number) as [number, number];
  const moved = new Date(Date.UTC(year, month - 1 + step, 1));
  return `${moved.getUTCFullYear()}-${pad(moved.getUTCMonth() + 1)}`;
}

/** For the selector: "noviembre de 2026" / "November 2026"; "Semana 48 · 23 nov" / "Week 48 · Nov 23". */
export function periodChoiceLabel(key: string, lang: Lang): string {
  const locale = lang === 'en' ? 'en-US' : 'es-MX';
  const week = WEEK.exec(key);
  if (week) {
    const monday = new Date(parseReportPeriod(key).from);
    const day = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      timeZone: 'America/Mexico_City',
    }).format(monday);
    return `${lang === 'en' ? 'Week' : 'Semana'} ${Number(week[2])} · ${day} ${week[1]}`;
  }
  const [year, month] = key.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}

/** The last 12 months and the last 8 weeks up to now, newest first, plus `selected` if it is older. */
export function periodChoices(
  now: Date,
  selected: string,
  lang: Lang,
): { months: PeriodChoice[]; weeks: PeriodChoice[] } {
  const list = (first: string, count: number) => {
    const keys = Array.from({ length: count }, (_, i) => shiftPeriod(first, -i));
    if (WEEK.test(first) === WEEK.test(selected) && !keys.includes(selected)) keys.push(selected);
    return keys.map((key) => ({ key, label: periodChoiceLabel(key, lang) }));
  };
  return { months: list(currentMonth(now), 12), weeks: list(currentWeek(now), 8) };
}
