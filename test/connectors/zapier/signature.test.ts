/**
 * The REST hook's signature check (#8) against payloads signed by the Standard Webhooks library, as
 * autofactura signs them: a good one passes, a changed body, another secret, an old timestamp and missing
 * headers are each named.
 */
import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import { signatureProblem } from '../../../connectors/zapier/src/lib/signature.js';

const secret = `whsec_${Buffer.from('a-32-byte-secret-for-the-tests!!').toString('base64')}`;
const body = JSON.stringify({ id: 'evt_1', type: 'invoice.created', data: { object: { id: 'inv_1' } } });

function signed(at: Date, payload = body) {
  const signature = new Webhook(secret).sign('evt_1', at, payload);
  return {
    'webhook-id': 'evt_1',
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

describe('Zapier REST hook signature (Standard Webhooks) (#8)', () => {
  const now = new Date('2026-12-04T22:00:00Z');
  const nowSeconds = now.getTime() / 1000;

  it('accepts what the library signed, with Zapier’s Http- prefixed headers too', () => {
    const headers = signed(now);
    assert.equal(signatureProblem(body, headers, secret, nowSeconds), null);
    const prefixed = Object.fromEntries(Object.entries(headers).map(([k, v]) => [`Http-${k}`, v]));
    assert.equal(signatureProblem(body, prefixed, secret, nowSeconds), null);
  });

  it('names what is wrong', () => {
    assert.equal(
      signatureProblem(body.replace('inv_1', 'inv_2'), signed(now), secret, nowSeconds),
      'mismatch',
    );
    const other = `whsec_${Buffer.from('another-secret-of-32-bytes-long!').toString('base64')}`;
    assert.equal(signatureProblem(body, signed(now), other, nowSeconds), 'mismatch');
    assert.equal(
      signatureProblem(body, signed(new Date(now.getTime() - 6 * 60_000)), secret, nowSeconds),
      'stale',
    );
    const { 'webhook-signature': _dropped, ...missing } = signed(now);
    assert.equal(signatureProblem(body, missing, secret, nowSeconds), 'missing_headers');
  });
});
