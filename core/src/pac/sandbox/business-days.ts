/**
 * Días hábiles for SAT's terms, on local dates ("YYYY-MM-DD", Mexico City). Not business days:
 * Saturdays, Sundays, the days of CFF article 12 (1 January, first Monday of February, third Monday of
 * March, 1 and 5 May, 16 September, third Monday of November, 25 December, and the day the federal
 * executive changes hands: 1 December every six years through 2018, 1 October every six years from
 * 2024), and the days SAT declares every year in RMF rule 2.1.6 that follow a fixed pattern (Holy
 * Thursday and Good Friday, 12 December). SAT's yearly vacation periods are not modelled.
 */

const DAY = 86_400_000;

function utcDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function nthMonday(year: number, month: number, n: number): number {
  const first = utcDate(year, month, 1).getUTCDay();
  const firstMonday = 1 + ((8 - first) % 7);
  return firstMonday + (n - 1) * 7;
}

/** Easter Sunday (Gregorian computus, "anonymous" algorithm). */
function easter(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDate(year, month, day);
}

const holidayCache = new Map<number, Set<string>>();

function holidays(year: number): Set<string> {
  let days = holidayCache.get(year);
  if (days === undefined) {
    const list = [
      utcDate(year, 1, 1),
      utcDate(year, 2, nthMonday(year, 2, 1)),
      utcDate(year, 3, nthMonday(year, 3, 3)),
      utcDate(year, 5, 1),
      utcDate(year, 5, 5),
      utcDate(year, 9, 16),
      utcDate(year, 11, nthMonday(year, 11, 3)),
      utcDate(year, 12, 12),
      utcDate(year, 12, 25),
      new Date(easter(year).getTime() - 3 * DAY),
      new Date(easter(year).getTime() - 2 * DAY),
    ];
    if (year <= 2018 && year % 6 === 2018 % 6) list.push(utcDate(year, 12, 1));
    if (year >= 2024 && (year - 2024) % 6 === 0) list.push(utcDate(year, 10, 1));
    days = new Set(list.map((d) => d.toISOString().slice(0, 10)));
    holidayCache.set(year, days);
  }
  return days;
}

export function isBusinessDay(localDate: string): boolean {
  const date = new Date(`${localDate}T00:00:00Z`);
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays(date.getUTCFullYear()).has(localDate);
}

/** The first business day after `localDate`. */
export function nextBusinessDay(localDate: string): string {
  let date = new Date(`${localDate}T00:00:00Z`);
  do {
    date = new Date(date.getTime() + DAY);
  } while (!isBusinessDay(date.toISOString().slice(0, 10)));
  return date.toISOString().slice(0, 10);
}
