import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import {
  actionOf,
  parseNotification,
  pesos,
  transactionPayment,
  transactionRefund,
} from '../../../connectors/openpay/src/normalize.js';
import { basicAuthHeader, verifyBasicAuth } from '../../../connectors/openpay/src/verify.js';
import { isAutofacturaError } from '../../../core/src/errors.js';

const sample = async (name: string) =>
  JSON.parse(
    await readFile(new URL(`../../../connectors/openpay/samples/${name}.json`, import.meta.url), 'utf8'),
  );

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    assert.ok(isAutofacturaError(error));
    return error.code;
  }
  return 'accepted';
};

describe('OpenPay connector, pure parts (#10)', () => {
  it('reads JSON amounts as decimals with two places, never by float arithmetic', () => {
    assert.equal(pesos(2000.0, 'a'), '2000.00');
    assert.equal(pesos(580.5, 'a'), '580.50');
    assert.equal(pesos(0.1, 'a'), '0.10');
    assert.equal(pesos('1160.00', 'a'), '1160.00');
    assert.equal(
      codeOf(() => pesos(0, 'a')),
      'OPENPAY_EVENT_MALFORMED',
    );
    assert.equal(
      codeOf(() => pesos(1e21, 'a')),
      'OPENPAY_EVENT_MALFORMED',
    );
  });

  it('checks Basic auth in constant time, user and password both', () => {
    const expected = { user: 'u', password: 'p4ssw0rd!' };
    assert.equal(
      codeOf(() => verifyBasicAuth(basicAuthHeader('u', 'p4ssw0rd!'), expected)),
      'accepted',
    );
    assert.equal(
      codeOf(() => verifyBasicAuth(basicAuthHeader('u', 'p4ssw0rd'), expected)),
      'OPENPAY_AUTH_INVALID',
    );
    assert.equal(
      codeOf(() => verifyBasicAuth(basicAuthHeader('U', 'p4ssw0rd!'), expected)),
      'OPENPAY_AUTH_INVALID',
    );
    assert.equal(
      codeOf(() => verifyBasicAuth(`Basic ${Buffer.from('u').toString('base64')}`, expected)),
      'OPENPAY_AUTH_INVALID',
    );
    assert.equal(
      codeOf(() => verifyBasicAuth(undefined, expected)),
      'OPENPAY_AUTH_MISSING',
    );
    // A password with a colon is split at the first one only.
    assert.equal(
      codeOf(() => verifyBasicAuth(basicAuthHeader('u', 'a:b'), { user: 'u', password: 'a:b' })),
      'accepted',
    );
  });

  it('charge.succeeded: method, customer full name, paidAt as an instant', async () => {
    const note = parseNotification(await sample('charge.succeeded.card-debit'));
    assert.deepEqual(actionOf(note), { kind: 'payment', transactionId: 'tr4y6plhq9jxbxa9c1gb' });
    const payment = transactionPayment(note.transaction!, note.type, note.event_date);
    assert.equal(payment.method, 'card_debit');
    assert.equal(payment.amount, '580.50');
    assert.equal(payment.paidAt, '2026-12-04T16:12:33.000Z');
    assert.deepEqual(payment.customer, { email: 'ana.torres@example.com', name: 'Ana Laura Torres Medina' });
  });

  it('spei.received is a transfer; a refund uses the charge’s refund; a chargeback the whole charge', async () => {
    const spei = parseNotification(await sample('spei.received'));
    assert.equal(transactionPayment(spei.transaction!, spei.type).method, 'transfer');
    const refunded = parseNotification(await sample('charge.refunded'));
    assert.deepEqual(actionOf(refunded), {
      kind: 'refund',
      transactionId: 'trzjaozcik8msyqshka4',
      chargeback: false,
    });
    assert.deepEqual(transactionRefund(refunded.transaction!, false), {
      source: 'openpay',
      paymentExternalId: 'trzjaozcik8msyqshka4',
      refundExternalId: 'trcbsmjkroqmjobxqhpb',
      amount: '400.00',
      at: '2026-12-04T18:40:02.000Z',
    });
    const chargeback = parseNotification(await sample('chargeback.accepted'));
    assert.equal(transactionRefund(chargeback.transaction!, true).amount, '580.50');
  });

  it('the verification handshake carries its code; other events are ignored', async () => {
    assert.deepEqual(actionOf(parseNotification(await sample('verification'))), {
      kind: 'verification',
      code: 'Qh7WrJd1',
    });
    assert.equal(actionOf(parseNotification(await sample('charge.created.store'))).kind, 'ignored');
  });
});
