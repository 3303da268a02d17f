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

/** Answers by catalogs, direction, impuesto, factor and value: no key string is built per question. */
type Answers = Map<string, Map<string, Map<string, boolean>>>;
const answers = new WeakMap<Catalogs, Record<Direction, Answers>>();
const RATE = /^[0-9]{1,6}(\.[0-9]{1,6})?$/;
let remembered = 0;

export function tasaOCuotaAllowed(
  catalogs: Catalogs,
  direction: Direction,
  impuesto: string,
  factor: string,
  value: string,
): boolean {
  let byDirection = answers.get(catalogs);
  if (byDirection === undefined) {
    byDirection = { traslado: new Map(), retencion: new Map() };
    answers.set(catalogs, byDirection);
  }
  const byImpuesto = byDirection[direction];
  let byFactor = byImpuesto.get(impuesto);
  if (byFactor === undefined) {
    byFactor = new Map();
    byImpuesto.set(impuesto, byFactor);
  }
  let byValue = byFactor.get(factor);
  if (byValue === undefined) {
    byValue = new Map();
    byFactor.set(factor, byValue);
  }
  const known = byValue.get(value);
  if (known !== undefined) return known;
  const answer = compute(catalogs, direction, impuesto, factor, value);
  if (++remembered > 4096) {
    byDirection.traslado.clear();
    byDirection.retencion.clear();
    remembered = 0;
  }
  byValue.set(value, answer);
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
