/**
 * The generic signed webhook (#10) through a real server on 127.0.0.1: deliveries signed with the
 * `standardwebhooks` reference library, read through a mapping that exercises every field, recorded once,
 * invoiced and credited; refusals store nothing; a wrong mapping says what to fix in the delivery log.
 */
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { connectGeneric } from '../../../connectors/generic/src/connect.js';
import { createAutofactura } from '../../../core/src/automation/index.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { createMailer } from '../../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../../core/src/pac/sandbox/index.js';
import type { Store } from '../../../core/src/store/types.js';
import { createServer as createApp } from '../../../portal/src/app.js';
import { cliDataDir, EKU_MERCHANT_CREATE, runCli } from '../../cli/run-cli.js';
import { testSecretBox } from '../../core/automation/harness.js';
import { openTestStore } from '../../core/automation/test-store.js';
import { assertXsdValid, readCfdi } from '../../core/global/global-harness.js';
import { ekuMerchant, listeningServer, sandboxVerifier } from '../../support/test-server.js';

const SAMPLES = new URL('../../../connectors/generic/samples/', import.meta.url);
const sample = async (name: string) => JSON.parse(await readFile(new URL(name, SAMPLES), 'utf8'));

describe('connectors/generic: any signed webhook mapped to payments (#10)', function () {
  this.timeout(120_000);
  let dir: string;
  let store: Store;
  let af: Autofactura;
  let url: string;
  let close: () => Promise<void>;
  let verify: ReturnType<typeof sandboxVerifier>;
  const ids = { a: '', b: '' };
  let secret = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'autofactura-generic-'));
    store = await openTestStore(join(dir, 'data'));
    af = createAutofactura({
      store,
      pac: createSandboxPac({ dataDir: join(dir, 'pac') }),
      mailer: createMailer({ outboxDir: join(dir, 'outbox') }),
      secrets: testSecretBox(),
      publicUrl: 'http://127.0.0.1',
    });
    verify = sandboxVerifier(join(dir, 'pac'));
    ids.a = (await ekuMerchant(af, { branding: { tradeName: 'Escuela Kemper' } })).merchant.id;
    ids.b = (await ekuMerchant(af, { branding: { tradeName: 'Otro' } })).merchant.id;
    const mappingText = await readFile(new URL('retrypay.mapping.json', SAMPLES), 'utf8');
    const connected = await connectGeneric(af, ids.a, { mappingText });
    assert.equal(connected.connectionId, 'retrypay');
    assert.ok(connected.generated);
    secret = connected.secret;
    const { server, url: base } = await listeningServer();
    server.on(
      'request',
      createApp({ af, store, logger: { info() {}, warn() {}, error() {} }, publicUrl: base }).callback(),
    );
    url = base;
    close = () => new Promise<void>((done) => server.close(() => done()));
  });
  after(async () => {
    await close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function post(
    body: unknown,
    options: {
      merchantId?: string;
      connection?: string;
      key?: string;
      at?: Date;
      id?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
    const at = options.at ?? new Date();
    const headers = options.headers ?? {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(options.key ?? secret).sign(id, at, payload),
    };
    const response = await fetch(
      `${url}/webhooks/generic/${options.merchantId ?? ids.a}/${options.connection ?? 'retrypay'}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: payload,
      },
    );
    // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON answers field by field
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  }

  const paymentCount = async (merchantId = ids.a) =>
    (await store.payments.list(merchantId, { limit: 1000 })).items.length;

  it('records a mapped payment once — every field — and invoices it, XSD-valid and verified', async () => {
    const event = await sample('retrypay.payment.succeeded.json');
    const deliveries = await Promise.all([post(event), post(event), post(event, { id: 'msg_same' })]);
    assert.deepEqual(
      deliveries.map((d) => d.status),
      [200, 200, 200],
    );
    assert.deepEqual(
      deliveries.map((d) => d.json.outcome).sort(),
      ['accepted', 'duplicate', 'duplicate'],
      'concurrent redeliveries: one payment',
    );
    const payment = (await store.payments.findByExternalId(ids.a, 'retrypay', 'rp_pay_8HxQ2mV4'))!;
    assert.equal(payment.amount, '1160.00', '116000 centavos');
    assert.equal(payment.currency, 'MXN');
    assert.equal(payment.paidAt, '2026-11-28T18:40:09.000Z');
    assert.equal(payment.method, 'card_debit');
    assert.equal(payment.paymentForm, '28');
    assert.deepEqual(payment.metadata, {
      order: 'ORD-2026-1001',
      processor: 'conekta',
      description: 'Colegiatura noviembre',
    });
    assert.equal(payment.customerInput.email, 'carlos@example.com');
    assert.equal(payment.customerInput.externalId, 'rp_cus_31');
    await af.workJobs();
    const invoiced = (await store.payments.get(ids.a, payment.id))!;
    assert.equal(invoiced.status, 'invoiced');
    const invoice = (await store.invoices.get(ids.a, invoiced.invoiceId!))!;
    const xml = (await af.invoiceXml(ids.a, invoice.id))!;
    await assertXsdValid([xml]);
    assert.ok(verify(xml).ok);
    const cfdi = readCfdi(xml.toString());
    assert.equal(cfdi.receptor('Rfc'), 'COSC8001137NA');
    assert.equal(cfdi.receptor('RegimenFiscalReceptor'), '612');
    assert.equal(cfdi.receptor('UsoCFDI'), 'G03');
    assert.equal(cfdi.attrs('FormaPago'), '28');
    assert.equal(cfdi.attrs('Total'), '1160.00');
    assert.equal(await paymentCount(), 1);

    const refund = await post(await sample('retrypay.refund.succeeded.json'));
    assert.equal(refund.status, 200);
    assert.equal(refund.json.outcome, 'accepted');
    await af.workJobs();
    const refunded = (await store.payments.get(ids.a, payment.id))!;
    assert.equal(refunded.refunds[0]!.amount, '580.00');
    assert.equal(refunded.refunds[0]!.outcome, 'credit_note');
  });

  it('ignores events the mapping does not cover and payments not yet paid', async () => {
    const pending = await sample('retrypay.payment.succeeded.json');
    pending.data.id = 'rp_pay_pending';
    pending.data.status = 'requires_action';
    const other = { type: 'customer.updated', data: { id: 'x' } };
    const [a, b] = [await post(pending), await post(other)];
    assert.equal(a.json.outcome, 'ignored');
    assert.match(a.json.reason, /no pagado/);
    assert.equal(b.json.outcome, 'ignored');
    assert.equal(await store.payments.findByExternalId(ids.a, 'retrypay', 'rp_pay_pending'), null);
  });

  it('refuses bad signatures, stale timestamps, unknown merchants or connections and malformed bodies, storing nothing', async () => {
    const event = await sample('retrypay.payment.succeeded.json');
    event.data.id = 'rp_pay_refused';
    const before = await paymentCount();
    const wrongKey = await post(event, {
      key: `whsec_${Buffer.from('another secret 1234567890').toString('base64')}`,
    });
    assert.equal(wrongKey.status, 401);
    assert.equal(wrongKey.json.error.code, 'GENERIC_SIGNATURE_INVALID');
    const stale = await post(event, { at: new Date(Date.now() - 10 * 60_000) });
    assert.equal(stale.json.error.code, 'GENERIC_TIMESTAMP_STALE');
    const unsigned = await post(event, { headers: {} });
    assert.equal(unsigned.json.error.code, 'GENERIC_SIGNATURE_INVALID');
    assert.match(unsigned.json.error.message, /Faltan los encabezados/);
    const tampered = JSON.stringify(event);
    const id = 'msg_t';
    const now = new Date();
    const signature = new Webhook(secret).sign(id, now, tampered);
    const altered = await post(tampered.replace('116000', '1'), {
      headers: {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
    });
    assert.equal(altered.json.error.code, 'GENERIC_SIGNATURE_INVALID');
    assert.equal((await post(event, { merchantId: 'mer_nobody' })).status, 404);
    assert.equal((await post(event, { merchantId: ids.b })).json.error.code, 'GENERIC_NOT_CONNECTED');
    assert.equal((await post(event, { connection: 'otra' })).status, 404);
    const malformed = await post('{"type": "payment.succeeded", ', {});
    assert.equal(malformed.json.error.code, 'GENERIC_MALFORMED_BODY');
    assert.equal(await paymentCount(), before);
    assert.equal(await paymentCount(ids.b), 0);
  });

  it('a wrong mapping says what to fix in the delivery log, and the dashboard list shows each delivery', async () => {
    const mapping = JSON.parse(await readFile(new URL('retrypay.mapping.json', SAMPLES), 'utf8'));
    mapping.amount = '/data/total';
    const wrong = await connectGeneric(af, ids.a, { id: 'tienda', mappingText: JSON.stringify(mapping) });
    const event = await sample('retrypay.payment.succeeded.json');
    event.data.id = 'rp_pay_wrong_mapping';
    const answer = await post(event, { connection: 'tienda', key: wrong.secret });
    assert.equal(answer.status, 422);
    assert.equal(answer.json.error.code, 'GENERIC_MAPPING_MISSING');
    const [last] = await af.listDeliveries(ids.a, 'generic', { connectionId: 'tienda' });
    assert.equal(last!.outcome, 'rejected');
    assert.equal(last!.code, 'GENERIC_MAPPING_MISSING');
    assert.match(last!.message!, /no trae "\/data\/total" \(el campo "amount" del mapeo\)/);
    assert.match(last!.messageEn!, /has no "\/data\/total"/);
    assert.equal(await store.payments.findByExternalId(ids.a, 'retrypay', 'rp_pay_wrong_mapping'), null);

    const log = await af.listDeliveries(ids.a, 'generic', { connectionId: 'retrypay' });
    assert.ok(
      log.some((d) => d.outcome === 'accepted' && d.eventType === 'payment.succeeded' && d.paymentId),
    );
    assert.ok(log.some((d) => d.outcome === 'rejected' && d.code === 'GENERIC_TIMESTAMP_STALE'));
    assert.ok(
      log.every((d, i) => i === 0 || d.at <= log[i - 1]!.at),
      'newest first',
    );
  });

  it('refuses a mapping with errors before storing it, and connects from the CLI', async () => {
    await assert.rejects(
      connectGeneric(af, ids.b, {
        mappingText: JSON.stringify({ amount: 'data/amount', external_id: '/id' }),
      }),
      (error: { code: string; message: string }) => {
        assert.equal(error.code, 'GENERIC_MAPPING_INVALID');
        assert.match(error.message, /amount: un JSON pointer/);
        return true;
      },
    );
    assert.equal(await af.connectionValue(ids.b, 'generic.generic'), null);

    const { dataDir, env } = await cliDataDir('autofactura-generic-cli-', 'https://facturas.example.com');
    try {
      const created = await runCli(EKU_MERCHANT_CREATE, env);
      const merchantId = JSON.parse(created.stdout).merchant_id;
      const mappingFile = join(dataDir, 'mapping.json');
      await writeFile(mappingFile, await readFile(new URL('retrypay.mapping.json', SAMPLES)));
      const result = await runCli(
        ['connect', 'generic', '--merchant', merchantId, '--mapping', mappingFile, '--json'],
        env,
      );
      assert.equal(result.code, 0, result.stderr);
      const printed = JSON.parse(result.stdout);
      assert.equal(printed.connection_id, 'retrypay');
      assert.equal(
        printed.webhook_url,
        `https://facturas.example.com/webhooks/generic/${merchantId}/retrypay`,
      );
      assert.match(printed.secret, /^whsec_/);
      const bad = await runCli(
        ['connect', 'generic', '--merchant', merchantId, '--mapping', mappingFile, '--secret', 'short'],
        env,
      );
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /^GENERIC_SECRET_INVALID /);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
