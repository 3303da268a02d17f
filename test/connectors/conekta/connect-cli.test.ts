import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliDataDir, codedLines, EKU_MERCHANT_CREATE, openCliApp, runCli } from '../../cli/run-cli.js';

describe('CLI: autofactura connect conekta (#10)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let merchantId: string;
  let keyFile: string;
  const { publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

  before(async () => {
    ({ dataDir, env } = await cliDataDir('autofactura-connect-conekta-', 'https://facturas.example.com/'));
    const created = await runCli(EKU_MERCHANT_CREATE, env);
    assert.equal(created.code, 0, created.stderr);
    merchantId = JSON.parse(created.stdout).merchant_id;
    keyFile = join(dataDir, 'conekta-webhook-key.pem');
    await writeFile(keyFile, publicKey);
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('stores the webhook public key and prints { connection_id, webhook_url } with --json', async () => {
    const result = await runCli(
      ['connect', 'conekta', '--merchant', merchantId, '--public-key', keyFile, '--json'],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      connection_id: 'conekta',
      webhook_url: `https://facturas.example.com/webhooks/conekta/${merchantId}`,
    });
    const { af, store } = await openCliApp(env, dataDir);
    try {
      assert.equal(
        (await af.connectionSecret(merchantId, 'conekta.webhook_public_key'))?.trim(),
        publicKey.trim(),
      );
    } finally {
      await store.close();
    }
  });

  it('prints the URL and the events to subscribe, in English with --lang en', async () => {
    const result = await runCli(
      ['--lang', 'en', 'connect', 'conekta', '--merchant', merchantId, '--public-key', keyFile],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Webhook URL: https:\/\/facturas\.example\.com\/webhooks\/conekta\//);
    assert.match(
      result.stdout,
      /order\.paid, order\.refunded, order\.partially_refunded, order\.charged_back/,
    );
  });

  it('refuses a file that is not an RSA public key, and missing options, saying what to give', async () => {
    const bad = join(dataDir, 'not-a-key.pem');
    await writeFile(bad, '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n');
    const wrong = await runCli(['connect', 'conekta', '--merchant', merchantId, '--public-key', bad], env);
    assert.equal(wrong.code, 1);
    const [line] = codedLines(wrong.stderr);
    assert.equal(line?.code, 'CONEKTA_SETTINGS_INVALID');
    assert.match(line?.message ?? '', /llave pública debe ser el PEM RSA/);
    const missing = await runCli(['connect', 'conekta', '--merchant', merchantId], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /--public-key/);
  });
});
