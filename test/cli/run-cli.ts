/** Runs the real `autofactura` bin in a child process, as a user would. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAutofactura } from '../../core/src/automation/index.js';
import type { Autofactura, Clock } from '../../core/src/automation/types.js';
import { createMailer } from '../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../core/src/pac/sandbox/index.js';
import { openStore } from '../../core/src/store/open.js';
import { createSecretBox, loadMasterKey } from '../../core/src/store/secrets.js';
import type { Store } from '../../core/src/store/types.js';
import { EKU } from '../support/oracles.js';

const BIN = new URL('../../scripts/autofactura.js', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Every stderr line is `CODE message`: no stack trace, no blank noise. */
export function codedLines(stderr: string): { code: string; message: string }[] {
  return stderr
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const space = line.indexOf(' ');
      return { code: line.slice(0, space), message: line.slice(space + 1) };
    });
}

/** `autofactura merchant create` for SAT's test CSD EKU9003173C9 (régimen 601, CP 42501), as JSON. */
export const EKU_MERCHANT_CREATE = [
  'merchant',
  'create',
  '--cer',
  EKU.cer,
  '--key',
  EKU.key,
  '--password',
  EKU.password,
  '--regime',
  '601',
  '--zip',
  '42501',
  '--json',
];

/**
 * A fresh data folder for the CLI and the environment its commands read there (lowdb, the sandbox PAC,
 * the outbox, a master key generated on first use); `publicUrl` sets PUBLIC_URL for printed URLs.
 */
export async function cliDataDir(
  prefix: string,
  publicUrl?: string,
): Promise<{ dataDir: string; env: Record<string, string> }> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const env: Record<string, string> = {
    AUTOFACTURA_DATA_DIR: dataDir,
    DATABASE_URL: '',
    PAC: '',
    SMTP_URL: '',
    AUTOFACTURA_SECRET: '',
    ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}),
  };
  return { dataDir, env };
}

/** The pipeline over a CLI data folder, as the server would open it (close `store` when done). */
export async function openCliApp(
  env: Record<string, string>,
  dataDir: string,
  clock?: Clock,
): Promise<{ af: Autofactura; store: Store }> {
  const store = await openStore({ env, dataDir });
  const af = createAutofactura({
    store,
    pac: createSandboxPac({ dataDir }),
    mailer: createMailer({ outboxDir: join(dataDir, 'outbox') }),
    secrets: createSecretBox(await loadMasterKey({ env, dataDir })),
    ...(clock ? { clock } : {}),
  });
  return { af, store };
}
