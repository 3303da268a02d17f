/**
 * One prefix per namespace URI for the whole spec. The prefix a stylesheet used first wins; a clash
 * (same prefix, other URI) gets a numeric suffix. Deterministic for a given file order.
 */
export class PrefixTable {
  private readonly byUri = new Map<string, string>();
  private readonly byPrefix = new Map<string, string>();

  prefixFor(uri: string, preferred: string): string {
    const known = this.byUri.get(uri);
    if (known !== undefined) return known;
    let prefix = preferred;
    for (let n = 2; this.byPrefix.has(prefix); n++) prefix = `${preferred}${n}`;
    this.byUri.set(uri, prefix);
    this.byPrefix.set(prefix, uri);
    return prefix;
  }

  /** prefix -> URI, sorted by prefix. */
  toJSON(): Record<string, string> {
    return Object.fromEntries([...this.byPrefix.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
