import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkConceptoImporte, checkImpuestoImporte } from '../../../core/src/cfdi/validate/limits.js';
import { Dec } from '../../../core/src/money/decimal.js';

/** An unsigned decimal string with 0..6 decimals. */
const amount = (max: bigint) =>
  fc.tuple(fc.integer({ min: 0, max: 6 }), fc.bigInt({ min: 0n, max })).map(([decimals, units]) => {
    if (decimals === 0) return units.toString();
    const text = units.toString().padStart(decimals + 1, '0');
    return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
  });

/** x * y rounded in `mode` to `decimals` places, then moved by `offset` units (never below zero). */
function near(x: string, y: string, decimals: number, mode: number, offset: number): string {
  const modes = [Dec.ROUND_DOWN, Dec.ROUND_UP, Dec.ROUND_HALF_UP];
  const rounded = new Dec(x).times(y).toDecimalPlaces(decimals, modes[mode]);
  const moved = rounded.plus(new Dec(offset).times(new Dec(10).pow(-decimals)));
  return (moved.isNegative() ? new Dec(0) : moved).toFixed(decimals);
}

function inside(value: string, lower: string, upper: string): boolean {
  return new Dec(value).gte(lower) && new Dec(value).lte(upper);
}

describe('Anexo 20 limit checks: accepting a rounded exact product without bigint work (#2)', () => {
  it('Concepto Importe: the answer always agrees with the limits it reports', () => {
    fc.assert(
      fc.property(
        amount(10n ** 9n),
        amount(10n ** 11n),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: -2, max: 2 }),
        (q, v, decimals, mode, offset) => {
          const importe = near(q, v, decimals, mode, offset);
          const check = checkConceptoImporte(q, v, importe);
          assert.equal(check.ok, inside(importe, check.lower, check.upper), `${q} x ${v} = ${importe}`);
          if (offset === 0 && mode < 2) assert.ok(check.ok, `${q} x ${v} rounded to ${importe}`);
        },
      ),
      { numRuns: 3000, seed: 167 },
    );
  });

  it('tax Importe: the answer always agrees with the limits it reports', () => {
    const rate = fc.constantFrom(
      '0.160000',
      '0.080000',
      '0.000000',
      '0.106667',
      '0.012500',
      '1.600000',
      '0.265',
    );
    fc.assert(
      fc.property(
        amount(10n ** 12n),
        rate,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: -2, max: 2 }),
        (base, r, decimals, mode, offset) => {
          const importe = near(base, r, decimals, mode, offset);
          const check = checkImpuestoImporte(base, r, importe);
          assert.equal(check.ok, inside(importe, check.lower, check.upper), `${base} x ${r} = ${importe}`);
          if (offset === 0 && mode < 2) assert.ok(check.ok, `${base} x ${r} rounded to ${importe}`);
        },
      ),
      { numRuns: 3000, seed: 180 },
    );
  });
});
