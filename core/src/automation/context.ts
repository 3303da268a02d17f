/** What every use case and job handler of the pipeline works with: the facade's dependencies, resolved. */
import type { Mailer } from '../notify/message.js';
import type { Pac } from '../pac/port.js';
import type { Store } from '../store/types.js';
import type { AutofacturaDeps, Clock, Logger, SecretBox } from './types.js';

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export interface Context {
  store: Store;
  pac: Pac;
  mailer: Mailer;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  retry: RetryPolicy;
  /** How long a claimed job is held before another worker may take it (crash recovery). */
  leaseMs: number;
  /** Jobs a worker runs at once. */
  concurrency: number;
  /** Delay before the safety-net run of work that the caller already does inline (`wait`). */
  inlineGraceMs: number;
  /** Base URLs overriding Finkok's and SW's for merchants' own PAC accounts (merchant-pac.ts). */
  ownPacUrls: { finkok?: string; sw?: string };
  /** The sandbox for test-mode documents, or null when the server has none (merchant-pac.ts). */
  testPac: Pac | null;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 2_000, maxMs: 30 * 60_000, maxAttempts: 20 };

const silent: Logger = { info() {}, warn() {}, error() {} };

export interface ContextOptions extends AutofacturaDeps {
  leaseMs?: number;
  concurrency?: number;
  inlineGraceMs?: number;
}

export function createContext(deps: ContextOptions): Context {
  return {
    store: deps.store,
    pac: deps.pac,
    mailer: deps.mailer,
    secrets: deps.secrets,
    clock: deps.clock ?? { now: () => new Date() },
    logger: deps.logger ?? silent,
    publicUrl: (deps.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
    retry: { ...DEFAULT_RETRY, ...deps.retry },
    leaseMs: deps.leaseMs ?? 120_000,
    concurrency: deps.concurrency ?? 4,
    inlineGraceMs: deps.inlineGraceMs ?? 60_000,
    ownPacUrls: deps.ownPacUrls ?? {},
    testPac: deps.testPac ?? (deps.pac.name === 'sandbox' ? deps.pac : null),
  };
}

export const nowIso = (ctx: Context) => ctx.clock.now().toISOString();
