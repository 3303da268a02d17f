/**
 * The Stripe App's views (connectors/stripe/app, its own package with the UI extension SDK and Jest)
 * run against this repository's real server: this runner starts it on 127.0.0.1, links a Stripe account
 * to a merchant, records the payments the views show, then runs the app's typecheck and Jest suite.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CARLOS } from '../../core/automation/harness.js';
import { APP_SECRET, type StripeAppHarness, stripeAppHarness } from './harness.js';

const APP_DIR = join(import.meta.dirname, '../../../connectors/stripe/app');
const LINKED = 'acct_1UiKemper';

function run(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: APP_DIR, env: { ...process.env, ...env, CI: 'true' } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

describe('Stripe App views against the real backend (Jest in connectors/stripe/app) (#6)', function () {
  // A cold Jest run compiles the SDK with ts-jest: allow for a busy two-core machine.
  this.timeout(240_000);
  let h: StripeAppHarness;
  before(async () => {
    assert.ok(
      existsSync(join(APP_DIR, 'node_modules/.bin/jest')),
      'The Stripe App has its own dependencies: run `npm ci --prefix connectors/stripe/app` (.ci/run does).',
    );
    h = await stripeAppHarness();
    const linked = await h.post(
      '/link',
      { user_id: 'usr_UiTester1', account_id: LINKED },
      { api_key: h.keys.a },
    );
    assert.equal(linked.status, 200);
    const record = (externalId: string, customer: Record<string, string>) =>
      h.af.recordPayment(
        h.merchantIds.a,
        { source: 'stripe', externalId, amount: '1160.00', method: 'card_credit', customer },
        { wait: true },
      );
    await record('pi_3UiInvoiced', { email: 'carlos@example.com', externalId: 'cus_UiCarlos', ...CARLOS });
    await record('pi_3UiCancel', { email: 'carlos@example.com', externalId: 'cus_UiCarlos', ...CARLOS });
    await record('pi_3UiReceipt', { email: 'ana@example.com', externalId: 'cus_UiAna' });
    await h.af.workJobs();
  });
  after(() => h?.close());

  it('typechecks the app (strict, JSX)', async () => {
    const { code, output } = await run(
      join(APP_DIR, 'node_modules/.bin/tsc'),
      ['-p', 'tsconfig.json', '--noEmit'],
      {},
    );
    assert.equal(code, 0, output);
  });

  it("passes the views' tests: payment, customer and settings", async () => {
    const fixture = {
      url: h.url,
      secret: APP_SECRET,
      apiKey: h.keys.a,
      linkedAccount: LINKED,
      strangerAccount: 'acct_1UiNadie',
      payments: { invoiced: 'pi_3UiInvoiced', receipt: 'pi_3UiReceipt', cancel: 'pi_3UiCancel' },
      customers: { known: 'cus_UiCarlos', unknown: 'cus_UiBerenice' },
    };
    const { code, output } = await run(join(APP_DIR, 'node_modules/.bin/jest'), ['--runInBand', '--ci'], {
      AUTOFACTURA_STRIPE_APP_FIXTURE: JSON.stringify(fixture),
    });
    assert.equal(code, 0, output);
    assert.match(output, /Tests:\s+\d+ passed, \d+ total/);
  });
});
