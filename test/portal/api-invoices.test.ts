import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ApiHarness, apiHarness, CARLOS } from './api-harness.js';

const { email: _email, ...CARLOS_FISCAL } = CARLOS;

/** An invoice request of docs/invoice-request.md, without issuer (the merchant of the key). */
function request(total: string, extra: Record<string, unknown> = {}) {
  return {
    customer: { ...CARLOS_FISCAL, email: 'carlos@example.com' },
    payment_form: '03',
    items: [
      {
        product_key: '86121700',
        unit_key: 'E48',
        description: 'Colegiatura',
        quantity: '1',
        unit_price: total,
        tax_included: true,
        taxes: [{ type: 'IVA', rate: '0.16' }],
      },
    ],
    ...extra,
  };
}

async function outbox(h: ApiHarness): Promise<string[]> {
  const files = await readdir(h.outboxDir).catch(() => [] as string[]);
  return Promise.all(files.sort().map((f) => readFile(join(h.outboxDir, f), 'utf8')));
}

describe('REST API /v1/invoices: issue, cancel, email (real server)', () => {
  let h: ApiHarness;
  before(async () => {
    h = await apiHarness();
  });
  after(async () => {
    await h.close();
  });

  const issue = (body: unknown, headers: Record<string, string> = {}, key?: string) =>
    h.call('POST', '/v1/invoices', { body, headers, ...(key ? { key } : {}) });

  it('issues a CFDI from an invoice request with the merchant as issuer; its XML verifies', async () => {
    const res = await issue(request('1160.00'));
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.equal(res.json.status, 'stamped');
    assert.equal(res.json.kind, 'invoice');
    assert.equal(res.json.total, '1160.00');
    assert.equal(res.json.receiver_rfc, CARLOS.rfc);
    assert.deepEqual(res.json.payment_ids, []);
    const xml = await h.call('GET', `/v1/invoices/${res.json.id}/xml`);
    const verdict = h.verify(xml.bytes);
    assert.ok(verdict.ok, JSON.stringify(verdict.problems));
    assert.match(xml.bytes.toString(), /Rfc="EKU9003173C9"/);
    const customers = await h.call('GET', `/v1/customers?rfc=${CARLOS.rfc}`);
    assert.equal(customers.json.data[0].fiscal.tax_regime, '612');
  });

  it('replays POST /v1/invoices for the same Idempotency-Key and body; 409 for another body', async () => {
    const first = await issue(request('580.00'), { 'idempotency-key': 'inv-key-1' });
    assert.equal(first.status, 201);
    const again = await issue(request('580.00'), { 'idempotency-key': 'inv-key-1' });
    assert.deepEqual(again.json, first.json);
    const conflict = await issue(request('581.00'), { 'idempotency-key': 'inv-key-1' });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json.error.code, 'IDEMPOTENCY_CONFLICT');
    const folios = await h.store.invoices.list(h.merchantIds.a, { limit: 100 });
    assert.equal(folios.items.filter((i) => i.total === '580.00').length, 1);
    const concurrent = await Promise.all(
      Array.from({ length: 8 }, () => issue(request('590.00'), { 'idempotency-key': 'inv-key-2' })),
    );
    assert.equal(new Set(concurrent.map((r) => r.json.id)).size, 1);
  });

  it('refuses a wrong request with the field in snake_case, and spends no folio', async () => {
    const before = await h.store.invoices.count(h.merchantIds.a);
    const bad = await issue(request('100.00', { items: [{ ...request('1').items[0], unit_price: '-5' }] }));
    assert.equal(bad.status, 400, JSON.stringify(bad.json));
    assert.equal(bad.json.error.param, 'items[0].unit_price');
    const issuer = await issue({ ...request('100.00'), issuer: { rfc: 'AAA010101AAA' } });
    assert.equal(issuer.status, 400);
    assert.equal(issuer.json.error.param, 'issuer');
    const uso = await issue(request('100.00', { customer: { ...CARLOS_FISCAL, cfdi_use: 'CN01' } }), {
      'accept-language': 'en',
    });
    assert.equal(uso.status, 422, JSON.stringify(uso.json));
    assert.equal(uso.json.error.code, 'CFDI40161');
    assert.match(uso.json.error.message, /[Rr]egime/);
    assert.equal(await h.store.invoices.count(h.merchantIds.a), before);
  });

  it('cancels a small invoice at once (no acceptance needed) and refuses cancelling it twice differently', async () => {
    const inv = (await issue(request('116.00'))).json;
    const badMotive = await h.call('POST', `/v1/invoices/${inv.id}/cancel`, { body: { motive: '05' } });
    assert.equal(badMotive.status, 400);
    assert.equal(badMotive.json.error.param, 'motive');
    const noReplacement = await h.call('POST', `/v1/invoices/${inv.id}/cancel`, { body: { motive: '01' } });
    assert.equal(noReplacement.json.error.param, 'replacement_uuid');
    const res = await h.call('POST', `/v1/invoices/${inv.id}/cancel`, { body: { motive: '02' } });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.equal(res.json.status, 'cancelled');
    assert.equal(res.json.cancellation.status, 'Cancelado sin aceptación');
    assert.deepEqual(
      res.json.history.map((e: { status: string }) => e.status),
      ['sealed', 'stamped', 'cancelled'],
    );
    const again = await h.call('POST', `/v1/invoices/${inv.id}/cancel`, { body: { motive: '02' } });
    assert.equal(again.json.status, 'cancelled');
    const email = await h.call('POST', `/v1/invoices/${inv.id}/email`);
    assert.equal(email.status, 409);
    assert.equal(email.json.error.code, 'INVOICE_NOT_STAMPED');
  });

  it('cancels with motive 01 and the replacing invoice (TipoRelacion 04); the PAC refuses a wrong one', async () => {
    const wrong = (await issue(request('200.00'))).json;
    const bogus = await h.call('POST', `/v1/invoices/${wrong.id}/cancel`, {
      body: { motive: '01', replacement_uuid: '00000000-0000-4000-8000-000000000000' },
    });
    assert.equal(bogus.status, 422, JSON.stringify(bogus.json));
    assert.equal((await h.call('GET', `/v1/invoices/${wrong.id}`)).json.status, 'stamped');
    const right = await issue(request('200.00', { related: [{ relationship: '04', uuids: [wrong.uuid] }] }));
    assert.equal(right.json.related.relationship, '04');
    const res = await h.call('POST', `/v1/invoices/${wrong.id}/cancel`, {
      body: { motive: '01', replacement_uuid: right.json.uuid },
    });
    assert.equal(res.json.status, 'cancelled', JSON.stringify(res.json));
    assert.equal(res.json.cancellation.replacement_uuid, right.json.uuid);
  });

  it('moves through cancellation_pending to cancelled or rejected as the receptor answers', async () => {
    const accepted = (await issue(request('5800.00'))).json;
    const rejected = (await issue(request('5900.00'))).json;
    h.pacClock.offsetMs = 7 * 24 * 3_600_000; // past the next business day: the receptor must accept
    try {
      const pending = await h.call('POST', `/v1/invoices/${accepted.id}/cancel`, { body: { motive: '02' } });
      assert.equal(pending.status, 202, JSON.stringify(pending.json));
      assert.equal(pending.json.status, 'cancellation_pending');
      assert.equal(pending.json.cancellation.status, 'En proceso');
      await h.pac.respond(accepted.uuid, true);
      const done = await h.call('POST', `/v1/invoices/${accepted.id}/cancel`, { body: { motive: '02' } });
      assert.equal(done.status, 200);
      assert.equal(done.json.status, 'cancelled');
      assert.equal(done.json.cancellation.status, 'Cancelado con aceptación');

      await h.call('POST', `/v1/invoices/${rejected.id}/cancel`, { body: { motive: '03' } });
      await h.pac.respond(rejected.uuid, false);
      const refused = await h.call('POST', `/v1/invoices/${rejected.id}/cancel`, { body: { motive: '03' } });
      assert.equal(refused.status, 200);
      assert.equal(refused.json.status, 'cancellation_rejected');
      assert.equal(refused.json.cancellation.status, 'Solicitud rechazada');
      // Asking again after a rejection sends a new request, which waits for the receptor again.
      const retry = await h.call('POST', `/v1/invoices/${rejected.id}/cancel`, { body: { motive: '03' } });
      assert.equal(retry.status, 202);
      assert.deepEqual(
        retry.json.history.map((e: { status: string }) => e.status),
        ['sealed', 'stamped', 'cancellation_pending', 'cancellation_rejected', 'cancellation_pending'],
      );
    } finally {
      h.pacClock.offsetMs = 0;
    }
  });

  it("releases a payment's cancelled invoice and leaves the payment failed for a retry", async () => {
    const paid = await h.call('POST', '/v1/payments', {
      body: { amount: '348.00', customer: CARLOS },
      headers: { 'idempotency-key': 'cancel-pay-1' },
    });
    const res = await h.call('POST', `/v1/invoices/${paid.json.invoice.id}/cancel`, {
      body: { motive: '02' },
    });
    assert.equal(res.json.status, 'cancelled');
    const payment = await h.call('GET', `/v1/payments/${paid.json.id}`);
    assert.equal(payment.json.status, 'failed');
    assert.equal(payment.json.failure.code, 'INVOICE_CANCELLED');
    assert.ok(payment.json.events.some((e: { type: string }) => e.type === 'invoice.cancelled'));
  });

  it('resends an invoice by email to the customer or to the given addresses; the mail lands in the outbox', async () => {
    const inv = (await issue(request('232.00'))).json;
    const before = (await outbox(h)).length;
    const again = await h.call('POST', `/v1/invoices/${inv.id}/email`);
    assert.equal(again.status, 200, JSON.stringify(again.json));
    assert.deepEqual(again.json.to, ['carlos@example.com']);
    const other = await h.call('POST', `/v1/invoices/${inv.id}/email`, {
      body: { to: ['contador@example.com'] },
    });
    assert.equal(other.json.status, 'sent');
    const mails = await outbox(h);
    assert.equal(mails.length, before + 2);
    assert.ok(mails.some((m) => /^To: contador@example\.com/m.test(m) && m.includes(inv.uuid)));
    const bad = await h.call('POST', `/v1/invoices/${inv.id}/email`, { body: { to: ['nadie'] } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.param, 'to[0]');
  });

  it('filters the invoice list by status, kind and dates, in cursor pages', async () => {
    const cancelled = await h.call('GET', '/v1/invoices?status=cancelled&limit=100');
    assert.ok(cancelled.json.data.length >= 3);
    assert.ok(cancelled.json.data.every((i: { status: string }) => i.status === 'cancelled'));
    const kinds = await h.call('GET', '/v1/invoices?kind=credit_note');
    assert.deepEqual(kinds.json.data, []);
    const future = await h.call('GET', '/v1/invoices?from=2999-01-01');
    assert.deepEqual(future.json.data, []);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { data: { id: string }[]; next_cursor: string | null } } = await h.call(
        'GET',
        `/v1/invoices?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.json.data.map((i) => i.id));
      cursor = page.json.next_cursor;
    } while (cursor);
    assert.equal(new Set(seen).size, await h.store.invoices.count(h.merchantIds.a));
    const bad = await h.call('GET', '/v1/invoices?status=paid');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.param, 'status');
  });

  it("refuses another merchant's invoices for cancel and email with 404, changing nothing", async () => {
    const inv = (await issue(request('116.00'))).json;
    const other = { key: h.keys.b };
    const cancel = await h.call('POST', `/v1/invoices/${inv.id}/cancel`, {
      ...other,
      body: { motive: '02' },
    });
    assert.equal(cancel.status, 404);
    assert.equal(cancel.json.error.code, 'INVOICE_NOT_FOUND');
    const email = await h.call('POST', `/v1/invoices/${inv.id}/email`, other);
    assert.equal(email.status, 404);
    assert.equal((await h.call('GET', `/v1/invoices/${inv.id}`)).json.status, 'stamped');
    const noKey = await h.call('POST', '/v1/invoices', { key: null, body: request('1.00') });
    assert.equal(noKey.status, 401);
  });
});
