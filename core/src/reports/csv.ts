/**
 * CSV as RFC 4180 (CRLF line ends; a field with a comma, quote or line break is quoted, its quotes doubled),
 * in UTF-8 with a byte order mark so Excel in Spanish shows accents right. Money is the exact decimal string.
 */
import type { Lang, Table } from './tables.js';

const BOM = '\uFEFF';

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function tableCsv(table: Table, lang: Lang): string {
  const lines = [table.columns.map((c) => field(c[lang])).join(',')];
  for (const row of table.rows) lines.push(row.map(field).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
