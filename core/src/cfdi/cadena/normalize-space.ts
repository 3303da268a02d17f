/**
 * XPath 1.0 normalize-space(): strips leading and trailing whitespace and collapses runs of it into one
 * space, where whitespace is only #x20, #x9, #xD and #xA (not the Unicode spaces String#trim removes).
 */
const NEEDS_WORK = /^ | $|[\t\r\n]| {2}/;
const RUNS = /[ \t\r\n]+/g;

export function normalizeSpace(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  const collapsed = value.replace(RUNS, ' ');
  const start = collapsed.startsWith(' ') ? 1 : 0;
  const end = collapsed.endsWith(' ') ? collapsed.length - 1 : collapsed.length;
  return start >= end ? '' : collapsed.slice(start, end);
}
