/**
 * The period keys of the reports page (#7): months '2026-11' and ISO weeks '2026-W48' in Mexico City
 * time — which one is current, the one before and after, and the choices of the period selector.
 * Core owns what a period means (its instants and labels); this only moves between keys.
 */
import type { Lang } from '../web/i18n.js';

const OFFSET_MS = 6 * 3_600_000;
const DAY_MS = 86_400_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

export interface PeriodChoice {
  key: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Mexico City calendar day of an instant, as a UTC midnight. */
function localDay(now: Date): Date {
  const local = new Date(now.getTime() - OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

/** ISO week of a UTC-midnight day: the year it belongs to and its number. */
function isoWeek(day: Date): { year: number; week: number } {
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return { year, week };
}

/** The Monday (UTC midnight) of ISO week `week` of `year`. */
function weekMonday(year: number, week: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday1 = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(monday1 + (week - 1) * 7 * DAY_MS);
}

const weekKey = (day: Date) => {
  const { year, week } = isoWeek(day);
  return `${year}-W${pad(week)}`;
};

export function isPeriodKey(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const week = WEEK.exec(value);
  if (!week) return MONTH.test(value);
  // Week 53 exists only in some years.
  return isoWeek(weekMonday(Number(week[1]), Number(week[2]))).week === Number(week[2]);
}

export function currentMonth(now: Date): string {
  const day = localDay(now);
  return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}`;
}

export function currentWeek(now: Date): string {
  return weekKey(localDay(now));
}

/** The period `step` periods away (-1 before, +1 after) of the same kind. */
export function shiftPeriod(key: string, step: number): string {
  const week = WEEK.exec(key);
  if (week) {
    const monday = weekMonday(Number(week[1]), Number(week[2]));
    return weekKey(new Date(monday.getTime() + step * 7 * DAY_MS));
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
    const monday = weekMonday(Number(week[1]), Number(week[2]));
    const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      monday,
    );
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
