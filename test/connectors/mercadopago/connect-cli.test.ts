import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { cliDataDir, codedLines, EKU_MERCHANT_CREATE, openCliApp, runCli } from '../../cli/run-cli.js';

describe('CLI: autofactura connect mercadopago (#10)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let merchantId: string;
  const secret = 'a1B2c3D4e5F6g7H8i9J0kLmNoPqRsT';
  const token = 'APP_USR-1188183100-112016-0f3c1a2b3c4d5e6f7a8b9c0d1e2f3a4b-1188183100';

  before(async () => {
    ({ dataDir, env } = await cliDataDir('autofactura-connect-mp-', 'https://facturas.example.com/'));
    const created = await runCli(EKU_MERCHANT_CREATE, env);
    assert.equal(created.code, 0, created.stderr);
    merchantId = JSON.parse(created.stdout).merchant_id;
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('stores the secret and the access token encrypted and prints { connection_id, webhook_url }', async () => {
    const result = await runCli(
      [
        'connect',
        'mercadopago',
        '--merchant',
        merchantId,
        '--secret',
        secret,
        '--access-token',
        token,
        '--json',
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      connection_id: 'mercadopago',
      webhook_url: `https://facturas.example.com/webhooks/mercadopago/${merchantId}`,
    });
    const { af, store } = await openCliApp(env, dataDir);
    try {
      const raw = JSON.stringify(await store.merchants.get(merchantId));
      assert.ok(!raw.includes(secret) && !raw.includes(token), 'nothing stored in the clear');
      assert.equal(await af.connectionSecret(merchantId, 'mercadopago.webhook_secret'), secret);
      assert.equal(await af.connectionSecret(merchantId, 'mercadopago.access_token'), token);
    } finally {
      await store.close();
    }
  });

  it('says what is missing or malformed, in English with --lang en; an unknown merchant is named', async () => {
    const missing = await runCli(
      ['connect', 'mercadopago', '--merchant', merchantId, '--secret', secret],
      env,
    );
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /--access-token/);
    const bad = await runCli(
      [
        'connect',
        'mercadopago',
        '--merchant',
        merchantId,
        '--secret',
        secret,
        '--access-token',
        'sk_live_x',
        '--lang',
        'en',
      ],
      env,
    );
    assert.notEqual(bad.code, 0);
    assert.equal(codedLines(bad.stderr)[0]?.code, 'MERCADOPAGO_SETTINGS_INVALID');
    assert.match(bad.stderr, /starts with APP_USR-/);
    const unknown = await runCli(
      ['connect', 'mercadopago', '--merchant', 'mer_nadie', '--secret', secret, '--access-token', token],
      env,
    );
    assert.notEqual(unknown.code, 0);
    assert.equal(codedLines(unknown.stderr)[0]?.code, 'MERCHANT_NOT_FOUND');
  });

  it('prints readable lines in Spanish by default', async () => {
    const result = await runCli(
      ['connect', 'mercadopago', '--merchant', merchantId, '--secret', secret, '--access-token', token],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Mercado Pago conectado al comercio/);
    assert.match(result.stdout, /URL de Webhooks: https:\/\/facturas\.example\.com\/webhooks\/mercadopago\//);
  });
});
