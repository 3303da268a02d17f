/** JSON Pointer (RFC 6901): `/data/customer/email`; `~1` is `/` and `~0` is `~` inside a name. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  if (!pointer.startsWith('/')) return undefined;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const name = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(name)) return undefined;
      current = current[Number(name)];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, name)) {
      current = (current as Record<string, unknown>)[name];
    } else {
      return undefined;
    }
  }
  return current;
}
