import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { parseSettings } from '../../../connectors/paypal/src/config.js';
import { cliDataDir, codedLines, EKU_MERCHANT_CREATE, openCliApp, runCli } from '../../cli/run-cli.js';

describe('CLI: autofactura connect paypal (#10)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let merchantId: string;
  const clientId = 'AZkEscuelaKemperSandboxClientId0001';
  const clientSecret = 'ELkEscuelaKemperSandboxSecret000001';

  before(async () => {
    ({ dataDir, env } = await cliDataDir('autofactura-connect-paypal-', 'https://facturas.example.com'));
    const created = await runCli(EKU_MERCHANT_CREATE, env);
    assert.equal(created.code, 0, created.stderr);
    merchantId = JSON.parse(created.stdout).merchant_id;
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  async function stored() {
    const { af, store } = await openCliApp(env, dataDir);
    try {
      return {
        raw: JSON.stringify(await store.merchants.get(merchantId)),
        settings: parseSettings(await af.connectionSecret(merchantId, 'paypal.settings')),
        secret: await af.connectionSecret(merchantId, 'paypal.client_secret'),
      };
    } finally {
      await store.close();
    }
  }

  it('stores the webhook id and the app credentials (secret encrypted) and prints { connection_id, webhook_url }', async () => {
    const result = await runCli(
      [
        'connect',
        'paypal',
        '--merchant',
        merchantId,
        '--webhook-id',
        '8PT597110X687430LKGECATA',
        '--client-id',
        clientId,
        '--client-secret',
        clientSecret,
        '--sandbox',
        '--verify',
        'api',
        '--json',
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      connection_id: 'paypal',
      webhook_url: `https://facturas.example.com/webhooks/paypal/${merchantId}`,
    });
    const { raw, settings, secret } = await stored();
    assert.ok(!raw.includes(clientSecret), 'the secret is not stored in the clear');
    assert.deepEqual(settings, {
      webhookId: '8PT597110X687430LKGECATA',
      environment: 'sandbox',
      verification: 'api',
      clientId,
    });
    assert.equal(secret, clientSecret);
  });

  it('connecting again with only the webhook id drops the old credentials (offline verification, live)', async () => {
    const result = await runCli(
      ['connect', 'paypal', '--merchant', merchantId, '--webhook-id', '8PT597110X687430LKGECATB'],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /PayPal conectado al comercio/);
    assert.match(result.stdout, /PAYMENT\.CAPTURE\.COMPLETED, PAYMENT\.CAPTURE\.REFUNDED/);
    const { settings, secret } = await stored();
    assert.deepEqual(settings, {
      webhookId: '8PT597110X687430LKGECATB',
      environment: 'live',
      verification: 'offline',
    });
    assert.equal(secret, null);
  });

  it('says what is missing or inconsistent, in English with --lang en', async () => {
    const missing = await runCli(['connect', 'paypal', '--merchant', merchantId], env);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /--webhook-id/);
    const half = await runCli(
      [
        'connect',
        'paypal',
        '--merchant',
        merchantId,
        '--webhook-id',
        '8PT597110X687430LKGECATA',
        '--client-id',
        clientId,
        '--lang',
        'en',
      ],
      env,
    );
    assert.notEqual(half.code, 0);
    assert.equal(codedLines(half.stderr)[0]?.code, 'PAYPAL_SETTINGS_INVALID');
    assert.match(half.stderr, /--client-id and --client-secret together/);
    const api = await runCli(
      [
        'connect',
        'paypal',
        '--merchant',
        merchantId,
        '--webhook-id',
        '8PT597110X687430LKGECATA',
        '--verify',
        'api',
      ],
      env,
    );
    assert.notEqual(api.code, 0);
    assert.match(api.stderr, /--client-id/);
  });
});
