/**
 * A real pipeline for tests: the store (lowdb in a temp dir), the sandbox PAC with its own data dir
 * (optionally behind test/support/faulty-pac.ts), the mailer writing .eml files to an outbox, and a
 * merchant created from SAT's test CSD EKU9003173C9 (persona moral, régimen 601, zip 42501).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { createAutofactura } from '../../../core/src/automation/index.js';
import type { Autofactura, SecretBox } from '../../../core/src/automation/types.js';
import { pacCertificatesFrom, sandboxPacCertsDir } from '../../../core/src/cfdi/verify/pac-certificates.js';
import { verifyCfdi } from '../../../core/src/cfdi/verify/verify-cfdi.js';
import { createMailer } from '../../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../../core/src/pac/sandbox/index.js';
import { createSecretBox } from '../../../core/src/store/secrets.js';
import type { Merchant, MerchantSettings, Store } from '../../../core/src/store/types.js';
import { type FaultyPac, faultyPac } from '../../support/faulty-pac.js';
import { EKU } from '../../support/oracles.js';
import { openTestStore } from './test-store.js';

export const CARLOS = {
  rfc: 'COSC8001137NA',
  name: 'CARLOS CORTES SOTO',
  taxRegime: '612',
  zip: '52000',
  cfdiUse: 'G03',
};

export interface Harness {
  af: Autofactura;
  store: Store;
  pac: FaultyPac;
  /** The secret box the pipeline encrypts with (for tests that build a Context of their own). */
  secrets: SecretBox;
  merchant: Merchant;
  dir: string;
  outbox: string;
  verify(xml: Buffer | string): ReturnType<typeof verifyCfdi>;
  /** Parsed .eml files in the outbox, oldest first. */
  mails(): Promise<ParsedMail[]>;
  newMerchant(settings?: Partial<MerchantSettings>): Promise<Merchant>;
  /** Moves the clock of the pipeline and of the sandbox PAC forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** store/secrets.ts's box under a random master key (tests do not need the key file). */
export function testSecretBox(key = randomBytes(32)): SecretBox {
  return createSecretBox(key);
}

export async function harness(
  options: {
    settings?: Partial<MerchantSettings>;
    concurrency?: number;
    maxAttempts?: number;
    ownPacUrls?: { finkok?: string; sw?: string };
  } = {},
): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-pipeline-'));
  const store = await openTestStore(join(dir, 'data'));
  const pacDir = join(dir, 'pac');
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const pac = faultyPac(createSandboxPac({ dataDir: pacDir, now }));
  const outbox = join(dir, 'outbox');
  const mailer = createMailer({ outboxDir: outbox });
  const secrets = testSecretBox();
  const af = createAutofactura({
    store,
    pac,
    mailer,
    secrets,
    clock: { now },
    publicUrl: 'https://facturas.example.com',
    retry: { baseMs: 150, maxMs: 300, maxAttempts: options.maxAttempts ?? 4 },
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.ownPacUrls ? { ownPacUrls: options.ownPacUrls } : {}),
  });
  const [certificate, privateKey] = await Promise.all([readFile(EKU.cer), readFile(EKU.key)]);
  const newMerchant = async (settings?: Partial<MerchantSettings>) =>
    (
      await af.createMerchant({
        certificate,
        privateKey,
        password: EKU.password,
        regime: '601',
        zip: '42501',
        ...(settings ? { settings } : {}),
        branding: { tradeName: 'Escuela Kemper', supportEmail: 'ayuda@kemper.example.com' },
      })
    ).merchant;
  const merchant = await newMerchant(options.settings);
  const certs = pacCertificatesFrom([sandboxPacCertsDir(pacDir)]);
  return {
    af,
    store,
    pac,
    secrets,
    merchant,
    dir,
    outbox,
    newMerchant,
    advance(ms) {
      offset += ms;
    },
    verify: (xml) => verifyCfdi(xml, { pacCertificates: certs }),
    async mails() {
      const files = (await readdir(outbox).catch(() => [] as string[]))
        .filter((f) => f.endsWith('.eml'))
        .sort();
      return Promise.all(files.map(async (file) => simpleParser(await readFile(join(outbox, file)))));
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A unique external id per call. */
export const nextId = (prefix = 'ch') => `${prefix}_${Date.now().toString(36)}_${++counter}`;
