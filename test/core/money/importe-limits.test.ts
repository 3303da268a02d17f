/**
 * SAT's tolerance for computed amounts, with SAT's own worked examples: Guía de llenado CFDI 4.0
 * (../shared/sat/docs/Anexo_20_Guia_de_llenado_CFDI.pdf, read with pdftotext/pdftoppm): question 41
 * (924.224956 and the three "Servicio" rows), question 37 (four lines of 1.1100 at 0.1600) and the
 * Concepto Importe examples (5 x 1230.00, 3.141649 x 1230.00). The validator's own bigint implementation
 * (core/src/cfdi/validate/limits.ts) is the cross-check for random values.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkConceptoImporte, checkImpuestoImporte } from '../../../core/src/cfdi/validate/limits.js';
import { Dec } from '../../../core/src/money/decimal.js';
import { countDecimals, formatFixed } from '../../../core/src/money/format.js';
import {
  conceptoImporteLimits,
  importeLimits,
  isWithinLimits,
  type Limits,
} from '../../../core/src/money/importe-limits.js';

/**
 * Whether SAT's "- 10^-12" terms change the upper limit: the validator leaves them out (it assumes they
 * only matter on the grid, where ceil agrees). They do matter when the product lies within
 * 10^-12 x (other factors) above a grid point, e.g. 1 x 99999999 at 4 decimals (see the test below);
 * the random cross-checks skip those rare samples.
 */
function epsilonMatters(plain: Dec, withEpsilon: Dec, decimals: number): boolean {
  return !plain
    .toDecimalPlaces(decimals, Dec.ROUND_UP)
    .eq(withEpsilon.toDecimalPlaces(decimals, Dec.ROUND_UP));
}

const show = (limits: Limits, decimals: number) => [
  formatFixed(limits.lower, decimals),
  formatFixed(limits.upper, decimals),
];

describe('importeLimits (tax Importe, CFDI40180 / CFDI40186)', () => {
  it("SAT's worked example: 924.224956 -> lower 924.22 (truncated), upper 924.23 (rounded up)", () => {
    const limits = importeLimits('924.224956', '1', 6, 2);
    assert.deepEqual(show(limits, 2), ['924.22', '924.23']);
  });

  it("the Guía's question 41 table: lower truncated, upper rounded UP (Servicio 3's 214,969.49 is the mistake SAT shows)", () => {
    assert.deepEqual(show(importeLimits('1480791.59', '0.16', 2, 2), 2), ['236926.65', '236926.66']);
    assert.deepEqual(show(importeLimits('1454021.93', '0.16', 2, 2), 2), ['232643.50', '232643.51']);
    const servicio3 = importeLimits('1343559.33', '0.16', 2, 2);
    assert.deepEqual(show(servicio3, 2), ['214969.49', '214969.50']);
    assert.ok(
      !servicio3.lower.eq(servicio3.upper),
      'lower equal to upper means the upper limit was rounded, not rounded up',
    );
    assert.ok(isWithinLimits('236926.65', importeLimits('1480791.59', '0.16', 2, 2)));
    assert.ok(isWithinLimits('232643.51', importeLimits('1454021.93', '0.16', 2, 2)));
  });

  it("the Guía's question 37: 1.1100 x 0.1600 = 0.1776 with four decimals is inside; four of them sum 0.7104 -> 0.71", () => {
    const limits = importeLimits('1.1100', '0.1600', 4, 4);
    assert.deepEqual(show(limits, 4), ['0.1775', '0.1777']);
    assert.ok(isWithinLimits('0.1776', limits));
    assert.equal(formatFixed(new Dec('0.1776').times(4), 2), '0.71');
  });

  it('the rounding-drift samples: 100.03 at 16% admits 16.00 and 16.01, not 15.99 or 16.02', () => {
    const limits = importeLimits('100.03', '0.160000', 2, 2);
    assert.deepEqual(show(limits, 2), ['16.00', '16.01']);
    assert.ok(isWithinLimits('16.00', limits) && isWithinLimits('16.01', limits));
    assert.ok(!isWithinLimits('15.99', limits) && !isWithinLimits('16.02', limits));
    // two thirds of IVA withheld on 100.05 = 10.672033...: 100.045 x 0.106667 = 10.6715 .. 100.055 x 0.106667 = 10.6726
    assert.deepEqual(show(importeLimits('100.05', '0.106667', 2, 2), 2), ['10.67', '10.68']);
  });

  it('reaches one unit beyond floor and ceiling when Base x rate falls on the grid', () => {
    assert.deepEqual(show(importeLimits('100.00', '0.16', 2, 2), 2), ['15.99', '16.01']);
  });

  it('takes a negative lower limit as zero', () => {
    const limits = importeLimits('0', '0.16', 0, 2);
    assert.equal(limits.lower.toFixed(), '0');
    assert.equal(formatFixed(limits.upper, 2), '0.08');
  });

  it('uses the decimals of the Base: JPY (0 decimals) tolerates half a yen of Base', () => {
    // Base 1001 stands for 1000.5 .. 1001.5: x 0.16 = 160.08 .. 160.24
    assert.deepEqual(show(importeLimits('1001', '0.16', 0, 0), 0), ['160', '161']);
  });

  it('agrees with the validator (validate/limits.ts) on random Bases, rates and decimals', () => {
    const decimalString = fc
      .tuple(fc.integer({ min: 0, max: 6 }), fc.bigInt({ min: 0n, max: 10n ** 12n }))
      .map(([d, units]) => {
        if (d === 0) return units.toString();
        const text = units.toString().padStart(d + 1, '0');
        return `${text.slice(0, -d)}.${text.slice(-d)}`;
      });
    const rate = fc.constantFrom(
      '0.160000',
      '0.08',
      '0.106667',
      '0.1',
      '0.0125',
      '0.265',
      '1.600000',
      '6.4555',
      '0',
    );
    fc.assert(
      fc.property(decimalString, rate, fc.integer({ min: 0, max: 6 }), (base, r, d) => {
        const high = new Dec(base).plus(new Dec(`5e-${countDecimals(base) + 1}`));
        fc.pre(!epsilonMatters(high.times(r), high.minus('1e-12').times(r), d));
        const ours = show(importeLimits(base, r, countDecimals(base), d), d);
        const probe = d === 0 ? '0' : `0.${'0'.repeat(d)}`;
        const theirs = checkImpuestoImporte(base, r, probe);
        assert.deepEqual(ours, [theirs.lower, theirs.upper], `${base} x ${r} at ${d} decimals`);
      }),
      { numRuns: 500, seed: 41 },
    );
  });
});

