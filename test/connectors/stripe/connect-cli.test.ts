import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { cliDataDir, codedLines, EKU_MERCHANT_CREATE, openCliApp, runCli } from '../../cli/run-cli.js';

describe('CLI: autofactura connect stripe (#6)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let merchantId: string;
  const secret = 'whsec_cli_0123456789abcdefABCDEF';
  const apiKey = 'rk_test_51QpLcliRestricted0001';

  before(async () => {
    ({ dataDir, env } = await cliDataDir('autofactura-connect-', 'https://facturas.example.com'));
    const created = await runCli(EKU_MERCHANT_CREATE, env);
    assert.equal(created.code, 0, created.stderr);
    merchantId = JSON.parse(created.stdout).merchant_id;
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  async function open() {
    return openCliApp(env, dataDir);
  }

  it('stores the webhook secret and the API key encrypted, connects the account, and prints the URL and events', async () => {
    const result = await runCli(
      [
        'connect',
        'stripe',
        '--merchant',
        merchantId,
        '--webhook-secret',
        secret,
        '--account',
        'acct_1QpLcli00001',
        '--api-key',
        apiKey,
        '--payment-forms',
        'prepaid=04, oxxo=01',
        '--json',
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout);
    assert.equal(printed.webhook_url, `https://facturas.example.com/webhooks/stripe/${merchantId}`);
    assert.ok(printed.events.includes('checkout.session.completed'));
    assert.equal(printed.api_key, 'stored');
    assert.deepEqual(printed.payment_forms, { prepaid: '04', oxxo: '01' });
    const { af, store } = await open();
    try {
      const merchant = (await store.merchants.get(merchantId))!;
      const raw = JSON.stringify(merchant);
      assert.ok(!raw.includes(secret) && !raw.includes(apiKey), 'secrets are not stored in the clear');
      assert.equal(await af.connectionSecret(merchantId, 'stripe.webhook_secret'), secret);
      assert.equal(await af.connectionSecret(merchantId, 'stripe.api_key'), apiKey);
      assert.equal((await af.merchantByConnection('stripe.account', 'acct_1QpLcli00001'))?.id, merchantId);
      assert.equal(merchant.connections?.['stripe.payment_forms'], 'prepaid=04,oxxo=01');
    } finally {
      await store.close();
    }
  });

  it('explains a malformed secret, a missing option and an unknown merchant, in English with --lang en', async () => {
    const bad = await runCli(
      ['connect', 'stripe', '--merchant', merchantId, '--webhook-secret', 'sk_live_nope', '--lang', 'en'],
      env,
    );
    assert.notEqual(bad.code, 0);
    assert.equal(codedLines(bad.stderr)[0]?.code, 'CLI_USAGE');
    assert.match(bad.stderr, /starts with whsec_/);
    const forms = await runCli(
      [
        'connect',
        'stripe',
        '--merchant',
        merchantId,
        '--webhook-secret',
        secret,
        '--payment-forms',
        'debit=77',
      ],
      env,
    );
    assert.notEqual(forms.code, 0);
    assert.match(forms.stderr, /c_FormaPago/);
    const missing = await runCli(['connect', 'stripe', '--merchant', merchantId], env);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /--webhook-secret/);
    const unknown = await runCli(
      ['connect', 'stripe', '--merchant', 'mer_nadie', '--webhook-secret', secret],
      env,
    );
    assert.notEqual(unknown.code, 0);
    assert.equal(codedLines(unknown.stderr)[0]?.code, 'MERCHANT_NOT_FOUND');
  });

  it('prints readable lines in Spanish by default', async () => {
    const result = await runCli(
      ['connect', 'stripe', '--merchant', merchantId, '--webhook-secret', secret],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Stripe conectado al comercio/);
    assert.match(result.stdout, /URL del endpoint: https:\/\/facturas\.example\.com\/webhooks\/stripe\//);
  });
});
