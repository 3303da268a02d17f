import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import Stripe from 'stripe';
import { exchangeRateText, fromMinorUnits } from '../../../connectors/stripe/src/amounts.js';
import { parsePaymentForms } from '../../../connectors/stripe/src/config.js';
import type { StripeWebhookError } from '../../../connectors/stripe/src/errors.js';
import { normalizeEvent } from '../../../connectors/stripe/src/normalize.js';
import { verifyStripeEvent } from '../../../connectors/stripe/src/verify.js';

const SAMPLES = new URL('../../../connectors/stripe/samples/', import.meta.url);
const sample = async (name: string) => JSON.parse(await readFile(new URL(`${name}.json`, SAMPLES), 'utf8'));
const DEFAULTS = { productKey: '01010101', unitKey: 'ACT' };

describe('Stripe connector, pure parts (#6)', () => {
  describe('amounts', () => {
    it('turns minor units into decimal strings by the currency, without floats', () => {
      assert.equal(fromMinorUnits(116000, 'mxn'), '1160.00');
      assert.equal(fromMinorUnits(5, 'MXN'), '0.05');
      assert.equal(fromMinorUnits(0, 'usd'), '0.00');
      assert.equal(fromMinorUnits(500, 'jpy'), '500');
      assert.equal(fromMinorUnits(1234, 'kwd'), '1.234');
      assert.equal(fromMinorUnits(9007199254740991, 'mxn'), '90071992547409.91');
      assert.throws(() => fromMinorUnits(1.5, 'mxn'), RangeError);
    });

    it('keeps at most 6 decimals of an exchange rate', () => {
      assert.equal(exchangeRateText(17.400512), '17.400512');
      assert.equal(exchangeRateText(17.12345678), '17.123457');
      assert.equal(exchangeRateText(20), '20');
    });
  });

  describe('verify', () => {
    const secret = 'whsec_unit_0123456789abcdef';
    const payload = Buffer.from(JSON.stringify({ id: 'evt_1', object: 'event', type: 'charge.succeeded' }));
    const header = (timestamp: number) =>
      new Stripe('sk_test_x').webhooks.generateTestHeaderString({
        payload: payload.toString(),
        secret,
        timestamp,
      });

    it('accepts a fresh signature and refuses one older than the tolerance, by an injected clock', () => {
      const signedAt = 1_800_000_000;
      assert.equal(
        verifyStripeEvent(payload, header(signedAt), secret, { toleranceSeconds: 300, now: signedAt + 299 })
          .id,
        'evt_1',
      );
      assert.throws(
        () =>
          verifyStripeEvent(payload, header(signedAt), secret, {
            toleranceSeconds: 300,
            now: signedAt + 301,
          }),
        (error: StripeWebhookError) => error.code === 'STRIPE_SIGNATURE_EXPIRED',
      );
    });

    it('refuses a zero tolerance (it would skip the timestamp check)', () => {
      assert.throws(() => verifyStripeEvent(payload, header(1), secret, { toleranceSeconds: 0 }), RangeError);
    });
  });

  describe('normalize', () => {
    it('makes a charge and its PaymentIntent one payment: the id is the PaymentIntent’s', async () => {
      const action = normalizeEvent(await sample('charge.succeeded.card-credit'), DEFAULTS);
      assert.equal(action.kind, 'payment');
      assert.equal(action.kind === 'payment' && action.payment.externalId, 'pi_3QpLcredit0001');
    });

    it('reads RFC, name, postal code and SAT metadata from a Checkout Session', async () => {
      const action = normalizeEvent(await sample('checkout.session.completed.paid-rfc'), DEFAULTS);
      assert.equal(action.kind, 'payment');
      if (action.kind !== 'payment') return;
      assert.deepEqual(action.payment.customer, {
        externalId: 'cus_RkC4rL0s9Tq2',
        email: 'carlos@example.com',
        rfc: 'COSC8001137NA',
        name: 'CARLOS CORTES SOTO',
        zip: '52000',
        taxRegime: '612',
        cfdiUse: 'G03',
      });
    });

    it('takes régimen and uso from Checkout custom fields too, the Session before the Customer', async () => {
      const event = await sample('checkout.session.completed.paid-rfc');
      event.data.object.metadata = {};
      event.data.object.custom_fields = [
        { key: 'sat_tax_regime', type: 'dropdown', dropdown: { value: '626' } },
        { key: 'sat_cfdi_use', type: 'text', text: { value: 'g01' } },
      ];
      event.data.object.customer = {
        id: 'cus_x',
        object: 'customer',
        metadata: { sat_tax_regime: '612', sat_cfdi_use: 'S01' },
      };
      const action = normalizeEvent(event, DEFAULTS);
      assert.ok(action.kind === 'payment');
      assert.equal(action.payment.customer?.taxRegime, '626');
      assert.equal(action.payment.customer?.cfdiUse, 'G01');
      assert.equal(action.payment.customer?.externalId, 'cus_x');
    });

    it('records only succeeded refunds, lost disputes, paid sessions, and ignores the rest', async () => {
      assert.deepEqual(normalizeEvent(await sample('refund.created'), DEFAULTS), {
        kind: 'ignored',
        reason: 'refund_not_succeeded',
      });
      const dispute = await sample('charge.dispute.closed.lost');
      dispute.data.object.status = 'won';
      assert.equal(normalizeEvent(dispute, DEFAULTS).kind, 'ignored');
      assert.equal(normalizeEvent(await sample('customer.created.ignored'), DEFAULTS).kind, 'ignored');
    });

    it('uses Billing lines only when they add up to what was paid', async () => {
      const event = await sample('invoice.paid');
      event.data.object.amount_paid = 150000; // a coupon Stripe applied elsewhere
      const action = normalizeEvent(event, DEFAULTS);
      assert.ok(action.kind === 'payment');
      assert.equal(action.payment.items, undefined);
    });

    it('asks for the balance transaction when a foreign charge does not carry the rate', async () => {
      const event = await sample('charge.succeeded.usd');
      event.data.object.balance_transaction = 'txn_3QpLusd0000001';
      const action = normalizeEvent(event, DEFAULTS);
      assert.ok(action.kind === 'payment');
      assert.equal(action.payment.exchangeRate, undefined);
      assert.equal(action.exchangeRateFrom, 'txn_3QpLusd0000001');
    });
  });

  it('parses payment form overrides and refuses a form outside c_FormaPago', () => {
    assert.deepEqual(parsePaymentForms('debit=28, prepaid=04'), { debit: '28', prepaid: '04' });
    assert.throws(() => parsePaymentForms('debit=77'), RangeError);
    assert.throws(() => parsePaymentForms('amex=04'), RangeError);
  });
});