describe('conceptoImporteLimits (Concepto Importe, CFDI40167)', () => {
  it("the Guía's Importe examples: 5 x 1230.00 = 6150.00 and 3.141649 x 1230.00 = 3864.22827 are inside", () => {
    const five = conceptoImporteLimits('5', '1230.00', 0, 2, 2);
    // Cantidad "5" stands for 4.5 .. 5.5: the tolerance is that wide
    assert.deepEqual(show(five, 2), ['5534.97', '6765.03']);
    assert.ok(isWithinLimits('6150.00', five));
    const pi = conceptoImporteLimits('3.141649', '1230.00', 6, 2, 5);
    // (3.141649 -/+ 0.0000005) x (1230.00 -/+ 0.005): 3864.2119467... and 3864.2445932...
    assert.deepEqual(show(pi, 5), ['3864.21194', '3864.24460']);
    assert.ok(isWithinLimits('3864.22827', pi));
    assert.ok(!isWithinLimits('3864.24461', pi) && !isWithinLimits('3864.21193', pi));
  });

  it("keeps SAT's - 10^-12 terms: 1 x 99999999 at 4 decimals has upper 149999999.2499, not .2500", () => {
    // (1.5 - 10^-12) x (99999999.5 - 10^-12) = 149999999.25 - 0.000100000001 + 10^-24
    const limits = conceptoImporteLimits('1', '99999999', 0, 0, 4);
    assert.deepEqual(show(limits, 4), ['49999999.2500', '149999999.2499']);
    assert.ok(!isWithinLimits('149999999.2500', limits));
  });

  it('admits both roundings of 3 x 33.333333 = 99.999999 at two decimals', () => {
    const limits = conceptoImporteLimits('3', '33.333333', 0, 6, 2);
    assert.ok(isWithinLimits('100.00', limits) && isWithinLimits('99.99', limits));
  });

  it('agrees with the validator on random Cantidad and ValorUnitario', () => {
    const decimalString = (max: bigint) =>
      fc.tuple(fc.integer({ min: 0, max: 6 }), fc.bigInt({ min: 1n, max })).map(([d, units]) => {
        if (d === 0) return units.toString();
        const text = units.toString().padStart(d + 1, '0');
        return `${text.slice(0, -d)}.${text.slice(-d)}`;
      });
    fc.assert(
      fc.property(
        decimalString(10n ** 9n),
        decimalString(10n ** 11n),
        fc.integer({ min: 0, max: 6 }),
        (q, v, d) => {
          const hq = new Dec(q).plus(new Dec(`5e-${countDecimals(q) + 1}`));
          const hv = new Dec(v).plus(new Dec(`5e-${countDecimals(v) + 1}`));
          fc.pre(!epsilonMatters(hq.times(hv), hq.minus('1e-12').times(hv.minus('1e-12')), d));
          const ours = show(conceptoImporteLimits(q, v, countDecimals(q), countDecimals(v), d), d);
          const theirs = checkConceptoImporte(q, v, d === 0 ? '0' : `0.${'0'.repeat(d)}`);
          assert.deepEqual(ours, [theirs.lower, theirs.upper], `${q} x ${v} at ${d} decimals`);
        },
      ),
      { numRuns: 500, seed: 167 },
    );
  });
});
