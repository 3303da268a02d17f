import assert from 'node:assert/strict';
import { Dec, roundTo, roundUpTo, truncateTo, unitOf } from '../../../core/src/money/decimal.js';
import { countDecimals, formatFixed } from '../../../core/src/money/format.js';

describe('formatFixed', () => {
  it('rounds half up (SAT), not half even', () => {
    assert.equal(formatFixed(new Dec('924.224956'), 2), '924.22');
    assert.equal(formatFixed(new Dec('0.125'), 2), '0.13'); // half even would give 0.12
    assert.equal(formatFixed(new Dec('0.135'), 2), '0.14');
    assert.equal(formatFixed(new Dec('2.5'), 0), '3');
    assert.equal(formatFixed(new Dec('3.5'), 0), '4');
    assert.equal(formatFixed(new Dec('106.667'), 2), '106.67');
    assert.equal(formatFixed(new Dec('0.0000005'), 6), '0.000001');
  });

  it('pads to exactly the requested decimals', () => {
    assert.equal(formatFixed(new Dec('16'), 2), '16.00');
    assert.equal(formatFixed(new Dec('0.16'), 6), '0.160000');
    assert.equal(formatFixed(new Dec('1160.4'), 0), '1160');
    assert.equal(formatFixed(new Dec('7.1'), 4), '7.1000');
  });

  it('never writes "-0.00" (a negative that rounds to zero is zero)', () => {
    assert.equal(formatFixed(new Dec('-0.001'), 2), '0.00');
    assert.equal(formatFixed(new Dec('-0.004999'), 2), '0.00');
    assert.equal(formatFixed(new Dec('-0'), 2), '0.00');
    assert.equal(formatFixed(new Dec('-0.4'), 0), '0');
    assert.equal(formatFixed(new Dec('-0.005'), 2), '-0.01'); // half away from zero stays negative
    assert.equal(formatFixed(new Dec('-1.5'), 2), '-1.50');
  });

  it('never uses exponent notation, however large or small', () => {
    assert.equal(formatFixed(new Dec('123456789012345678.123456'), 6), '123456789012345678.123456');
    assert.equal(formatFixed(new Dec('1e20'), 2), '100000000000000000000.00');
    assert.equal(formatFixed(new Dec('1e-9'), 6), '0.000000');
  });
});

describe('countDecimals', () => {
  it('counts the decimals a plain string is written with', () => {
    assert.equal(countDecimals('1.50'), 2);
    assert.equal(countDecimals('7'), 0);
    assert.equal(countDecimals('0.106667'), 6);
    assert.equal(countDecimals('100.'), 0);
  });
});

describe('Dec rounding helpers', () => {
  it('truncate, round half up and round up (away from zero) to a number of places', () => {
    const x = new Dec('924.224956');
    assert.equal(truncateTo(x, 2).toFixed(), '924.22');
    assert.equal(roundUpTo(x, 2).toFixed(), '924.23');
    assert.equal(roundTo(x, 2).toFixed(), '924.22');
    assert.equal(roundTo(new Dec('160.005'), 2).toFixed(), '160.01');
    assert.equal(roundUpTo(new Dec('16.00'), 2).toFixed(), '16');
    assert.equal(truncateTo(new Dec('-1.239'), 2).toFixed(), '-1.23');
  });

  it('keeps 64 significant digits: 18 integer digits x 6 decimals multiply exactly', () => {
    const q = new Dec('999999999999999999.999999');
    // (10^18 - 10^-6) x (10^6 - 10^-6) = 10^24 - 10^12 - 1 + 10^-12
    assert.equal(q.times('999999.999999').toFixed(), '999999999998999999999999.000000000001');
  });

  it('unitOf gives one unit in the last place', () => {
    assert.equal(unitOf(2).toFixed(), '0.01');
    assert.equal(unitOf(0).toFixed(), '1');
    assert.equal(unitOf(6).toFixed(), '0.000001');
    assert.equal(unitOf(8).toFixed(), '0.00000001');
  });
});
