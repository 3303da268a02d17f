/**
 * The sandbox PAC: the embedded default. It behaves like a real PAC (./stamp.ts, ./cancellation.ts),
 * signs with its own certificate (./sandbox-credential.ts) and keeps its state in
 * `<dataDir>/pac-sandbox/` (./sandbox-store.ts), so it works offline and survives restarts. Nothing it
 * stamps has fiscal validity.
 */
import { getCatalogs } from '../../catalogs/index.js';
import type { Catalogs } from '../../catalogs/types.js';
import type { CancelResult, Pac } from '../port.js';
import { cancelCfdi, respondToCancellation, statusOf } from './cancellation.js';
import { KeyedQueue } from './keyed-queue.js';
import { certificateToPem, sandboxCredential } from './sandbox-credential.js';
import { SandboxStore } from './sandbox-store.js';
import { stampCfdi } from './stamp.js';

export interface SandboxPacOptions {
  /** autofactura's data directory; the sandbox uses `<dataDir>/pac-sandbox/`. */
  dataDir: string;
  /** Clock (tests move it to cross the 72-hour limits). */
  now?: () => Date;
  /** SAT catalogs; the process-wide ones by default. */
  catalogs?: Catalogs;
}

export interface SandboxPac extends Pac {
  readonly name: 'sandbox';
  readonly dataDir: string;
  /** The receptor accepts (true) or rejects (false) a cancellation that is "En proceso". */
  respond(uuid: string, accept: boolean): Promise<CancelResult>;
  /** PEM of the certificate the sandbox signs with now (created on first use). */
  certificatePem(): string;
}

export function createSandboxPac(options: SandboxPacOptions): SandboxPac {
  const dataDir = options.dataDir;
  const now = options.now ?? (() => new Date());
  const store = new SandboxStore(dataDir);
  const queue = new KeyedQueue();
  const catalogs = () => options.catalogs ?? getCatalogs();
  const context = { dataDir, store, now };
  const key = (uuid: string) => uuid.trim().toUpperCase();
  return {
    name: 'sandbox',
    dataDir,
    stamp: (sealedXml) => stampCfdi({ ...context, catalogs }, sealedXml),
    cancel: (request) => queue.run(key(request.uuid), () => cancelCfdi(context, request)),
    status: (request) => queue.run(key(request.uuid), () => statusOf(context, request)),
    respond: (uuid, accept) => queue.run(key(uuid), () => respondToCancellation(context, uuid, accept)),
    certificatePem: () => certificateToPem(sandboxCredential(dataDir, now()).certificate),
  };
}

/** PEM of the sandbox certificate kept in `dataDir` (created there on first use). */
export function sandboxCertificatePem(dataDir: string, now: Date = new Date()): string {
  return certificateToPem(sandboxCredential(dataDir, now).certificate);
}
