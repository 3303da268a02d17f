import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Dec } from '../../../core/src/money/decimal.js';
import {
  decimalPlaces,
  divide,
  fixed,
  round,
  times,
  toFixed,
  toPlain,
} from '../../../core/src/money/fixed-point.js';
import { formatFixed } from '../../../core/src/money/format.js';
import { fixedImporteLimits, importeLimits } from '../../../core/src/money/importe-limits.js';

/** A plain decimal string: up to 18 integer digits and 0..6 decimals, optionally negative. */
const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }),
    fc.integer({ min: 0, max: 6 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([negative, units, decimals, size]) => {
    // Mostly small amounts, sometimes the full 18 + 6 digits.
    const value = size === 0 ? units : units % 10n ** BigInt(4 + 4 * size);
    const digits = value.toString().padStart(decimals + 1, '0');
    const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
    return negative && value !== 0n ? `-${text}` : text;
  });

const positiveText = decimalText.filter((text) => !text.startsWith('-') && /[1-9]/.test(text));

describe('fixed-point money (#2)', () => {
  it('reads plain decimals exactly, whatever their length', () => {
    assert.equal(fixed('116.5'), 116_500_000_000_000n);
    assert.equal(fixed('-0.160000'), -160_000_000_000n);
    assert.equal(fixed('999999999999999999.999999'), 999_999_999_999_999_999_999_999_000_000n);
    assert.equal(fixed('9999999999999999'), 9_999_999_999_999_999n * 10n ** 12n);
    assert.throws(() => fixed('0.0000000000001'), RangeError);
  });

  it('rounds half up, down and up to 0..6 places as decimal.js does', () => {
    const modes = [
      ['half-up', Dec.ROUND_HALF_UP],
      ['down', Dec.ROUND_DOWN],
      ['up', Dec.ROUND_UP],
    ] as const;
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 6 }), (text, places) => {
        for (const [mode, rounding] of modes) {
          const ours = round(fixed(text), places, mode);
          const theirs = new Dec(text).toDecimalPlaces(places, rounding);
          assert.equal(ours, fixed(theirs.toFixed()), `${text} ${mode} to ${places}`);
        }
      }),
      { numRuns: 2000, seed: 2 },
    );
  });

  it('writes amounts as formatFixed does, never as -0.00', () => {
    assert.equal(toFixed(fixed('-0.004'), 2), '0.00');
    assert.equal(toFixed(fixed('-0.005'), 2), '-0.01');
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 6 }), (text, places) => {
        assert.equal(toFixed(fixed(text), places), formatFixed(new Dec(text), places));
        assert.equal(toPlain(fixed(text)), new Dec(text).toFixed());
        assert.equal(decimalPlaces(fixed(text)), new Dec(text).decimalPlaces());
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  it('multiplies exactly and refuses a product that needs more than 12 decimals', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        assert.equal(times(fixed(a), fixed(b)), fixed(new Dec(a).times(b).toFixed()));
      }),
      { numRuns: 2000, seed: 4 },
    );
    assert.throws(() => times(fixed('0.0000001'), fixed('0.000001')), RangeError);
  });

  it('divides and rounds half up in one step, as decimal.js dividing at 64 digits and rounding', () => {
    fc.assert(
      fc.property(
        decimalText,
        positiveText,
        fc.boolean(),
        fc.integer({ min: 0, max: 6 }),
        (a, b, neg, places) => {
          const divisor = neg ? `-${b}` : b;
          const ours = divide(fixed(a), fixed(divisor), places);
          const theirs = new Dec(a).div(divisor).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
          assert.equal(ours, fixed(theirs.toFixed()), `${a} / ${divisor} to ${places}`);
        },
      ),
      { numRuns: 2000, seed: 5 },
    );
  });

  it("gives SAT's tax Importe limits exactly as importeLimits does", () => {
    const rate = fc.constantFrom('0.160000', '0.08', '0', '0.106667', '0.0125', '1.6', '0.265', '6.4555');
    fc.assert(
      fc.property(
        positiveText,
        rate,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (base, r, db, di) => {
          const baseDecimals = Math.max(db, new Dec(base).decimalPlaces());
          const ours = fixedImporteLimits(fixed(base), fixed(r), baseDecimals, di);
          const theirs = importeLimits(base, r, baseDecimals, di);
          assert.equal(ours.lower, fixed(theirs.lower.toFixed()));
          assert.equal(ours.upper, fixed(theirs.upper.toFixed()));
        },
      ),
      { numRuns: 2000, seed: 6 },
    );
  });
});
