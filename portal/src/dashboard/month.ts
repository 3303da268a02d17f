/** Calendar ranges in Mexico City time (UTC-6 all year since 2022), as ISO UTC instants. */
const OFFSET_MS = 6 * 3_600_000;

/** [start, end) of the month containing `now`, in Mexico City. */
export function monthRange(now: Date): { from: string; to: string; label: Date } {
  const local = new Date(now.getTime() - OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const from = new Date(Date.UTC(year, month, 1) + OFFSET_MS);
  const to = new Date(Date.UTC(year, month + 1, 1) + OFFSET_MS);
  return { from: from.toISOString(), to: to.toISOString(), label: from };
}

/** A YYYY-MM-DD date typed in a filter -> the instant its day starts (or, with `end`, the next day starts). */
export function dayStart(value: unknown, end = false): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const at = Date.UTC(y, m - 1, d + (end ? 1 : 0)) + OFFSET_MS;
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}
