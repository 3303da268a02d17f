import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { cliDataDir, codedLines, EKU_MERCHANT_CREATE, openCliApp, runCli } from '../../cli/run-cli.js';

describe('CLI: autofactura connect openpay (#10)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let merchantId: string;

  before(async () => {
    ({ dataDir, env } = await cliDataDir('autofactura-connect-openpay-', 'https://facturas.example.com'));
    const created = await runCli(EKU_MERCHANT_CREATE, env);
    assert.equal(created.code, 0, created.stderr);
    merchantId = JSON.parse(created.stdout).merchant_id;
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  async function secrets() {
    const { af, store } = await openCliApp(env, dataDir);
    try {
      const names = ['webhook_user', 'webhook_password', 'merchant_id', 'private_key', 'environment'];
      const out: Record<string, string | null> = {};
      for (const name of names) out[name] = await af.connectionSecret(merchantId, `openpay.${name}`);
      const raw = JSON.stringify((await store.merchants.get(merchantId))!.secrets);
      return { out, raw };
    } finally {
      await store.close();
    }
  }

  it('stores user, password and API keys encrypted and prints { connection_id, webhook_url } with --json', async () => {
    const result = await runCli(
      [
        'connect',
        'openpay',
        '--merchant',
        merchantId,
        '--user',
        'autofactura',
        '--password',
        'S3creta-del-webhook',
        '--merchant-id',
        'mzdtln0bmtms6o3kck8f',
        '--private-key',
        'sk_e568c42a6c384b7ab02cd47d2e407cab',
        '--sandbox',
        '--json',
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      connection_id: 'openpay',
      webhook_url: `https://facturas.example.com/webhooks/openpay/${merchantId}`,
    });
    const { out, raw } = await secrets();
    assert.deepEqual(out, {
      webhook_user: 'autofactura',
      webhook_password: 'S3creta-del-webhook',
      merchant_id: 'mzdtln0bmtms6o3kck8f',
      private_key: 'sk_e568c42a6c384b7ab02cd47d2e407cab',
      environment: 'sandbox',
    });
    assert.doesNotMatch(raw, /S3creta-del-webhook|sk_e568c42a/, 'encrypted at rest');
  });

  it('connecting again without API keys removes the old ones; prints the URL in Spanish by default', async () => {
    const result = await runCli(
      [
        'connect',
        'openpay',
        '--merchant',
        merchantId,
        '--user',
        'autofactura',
        '--password',
        'Otra-contrasena-1',
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /URL del webhook: https:\/\/facturas\.example\.com\/webhooks\/openpay\//);
    assert.match(result.stdout, /no \(sin llaves API\)/);
    const { out } = await secrets();
    assert.equal(out.webhook_password, 'Otra-contrasena-1');
    assert.equal(out.private_key, null);
    assert.equal(out.merchant_id, null);
    assert.equal(out.environment, null);
  });

  it('refuses a merchant id without its private key, a short password, and missing options', async () => {
    const half = await runCli(
      [
        'connect',
        'openpay',
        '--merchant',
        merchantId,
        '--user',
        'u',
        '--password',
        'long-enough',
        '--merchant-id',
        'mzdtln0bmtms6o3kck8f',
      ],
      env,
    );
    assert.equal(half.code, 1);
    assert.match(codedLines(half.stderr)[0]?.message ?? '', /--merchant-id y --private-key juntos/);
    const short = await runCli(
      ['connect', 'openpay', '--merchant', merchantId, '--user', 'u', '--password', 'corta'],
      env,
    );
    assert.equal(short.code, 1);
    assert.match(short.stderr, /al menos 8 caracteres/);
    const missing = await runCli(['connect', 'openpay', '--merchant', merchantId], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /--user y --password/);
  });
});
