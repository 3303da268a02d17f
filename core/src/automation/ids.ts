/**
 * Record ids. Random ids for new records; deterministic ids where two racing (or re-run) steps must end
 * up with the same record: the store refuses the second create, and the loser reads the winner's.
 */
import { createHash, randomUUID } from 'node:crypto';

export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}

/** `prefix_` + 24 hex chars of sha256(parts joined by NUL). */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`;
}
