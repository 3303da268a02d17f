import assert from 'node:assert/strict';
import { type ApiHarness, apiHarness, CARLOS } from './api-harness.js';

describe('REST API /v1 (real server on 127.0.0.1)', () => {
  let h: ApiHarness;
  before(async () => {
    h = await apiHarness();
  });
  after(async () => {
    await h.close();
  });

  const pay = (key: string, body: unknown, headers: Record<string, string> = {}) =>
    h.call('POST', '/v1/payments', { body, headers: { 'idempotency-key': key, ...headers } });

  it('answers /health with 200 ok', async () => {
    const res = await h.call('GET', '/health', { key: null });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { status: 'ok' });
  });

  it('refuses a missing or wrong API key with 401 in the error format, es-MX and English', async () => {
    const missing = await h.call('GET', '/v1/me', { key: null });
    assert.equal(missing.status, 401);
    assert.equal(missing.json.error.type, 'authentication_error');
    assert.equal(missing.json.error.code, 'API_KEY_MISSING');
    assert.match(missing.json.error.message, /Falta la llave API/);
    const wrong = await h.call('GET', '/v1/me', {
      key: 'af_test_nope',
      headers: { 'accept-language': 'en' },
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error.code, 'API_KEY_INVALID');
    assert.match(wrong.json.error.message, /not valid/);
  });

  it('GET /v1/me names the merchant and the key mode', async () => {
    const test = await h.call('GET', '/v1/me');
    assert.equal(test.status, 200);
    assert.deepEqual(
      { id: test.json.id, rfc: test.json.rfc, trade_name: test.json.trade_name, mode: test.json.mode },
      { id: h.merchantIds.a, rfc: 'EKU9003173C9', trade_name: 'Escuela Kemper', mode: 'test' },
    );
    assert.equal((await h.call('GET', '/v1/me', { key: h.keys.aLive })).json.mode, 'live');
  });

  it('invoices a payment with fiscal data at once; its XML verifies and its PDF is a PDF', async () => {
    const res = await pay('order-1', { amount: '1160.00', method: 'card_credit', customer: CARLOS });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.equal(res.json.status, 'invoiced');
    assert.match(res.json.invoice.uuid, /^[0-9A-F-]{36}$/);
    assert.equal(res.json.invoice.status, 'stamped');
    assert.equal(res.json.external_id, 'order-1');

    const xml = await h.call('GET', `/v1/invoices/${res.json.invoice.id}/xml`);
    assert.equal(xml.status, 200);
    assert.match(xml.headers.get('content-type') ?? '', /^application\/xml/);
    const verdict = h.verify(xml.bytes);
    assert.ok(verdict.ok, JSON.stringify(verdict.problems));
    assert.equal(verdict.tfd?.selloSat, 'valid');

    const pdf = await h.call('GET', `/v1/invoices/${res.json.invoice.id}/pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');

    const invoice = await h.call('GET', `/v1/invoices/${res.json.invoice.id}`);
    assert.equal(invoice.json.uuid, res.json.invoice.uuid);
    assert.equal(invoice.json.receiver_rfc, CARLOS.rfc);
    assert.equal(invoice.json.merchant_id, undefined);
    const byPayment = await h.call('GET', `/v1/invoices?payment_id=${res.json.id}`);
    assert.deepEqual(
      byPayment.json.data.map((i: { id: string }) => i.id),
      [res.json.invoice.id],
    );

    const payment = await h.call('GET', `/v1/payments/${res.json.id}`);
    assert.equal(payment.json.status, 'invoiced');
    assert.equal(payment.json.customer.tax_regime, '612');
    assert.ok(payment.json.events.some((e: { type: string }) => e.type === 'payment.received'));
  });

  it('opens a receipt with a portal link when the customer gave no fiscal data', async () => {
    const res = await pay('order-2', { amount: '250.00', customer: { email: 'ana@example.com' } });
    assert.equal(res.status, 201);
    assert.equal(res.json.status, 'awaiting_customer');
    // The merchant's portal slug, then a 256-bit token (43 base64url characters).
    assert.match(res.json.receipt.url, /^http:\/\/127\.0\.0\.1\/[a-z0-9-]+\/r\/[A-Za-z0-9_-]{43}$/);
    assert.ok(Date.parse(res.json.receipt.expires_at) > Date.now());
    assert.equal(res.json.invoice, undefined);
  });

  it('replays the first answer for the same key and body, and refuses another body with 409', async () => {
    const body = { amount: '99.00', customer: { email: 'replay@example.com' }, metadata: { a: '1' } };
    const first = await pay('replay-1', body);
    assert.equal(first.status, 201);
    const again = await pay('replay-1', {
      metadata: { a: '1' },
      customer: { email: 'replay@example.com' },
      amount: '99.00',
    });
    assert.equal(again.status, 201);
    assert.deepEqual(again.json, first.json);
    const conflict = await pay('replay-1', { ...body, amount: '100.00' });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json.error.code, 'IDEMPOTENCY_CONFLICT');
    assert.equal(conflict.json.error.type, 'idempotency_error');
  });

  it('records one payment for 20 concurrent identical requests', async () => {
    const body = { amount: '50.00', customer: { email: 'rush@example.com' } };
    const answers = await Promise.all(Array.from({ length: 20 }, () => pay('rush-1', body)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
    assert.equal(new Set(answers.map((a) => a.json.id)).size, 1);
    const found = await h.store.payments.findByExternalId(h.merchantIds.a, 'api_test', 'rush-1');
    assert.equal(found?.id, answers[0]!.json.id);
  });

  it('keeps test and live keys apart: same Idempotency-Key, two payments; test invoices in their own series', async () => {
    const body = {
      amount: '116.00',
      customer: {
        email: 'modes@example.com',
        rfc: 'COSC8001137NA',
        name: 'CARLOS CORTES SOTO',
        tax_regime: '612',
        zip: '52000',
        cfdi_use: 'G03',
      },
    };
    const test = await h.call('POST', '/v1/payments', { body, headers: { 'idempotency-key': 'both-modes' } });
    const live = await h.call('POST', '/v1/payments', {
      body,
      key: h.keys.aLive,
      headers: { 'idempotency-key': 'both-modes' },
    });
    assert.equal(test.status, 201);
    assert.equal(live.status, 201, 'not a replay of the test payment');
    assert.notEqual(live.json.id, test.json.id);
    assert.deepEqual([test.json.mode, live.json.mode], ['test', 'live']);
    const testInvoice = await h.call('GET', `/v1/invoices/${test.json.invoice.id}`);
    const liveInvoice = await h.call('GET', `/v1/invoices/${live.json.invoice.id}`, { key: h.keys.aLive });
    assert.equal(testInvoice.json.mode, 'test');
    assert.equal(testInvoice.json.series, 'A-PRUEBA');
    assert.equal(liveInvoice.json.mode, 'live');
    assert.equal(liveInvoice.json.series, 'A');
    const xml = await h.call('GET', `/v1/invoices/${test.json.invoice.id}/xml`);
    assert.match(xml.bytes.toString('utf8'), /Serie="A-PRUEBA"/);
  });

  it('requires an Idempotency-Key and JSON', async () => {
    const noKey = await h.call('POST', '/v1/payments', { body: { amount: '1.00' } });
    assert.equal(noKey.status, 400);
    assert.equal(noKey.json.error.code, 'IDEMPOTENCY_KEY_REQUIRED');
    const form = await h.call('POST', '/v1/payments', {
      body: 'amount=1',
      headers: { 'idempotency-key': 'form-1', 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 415);
    const broken = await pay('broken-1', '{"amount": ');
    assert.equal(broken.status, 400);
    assert.equal(broken.json.error.code, 'INVALID_JSON');
    const huge = await pay('huge-1', { amount: '1.00', metadata: { x: 'a'.repeat(1_100_000) } });
    assert.equal(huge.status, 413);
  });

  it('answers bad values with the field in snake_case, es-MX by default and English on request', async () => {
    const es = await pay('bad-1', { amount: 'mil', paid_at: 'ayer' });
    assert.equal(es.status, 400);
    assert.equal(es.json.error.code, 'PAYMENT_INVALID_AMOUNT');
    assert.equal(es.json.error.param, 'amount');
    assert.match(es.json.error.message, /importe decimal/);
    assert.ok(es.json.error.details.some((d: { param: string }) => d.param === 'paid_at'));
    const en = await pay('bad-2', { amount: 'mil' }, { 'accept-language': 'en-US,en;q=0.9' });
    assert.match(en.json.error.message, /positive decimal string/);

    const items = [
      { product_key: '01010101', unit_key: 'H87', description: 'Curso', quantity: '1', unit_price: '100.00' },
    ];
    const mismatch = await pay('bad-3', { amount: '500.00', items, customer: CARLOS });
    assert.equal(mismatch.status, 422, JSON.stringify(mismatch.json));
    assert.equal(mismatch.json.error.code, 'PAYMENT_ITEMS_TOTAL_MISMATCH');
    assert.equal(mismatch.json.error.param, 'items');
    const mismatchEn = await pay(
      'bad-4',
      { amount: '500.00', items, customer: CARLOS },
      { 'accept-language': 'en' },
    );
    assert.match(mismatchEn.json.error.message, /The items add up to/);
    assert.equal(await h.store.payments.findByExternalId(h.merchantIds.a, 'api', 'bad-3'), null);
  });

  it("refuses another merchant's payments and invoices with 404", async () => {
    const mine = await pay('tenant-1', { amount: '1160.00', customer: CARLOS });
    const other = { key: h.keys.b };
    for (const path of [
      `/v1/payments/${mine.json.id}`,
      `/v1/invoices/${mine.json.invoice.id}`,
      `/v1/invoices/${mine.json.invoice.id}/xml`,
      `/v1/invoices/${mine.json.invoice.id}/pdf`,
    ]) {
      const res = await h.call('GET', path, other);
      assert.equal(res.status, 404, path);
      assert.equal(res.json.error.type, 'invalid_request_error');
    }
    const list = await h.call('GET', `/v1/invoices?payment_id=${mine.json.id}`, other);
    assert.deepEqual(list.json.data, []);
  });

  it('lists payments in cursor pages, filtered by status', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await h.call('GET', `/v1/payments?limit=2${query}`);
      assert.equal(page.status, 200);
      assert.ok(page.json.data.length <= 2);
      seen.push(...page.json.data.map((p: { id: string }) => p.id));
      cursor = page.json.next_cursor;
    } while (cursor);
    const total = await h.store.payments.count(h.merchantIds.a);
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total);
    const invoiced = await h.call('GET', '/v1/payments?status=invoiced&limit=100');
    assert.ok(invoiced.json.data.length >= 2);
    assert.ok(invoiced.json.data.every((p: { status: string }) => p.status === 'invoiced'));
    const bad = await h.call('GET', '/v1/payments?limit=500');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.param, 'limit');
    const otherMerchant = await h.call('GET', '/v1/payments', { key: h.keys.b });
    assert.deepEqual(otherMerchant.json.data, []);
  });
});
