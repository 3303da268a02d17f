/**
 * c_TasaOCuota lookups for CFDI40179, CFDI40185 and CFDI40219: is this rate allowed for this tax, factor
 * and direction (traslado / retención)? Rows are indexed once per Catalogs object.
 */
import { Decimal } from 'decimal.js';
import type { Catalogs, TasaOCuotaRule } from '../../catalogs/types.js';

type Direction = 'traslado' | 'retencion';
const indexes = new WeakMap<Catalogs, Map<string, TasaOCuotaRule[]>>();

function index(catalogs: Catalogs): Map<string, TasaOCuotaRule[]> {
  let map = indexes.get(catalogs);
  if (map === undefined) {
    map = new Map();
    for (const row of catalogs.tasaOCuota) {
      for (const direction of ['traslado', 'retencion'] as const) {
        if (!row[direction]) continue;
        const key = `${direction}|${row.impuesto}|${row.factor}`;
        const list = map.get(key) ?? [];
        list.push(row);
        map.set(key, list);
      }
    }
    indexes.set(catalogs, map);
  }
  return map;
}

const answers = new WeakMap<Catalogs, Map<string, boolean>>();
const RATE = /^[0-9]{1,6}(\.[0-9]{1,6})?$/;

export function tasaOCuotaAllowed(
  catalogs: Catalogs,
  direction: Direction,
  impuesto: string,
  factor: string,
  value: string,
): boolean {
  const memoKey = `${direction}|${impuesto}|${factor}|${value}`;
  let memo = answers.get(catalogs);
  if (memo === undefined) {
    memo = new Map();
    answers.set(catalogs, memo);
  }
  const known = memo.get(memoKey);
  if (known !== undefined) return known;
  const answer = compute(catalogs, direction, impuesto, factor, value);
  if (memo.size > 4096) memo.clear();
  memo.set(memoKey, answer);
  return answer;
}

function compute(
  catalogs: Catalogs,
  direction: Direction,
  impuesto: string,
  factor: string,
  value: string,
): boolean {
  if (!RATE.test(value)) return false;
  const rows = index(catalogs).get(`${direction}|${impuesto}|${factor}`);
  if (rows === undefined) return false;
  const v = new Decimal(value);
  return rows.some((row) =>
    row.kind === 'Fijo' ? v.eq(row.value) : v.gte(row.min ?? 0) && v.lte(row.value),
  );
}
