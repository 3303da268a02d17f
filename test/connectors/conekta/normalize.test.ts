import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fromCentavos } from '../../../connectors/conekta/src/centavos.js';
import { isRsaPublicKey } from '../../../connectors/conekta/src/config.js';
import { normalizeEvent } from '../../../connectors/conekta/src/normalize.js';
import { conektaTestDigest, verifyConektaDigest } from '../../../connectors/conekta/src/verify.js';
import { isAutofacturaError } from '../../../core/src/errors.js';

const sample = async (name: string) =>
  JSON.parse(
    await readFile(new URL(`../../../connectors/conekta/samples/${name}.json`, import.meta.url), 'utf8'),
  );

describe('Conekta connector, pure parts (#10)', () => {
  it('centavos become pesos by integer arithmetic', () => {
    assert.equal(fromCentavos(116000), '1160.00');
    assert.equal(fromCentavos(5), '0.05');
    assert.equal(fromCentavos(-40000), '-400.00');
    assert.equal(fromCentavos(9007199254740991), '90071992547409.91');
    assert.throws(() => fromCentavos(10.5), RangeError);
  });

  it('verifies a DIGEST over the exact bytes with the public key, and nothing else', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const body = Buffer.from('{"id":"evt_1","type":"order.paid","data":{"object":{}}}');
    const digest = conektaTestDigest(body, privateKey);
    assert.deepEqual(verifyConektaDigest(body, digest, publicKey), JSON.parse(body.toString()));
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        assert.ok(isAutofacturaError(error));
        return error.code;
      }
      return 'accepted';
    };
    assert.equal(
      code(() => verifyConektaDigest(Buffer.from(`${body} `), digest, publicKey)),
      'CONEKTA_DIGEST_INVALID',
    );
    assert.equal(
      code(() => verifyConektaDigest(body, undefined, publicKey)),
      'CONEKTA_DIGEST_MISSING',
    );
    assert.equal(
      code(() => verifyConektaDigest(body, digest, 'not a key')),
      'CONEKTA_DIGEST_INVALID',
    );
    assert.equal(isRsaPublicKey(publicKey), true);
    assert.equal(isRsaPublicKey(privateKey.replace('PRIVATE', 'PUBLIC')), false);
  });

  it('order.paid: the order id, amount, method from the paid charge, customer and fiscal metadata', async () => {
    const { action } = normalizeEvent(await sample('order.paid.spei'));
    assert.equal(action.kind, 'payment');
    if (action.kind !== 'payment') return;
    assert.equal(action.payment.externalId, 'ord_2yTtM2qR3sT4uV5Wx');
    assert.equal(action.payment.amount, '2320.00');
    assert.equal(action.payment.method, 'transfer');
    assert.equal(action.payment.mode, 'test');
    assert.deepEqual(action.payment.customer, {
      externalId: 'cus_2yTtM2qR3sT4uV5Wy',
      email: 'berenice.ximo@example.com',
      name: 'BERENICE XIMO QUEZADA',
      rfc: 'XIQB891116QE4',
      zip: '06300',
      taxRegime: '612',
      cfdiUse: 'G03',
    });
  });

  it('a card of unknown funding has no method (the merchant’s settings decide), refunds are positive amounts', async () => {
    const event = await sample('order.paid.card-credit');
    delete event.data.object.charges.data[0].payment_method.type;
    const { action } = normalizeEvent(event);
    assert.equal(action.kind === 'payment' && action.payment.method, undefined);
    const refunded = normalizeEvent(await sample('order.refunded')).action;
    assert.equal(refunded.kind, 'refunds');
    assert.deepEqual(
      refunded.kind === 'refunds' && refunded.refunds.map((r) => [r.refundExternalId, r.amount]),
      [
        ['6931e9ef3f2d6d0001a1b2d0', '400.00'],
        ['6931ea4f3f2d6d0001a1b2d1', '760.00'],
      ],
    );
  });

  it('ignores events that are not about a paid order', async () => {
    assert.equal(normalizeEvent(await sample('order.pending_payment.oxxo')).action.kind, 'ignored');
    const customer = { id: 'evt_c', type: 'customer.created', data: { object: { id: 'cus_1' } } };
    assert.equal(normalizeEvent(customer).action.kind, 'ignored');
  });
});
