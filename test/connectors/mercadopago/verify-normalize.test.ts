import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { WebhookSignatureValidator } from 'mercadopago';
import { normalizePayment } from '../../../connectors/mercadopago/src/normalize.js';
import {
  manifest,
  signMercadoPagoTest,
  verifyMercadoPagoSignature,
} from '../../../connectors/mercadopago/src/verify.js';

const SAMPLES = new URL('../../../connectors/mercadopago/samples/', import.meta.url);
const sample = async (name: string) => JSON.parse(await readFile(new URL(`${name}.json`, SAMPLES), 'utf8'));
const secret = 'mpwhsec0123456789abcdefKemper';
const now = 1_764_000_000;

describe('MercadoPago x-signature (#10)', () => {
  it('signs the manifest MercadoPago documents, accepted by the official SDK validator', () => {
    assert.equal(
      manifest('1319402521', 'req-9', '1764000000'),
      'id:1319402521;request-id:req-9;ts:1764000000;',
    );
    assert.equal(manifest(undefined, undefined, '1'), 'ts:1;');
    const signature = signMercadoPagoTest({ dataId: '1319402521', requestId: 'req-9', secret, ts: now });
    assert.doesNotThrow(() =>
      WebhookSignatureValidator.validate({
        xSignature: signature,
        xRequestId: 'req-9',
        dataId: '1319402521',
        secret,
      }),
    );
    const ok = verifyMercadoPagoSignature({
      signature,
      requestId: 'req-9',
      dataId: '1319402521',
      secret,
      toleranceSeconds: 300,
      now: now + 10,
    });
    assert.equal(ok.ts, now);
  });

  it('lower-cases an alphanumeric data id (as MercadoPago signs it) and accepts a ts in milliseconds', () => {
    const signature = signMercadoPagoTest({ dataId: 'abc123', requestId: 'r', secret, ts: now * 1000 });
    const input = { signature, requestId: 'r', secret, toleranceSeconds: 300, now };
    assert.doesNotThrow(() => verifyMercadoPagoSignature({ ...input, dataId: 'ABC123' }));
    assert.throws(() => verifyMercadoPagoSignature({ ...input, dataId: 'abc124' }), {
      code: 'MERCADOPAGO_SIGNATURE_INVALID',
    });
  });

  it('refuses another request id, a bit flipped, a ts older than the tolerance or over 5 minutes ahead', () => {
    const signature = signMercadoPagoTest({ dataId: '1', requestId: 'r', secret, ts: now });
    const input = { signature, requestId: 'r', dataId: '1', secret, toleranceSeconds: 300, now };
    assert.throws(() => verifyMercadoPagoSignature({ ...input, requestId: 'x' }), {
      code: 'MERCADOPAGO_SIGNATURE_INVALID',
    });
    const flipped = signature.replace(/v1=(.)/, (_, c) => `v1=${c === '0' ? '1' : '0'}`);
    assert.throws(() => verifyMercadoPagoSignature({ ...input, signature: flipped }), {
      code: 'MERCADOPAGO_SIGNATURE_INVALID',
    });
    assert.throws(() => verifyMercadoPagoSignature({ ...input, now: now + 301 }), {
      code: 'MERCADOPAGO_SIGNATURE_EXPIRED',
    });
    assert.throws(() => verifyMercadoPagoSignature({ ...input, now: now - 301 }), {
      code: 'MERCADOPAGO_SIGNATURE_EXPIRED',
    });
  });
});

describe('MercadoPago payment -> core payment (#10)', () => {
  it('reads amounts as decimal text with the currency decimals, never by float arithmetic', async () => {
    const payment = await sample('payment.account_money.approved');
    const action = normalizePayment({ ...payment, transaction_amount: 1234.1 });
    assert.equal(action.kind, 'payment');
    if (action.kind === 'payment') assert.equal(action.payment.amount, '1234.10');
    assert.throws(() => normalizePayment({ ...payment, transaction_amount: 10.123 }), {
      code: 'MERCADOPAGO_PAYMENT_MALFORMED',
    });
    assert.throws(() => normalizePayment({ ...payment, transaction_amount: '1e3' }), {
      code: 'MERCADOPAGO_PAYMENT_MALFORMED',
    });
  });

  it('records only approved payments (or approved, then refunded or charged back)', async () => {
    const payment = await sample('payment.credit_card.approved');
    for (const status of ['pending', 'in_process', 'rejected', 'cancelled', 'authorized'])
      assert.equal(normalizePayment({ ...payment, status }).kind, 'ignored', status);
    assert.equal(normalizePayment({ ...payment, status: 'refunded', date_approved: null }).kind, 'ignored');
    const chargeback = normalizePayment({ ...payment, status: 'charged_back' });
    assert.equal(chargeback.kind, 'payment');
    if (chargeback.kind === 'payment')
      assert.deepEqual(
        chargeback.refunds.map((r) => [r.refundExternalId, r.amount]),
        [['chargeback-1319402521', '1160.00']],
      );
  });

  it('takes an RFC identification of the payer', async () => {
    const payment = await sample('payment.credit_card.approved');
    const action = normalizePayment({
      ...payment,
      payer: { ...payment.payer, identification: { type: 'RFC', number: 'lora900101ab1' } },
    });
    assert.ok(action.kind === 'payment');
    assert.equal(action.payment.customer?.rfc, 'LORA900101AB1');
  });
});
