/** camelCase records and paths of core -> the API's snake_case. */

export function snake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, (_, a: string, b: string) => `${a}_${b.toLowerCase()}`);
}

/** `items[0].unitPrice` -> `items[0].unit_price`; `customer.taxRegime` -> `customer.tax_regime`. */
export function snakePath(path: string): string {
  return path.replace(/[A-Za-z_]+/g, snake);
}

/** Deep copy with snake_case keys; the values of `keep` keys (metadata) are copied as they are. */
export function snakeKeys(value: unknown, keep: readonly string[] = ['metadata']): unknown {
  if (Array.isArray(value)) return value.map((v) => snakeKeys(v, keep));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[snake(key)] = keep.includes(key) ? v : snakeKeys(v, keep);
  }
  return out;
}
