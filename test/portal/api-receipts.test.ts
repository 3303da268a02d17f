import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ApiHarness, apiHarness, CARLOS } from './api-harness.js';

describe('REST API /v1/receipts (real server)', () => {
  let h: ApiHarness;
  const receipts: { id: string; paymentId: string }[] = [];
  before(async () => {
    h = await apiHarness();
    for (const n of [1, 2, 3]) {
      const res = await h.call('POST', '/v1/payments', {
        body: { amount: `${n}00.00`, customer: { email: `r${n}@example.com` } },
        headers: { 'idempotency-key': `receipt-${n}` },
      });
      receipts.push({ id: res.json.receipt.id, paymentId: res.json.id });
    }
  });
  after(async () => {
    await h.close();
  });

  it('lists receipts in cursor pages, with the portal link while open', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { data: { id: string; url: string }[]; next_cursor: string | null } } =
        await h.call('GET', `/v1/receipts?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.json.data.map((r) => r.id));
      assert.ok(page.json.data.every((r) => /\/[a-z0-9-]+\/r\/[A-Za-z0-9_-]{43}$/.test(r.url)));
      cursor = page.json.next_cursor;
    } while (cursor);
    assert.deepEqual(seen.sort(), receipts.map((r) => r.id).sort());
    const one = await h.call('GET', `/v1/receipts/${receipts[0]!.id}`);
    assert.equal(one.json.status, 'open');
    assert.equal(one.json.payment_id, receipts[0]!.paymentId);
    assert.equal(one.json.amount, '100.00');
    assert.equal(one.json.token, undefined);
    assert.equal(one.json.token_hash, undefined);
  });

  it('voids an open receipt: its link stops working and its payment is not invoiced', async () => {
    const { id, paymentId } = receipts[1]!;
    const token = new URL((await h.call('GET', `/v1/receipts/${id}`)).json.url).pathname.split('/').pop()!;
    const res = await h.call('POST', `/v1/receipts/${id}/cancel`);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.equal(res.json.status, 'voided');
    assert.equal(res.json.url, undefined);
    const payment = await h.call('GET', `/v1/payments/${paymentId}`);
    assert.equal(payment.json.status, 'ignored');
    assert.ok(payment.json.events.some((e: { type: string }) => e.type === 'receipt.voided'));
    await assert.rejects(
      h.af.completeReceipt(token, {
        rfc: CARLOS.rfc,
        name: CARLOS.name,
        taxRegime: CARLOS.tax_regime,
        zip: CARLOS.zip,
        cfdiUse: CARLOS.cfdi_use,
      }),
    );
    const voided = await h.call('GET', '/v1/receipts?status=voided');
    assert.deepEqual(
      voided.json.data.map((r: { id: string }) => r.id),
      [id],
    );
  });

  it('refuses to cancel a receipt that is not open, saying why', async () => {
    const again = await h.call('POST', `/v1/receipts/${receipts[1]!.id}/cancel`);
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'RECEIPT_NOT_OPEN');
    assert.match(again.json.error.message, /ya cancelado/);
    const token = new URL((await h.call('GET', `/v1/receipts/${receipts[2]!.id}`)).json.url).pathname
      .split('/')
      .pop()!;
    await h.af.completeReceipt(
      token,
      {
        rfc: CARLOS.rfc,
        name: CARLOS.name,
        taxRegime: CARLOS.tax_regime,
        zip: CARLOS.zip,
        cfdiUse: CARLOS.cfdi_use,
      },
      { wait: true },
    );
    assert.equal((await h.call('GET', `/v1/receipts/${receipts[2]!.id}`)).json.status, 'invoiced');
    const invoiced = await h.call('POST', `/v1/receipts/${receipts[2]!.id}/cancel`, {
      headers: { 'accept-language': 'en' },
    });
    assert.equal(invoiced.status, 409);
    assert.match(invoiced.json.error.message, /cancel its invoice/);
    const bad = await h.call('GET', '/v1/receipts?status=closed');
    assert.equal(bad.json.error.param, 'status');
  });

  it("refuses another merchant's receipts with 404 and leaves them open", async () => {
    const { id } = receipts[0]!;
    const other = { key: h.keys.b };
    assert.equal((await h.call('GET', `/v1/receipts/${id}`, other)).status, 404);
    const cancel = await h.call('POST', `/v1/receipts/${id}/cancel`, other);
    assert.equal(cancel.status, 404);
    assert.equal(cancel.json.error.code, 'RECEIPT_NOT_FOUND');
    assert.deepEqual((await h.call('GET', '/v1/receipts', other)).json.data, []);
    assert.equal((await h.call('GET', `/v1/receipts/${id}`)).json.status, 'open');
  });
});

describe('REST API POST /v1/receipts/{id}/email (real server)', () => {
  let h: ApiHarness;
  before(async () => {
    h = await apiHarness();
  });
  after(async () => {
    await h.close();
  });

  const open = async (email: string) => {
    const res = await h.call('POST', '/v1/payments', {
      body: { amount: '150.00', customer: { email } },
      headers: { 'idempotency-key': `resend-${email}` },
    });
    return res.json.receipt as { id: string; url: string };
  };
  const mailsWith = async (text: string) => {
    const files = (await readdir(h.outboxDir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
    const texts = await Promise.all(files.map((f) => readFile(join(h.outboxDir, f), 'utf8')));
    return texts.filter((t) => t.includes(text));
  };

  it("sends an open receipt's link again, to the customer or to given addresses, once per request", async () => {
    const receipt = await open('ana.resend@example.com');
    await h.af.workJobs();
    // Quoted-printable may fold the long URL: look for the token's first characters.
    const token = receipt.url.slice(receipt.url.lastIndexOf('/') + 1, receipt.url.lastIndexOf('/') + 20);
    assert.equal((await mailsWith(token)).length, 1, 'the first email with the link');

    const again = await h.call('POST', `/v1/receipts/${receipt.id}/email`, { body: {} });
    assert.equal(again.status, 202);
    assert.deepEqual(again.json, {
      object: 'receipt_email',
      receipt_id: receipt.id,
      to: ['ana.resend@example.com'],
      status: 'queued',
    });
    const accountant = await h.call('POST', `/v1/receipts/${receipt.id}/email`, {
      body: { to: ['contador@example.com'] },
    });
    assert.equal(accountant.status, 202);
    await h.af.workJobs();
    await h.af.workJobs();
    const sent = await mailsWith(token);
    assert.equal(sent.length, 3, 'the first, the resend and the one to the accountant, each once');
    assert.equal(sent.filter((m) => /^To: contador@example\.com/m.test(m)).length, 1);
  });

  it('refuses a bad address (400), a receipt that is not open (409) and another merchant’s (404)', async () => {
    const receipt = await open('luis.resend@example.com');
    const bad = await h.call('POST', `/v1/receipts/${receipt.id}/email`, { body: { to: ['no-es-correo'] } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'EMAIL_INVALID');
    const foreign = await h.call('POST', `/v1/receipts/${receipt.id}/email`, { body: {}, key: h.keys.b });
    assert.equal(foreign.status, 404);
    await h.call('POST', `/v1/receipts/${receipt.id}/cancel`);
    const voided = await h.call('POST', `/v1/receipts/${receipt.id}/email`, { body: {} });
    assert.equal(voided.status, 409);
    assert.equal(voided.json.error.code, 'RECEIPT_NOT_OPEN');
  });
});
