/**
 * "Matches its sample's shape": the same top-level keys, and every nested field the API answered is one
 * the sample shows, with the same JSON type (null stands for any type: a field not set yet).
 */
const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

export function shapeProblems(actual: unknown, sample: unknown, path = '$', top = true): string[] {
  if (actual === null || sample === null || actual === undefined) return [];
  if (kind(actual) !== kind(sample)) return [`${path}: ${kind(actual)} where the sample has ${kind(sample)}`];
  if (Array.isArray(actual) && Array.isArray(sample)) {
    return actual.length && sample.length ? shapeProblems(actual[0], sample[0], `${path}[0]`, false) : [];
  }
  if (kind(actual) !== 'object') return [];
  const a = actual as Record<string, unknown>;
  const s = sample as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(a)) {
    if (!(key in s)) problems.push(`${path}.${key}: not in the sample`);
    else problems.push(...shapeProblems(a[key], s[key], `${path}.${key}`, false));
  }
  if (top) for (const key of Object.keys(s)) if (!(key in a)) problems.push(`${path}.${key}: missing`);
  return problems;
}

export function assertSameShape(actual: unknown, sample: unknown, what: string) {
  const problems = shapeProblems(actual, sample);
  if (problems.length) throw new Error(`${what} does not match its sample:\n  ${problems.join('\n  ')}`);
}
