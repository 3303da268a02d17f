import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../core/src/store/open.js';
import { codedLines, EKU_MERCHANT_CREATE, runCli } from '../../cli/run-cli.js';
import { type FakeStripe, fakeStripe } from './fake-stripe.js';

const SAMPLES = new URL('../../../connectors/stripe/samples/', import.meta.url);
const sample = async (name: string) => JSON.parse(await readFile(new URL(`${name}.json`, SAMPLES), 'utf8'));

describe('CLI: autofactura stripe sync against a local fake Stripe (#6)', () => {
  let stripe: FakeStripe;
  let dataDir: string;
  let env: Record<string, string>;
  let merchantId: string;
  const apiKey = 'rk_test_51QpLsyncKey000001';

  before(async () => {
    stripe = await fakeStripe();
    dataDir = await mkdtemp(join(tmpdir(), 'autofactura-sync-'));
    env = {
      AUTOFACTURA_DATA_DIR: dataDir,
      DATABASE_URL: '',
      PAC: '',
      SMTP_URL: '',
      AUTOFACTURA_SECRET: '',
      STRIPE_API_URL: stripe.url,
    };
    const created = await runCli(EKU_MERCHANT_CREATE, env);
    assert.equal(created.code, 0, created.stderr);
    merchantId = JSON.parse(created.stdout).merchant_id;
    const connected = await runCli(
      [
        'connect',
        'stripe',
        '--merchant',
        merchantId,
        '--webhook-secret',
        'whsec_sync_0123456789abcdef',
        '--api-key',
        apiKey,
      ],
      env,
    );
    assert.equal(connected.code, 0, connected.stderr);
  });
  after(async () => {
    await stripe.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function payments() {
    const store = await openStore({ env, dataDir });
    try {
      return (await store.payments.list(merchantId, { limit: 1000 })).items;
    } finally {
      await store.close();
    }
  }

  it('records what the webhooks missed since a date, oldest first, and a second run duplicates nothing', async () => {
    const charge = await sample('charge.succeeded.spei');
    const refund = await sample('refund.updated');
    const session = await sample('checkout.session.completed.paid-rfc');
    const old = await sample('charge.succeeded.card-debit');
    old.created = charge.created - 40 * 86400; // before --since
    // The refund is newer than its charge: replayed oldest first, it finds its payment.
    refund.created = charge.created + 10;
    stripe.events.push(refund, charge, session, old, await sample('customer.created.ignored'));
    const since = new Date((charge.created - 86400) * 1000).toISOString().slice(0, 10);

    const first = await runCli(['stripe', 'sync', '--merchant', merchantId, '--since', since, '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    const report = JSON.parse(first.stdout);
    assert.equal(report.listed, 3, 'the types it uses, since the date');
    assert.deepEqual(report.outcomes, { recorded: 2, refund_recorded: 1 });
    const list = stripe.requests.find((r) => r.path === '/v1/events')!;
    assert.equal(list.apiKey, apiKey);
    assert.equal(list.query.get('created[gte]'), String(Date.parse(since) / 1000));
    const recorded = await payments();
    assert.deepEqual(recorded.map((p) => p.externalId).sort(), ['pi_3QpLcheckout001', 'pi_3QpLspei000001']);
    assert.deepEqual(
      recorded.find((p) => p.externalId === 'pi_3QpLspei000001')!.refunds.map((r) => r.amount),
      ['800.00'],
    );

    const again = await runCli(['stripe', 'sync', '--merchant', merchantId, '--since', since, '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout).outcomes, { duplicate: 2, refund_recorded: 1 });
    assert.equal((await payments()).length, 2);
  });

  it('says what is missing: a date, or an API key', async () => {
    const noDate = await runCli(['stripe', 'sync', '--merchant', merchantId, '--lang', 'en'], env);
    assert.notEqual(noDate.code, 0);
    assert.match(noDate.stderr, /--since DATE/);
    const unknown = await runCli(['stripe', 'sync', '--merchant', 'mer_nadie', '--since', '2026-11-01'], env);
    assert.notEqual(unknown.code, 0);
    assert.equal(codedLines(unknown.stderr)[0]?.code, 'STRIPE_API_KEY_MISSING');
  });
});
