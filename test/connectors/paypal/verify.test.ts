import { strict as assert } from 'node:assert';
import { signedMessage, transmissionHeaders } from '../../../connectors/paypal/src/verify.js';

describe('PayPal transmission signature (#10)', () => {
  it('signs transmission id|time|webhook id|CRC32 of the raw body as an unsigned decimal', () => {
    const headers = {
      transmissionId: '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
      transmissionTime: '2026-11-20T17:05:12Z',
    };
    // CRC-32 (IEEE) of "hello" is 0x3610a686 = 907060870; of "{}" 0xa3a6bf43 (above 2^31, still unsigned; both as Python's zlib.crc32 gives).
    assert.equal(
      signedMessage(headers, 'WH1', Buffer.from('hello')),
      '69cd13f0-d67a-11e5-baa3-778b53f4ae55|2026-11-20T17:05:12Z|WH1|907060870',
    );
    assert.equal(signedMessage(headers, 'WH1', Buffer.from('{}')).split('|')[3], String(0xa3a6bf43));
  });

  it('names the PAYPAL-* headers a delivery lacks', () => {
    assert.throws(() => transmissionHeaders({ 'paypal-transmission-id': 'x' }), {
      code: 'PAYPAL_SIGNATURE_MISSING',
    });
  });
});
