import assert from 'node:assert/strict';
import { checkRfc, parseRfc } from '../../../core/src/fiscal/rfc.js';

describe('fiscal/rfc', () => {
  it('tells a persona moral (12) from a persona física (13)', () => {
    assert.equal(parseRfc('EKU9003173C9')?.tipo, 'moral');
    assert.equal(parseRfc('COSC8001137NA')?.tipo, 'fisica');
  });

  it('recognises the generic RFCs', () => {
    assert.deepEqual([parseRfc('XAXX010101000')?.generic, parseRfc('XEXX010101000')?.foreign], [true, true]);
    assert.deepEqual(checkRfc('XAXX010101000'), []);
  });

  it('rejects a malformed RFC: lowercase, impossible date, wrong length (RFC_INVALID)', () => {
    for (const bad of ['eku9003173c9', 'EKU9013323C9', 'EKU90031', 'EKU9003173C9 ']) {
      assert.equal(parseRfc(bad), undefined, bad);
      assert.equal(checkRfc(bad)[0]?.code, 'RFC_INVALID');
    }
  });

  it('only warns about a wrong check digit, as on the real RFC MCI7306249Y1 (RFC_CHECKSUM)', () => {
    const [issue] = checkRfc('MCI7306249Y1');
    assert.equal(issue?.code, 'RFC_CHECKSUM');
    assert.equal(issue?.severity, 'warning');
    assert.deepEqual(checkRfc('EKU9003173C9'), []);
  });
});
