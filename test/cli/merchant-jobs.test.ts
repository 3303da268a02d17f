import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CARLOS } from '../core/automation/harness.js';
import { EKU, FIXTURES } from '../support/oracles.js';
import { cliDataDir, codedLines, EKU_MERCHANT_CREATE, openCliApp, runCli } from './run-cli.js';

const BIN = new URL('../../scripts/autofactura.js', import.meta.url).pathname;
const FIEL = join(FIXTURES, 'sat/certs/phpcfdi-credentials/FIEL_AAA010101AAA');

describe('CLI: merchant create and jobs run (#4)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    ({ dataDir, env } = await cliDataDir('autofactura-cli-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  /** The pipeline over the same data folder, as the server would open it. */
  async function app() {
    return openCliApp(env, dataDir);
  }

  it('creates a merchant from its CSD and prints its id and API keys as JSON', async () => {
    const result = await runCli(
      [
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
        '--series',
        'F',
        '--json',
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout);
    assert.match(printed.merchant_id, /^mer_/);
    assert.match(printed.api_key, /^af_live_/);
    assert.match(printed.api_key_test, /^af_test_/);
    assert.equal(printed.rfc, 'EKU9003173C9');
    assert.equal(printed.name, 'ESCUELA KEMPER URGATE');
    assert.equal(printed.series, 'F');

    const { af, store } = await app();
    try {
      const auth = await af.authenticate(printed.api_key);
      assert.equal(auth?.merchant.id, printed.merchant_id);
      const stored = JSON.stringify(await store.merchants.get(printed.merchant_id));
      assert.ok(
        !stored.includes(EKU.password) && !stored.includes(printed.api_key),
        'secrets are not stored in the clear',
      );
    } finally {
      await store.close();
    }
  });

  it('prints readable lines without --json, in English with --lang en', async () => {
    const result = await runCli(
      [
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
        '--lang',
        'en',
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Merchant\s+mer_/m);
    assert.match(result.stdout, /^API key \(live\)\s+af_live_/m);
    assert.match(result.stderr, /not shown again/);
  });

  it('refuses a wrong password, an e.firma and missing options with coded lines', async () => {
    const wrong = await runCli(
      [
        'merchant',
        'create',
        '--cer',
        EKU.cer,
        '--key',
        EKU.key,
        '--password',
        'nope',
        '--regime',
        '601',
        '--zip',
        '42501',
      ],
      env,
    );
    assert.equal(wrong.code, 1);
    assert.equal(codedLines(wrong.stderr)[0]?.code, 'CSD_KEY_PASSWORD');
    const fiel = await runCli(
      [
        'merchant',
        'create',
        '--cer',
        join(FIEL, 'certificate.cer'),
        '--key',
        join(FIEL, 'private_key.key'),
        '--password',
        '12345678a',
        '--regime',
        '601',
        '--zip',
        '42501',
      ],
      env,
    );
    assert.equal(fiel.code, 1);
    assert.equal(codedLines(fiel.stderr)[0]?.code, 'CSD_IS_FIEL');
    const expiredDir = join(FIXTURES, 'sat/certs/phpcfdi-credentials/CSD01_AAA010101AAA');
    const expired = await runCli(
      [
        'merchant',
        'create',
        '--cer',
        join(expiredDir, 'certificate.cer'),
        '--key',
        join(expiredDir, 'private_key.key'),
        '--password',
        '12345678a',
        '--regime',
        '601',
        '--zip',
        '42501',
      ],
      env,
    );
    assert.equal(expired.code, 1);
    assert.equal(codedLines(expired.stderr)[0]?.code, 'CSD_EXPIRED');
    const missing = await runCli(['merchant', 'create', '--cer', EKU.cer], env);
    assert.equal(missing.code, 1);
    assert.equal(codedLines(missing.stderr)[0]?.code, 'CLI_USAGE');
    assert.match(missing.stderr, /--key, --password, --regime, --zip/);
    assert.deepEqual(await readdir(dataDir), [], 'nothing was written');
  });

  it('works pending jobs once with progress on stderr, stops on Ctrl-C and resumes', async () => {
    const created = JSON.parse((await runCli(EKU_MERCHANT_CREATE, env)).stdout);
    const ids: string[] = [];
    {
      const { af, store } = await app();
      try {
        for (let i = 0; i < 12; i++) {
          const result = await af.recordPayment(created.merchant_id, {
            source: 'api',
            externalId: `cli_${i}`,
            amount: '116.00',
            customer: { ...CARLOS, email: `c${i}@example.com` },
          });
          ids.push(result.payment.id);
        }
      } finally {
        await store.close();
      }
    }

    const child = spawn(process.execPath, [BIN, 'jobs', 'run'], { env: { ...process.env, ...env } });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr.on('data', (chunk: Buffer) => {
      const first = stderr === '';
      stderr += chunk.toString();
      if (first) child.kill('SIGINT');
    });
    const code = await exited;
    assert.equal(code, 130, stderr);
    assert.match(stderr, /^hecho issue_invoice job_\S+ \(intento 1\)$/m);
    assert.match(stderr, /Interrumpido/);

    const resumed = await runCli(['jobs', 'run'], env);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /Trabajos: \d+ hechos, 0 por reintentar, 0 abandonados; 0 pendientes\./);
    const { af, store } = await app();
    try {
      for (const id of ids)
        assert.equal((await af.getPayment(created.merchant_id, id))?.payment.status, 'invoiced');
    } finally {
      await store.close();
    }
    const mails = (await readdir(join(dataDir, 'outbox'))).filter((f) => f.endsWith('.eml'));
    assert.equal(mails.length, 12, 'one email per invoice, none twice');
  });
});
