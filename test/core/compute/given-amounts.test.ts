/** A tax amount given in the request is used as is when inside SAT's limits, and refused otherwise. */
import assert from 'node:assert/strict';
import { ValidationError } from '../../../core/src/errors.js';
import { build, built, item } from './requests.js';

function outOfLimits(run: () => unknown, path: string, range: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ValidationError);
    assert.equal(error.code, 'REQUEST_TAX_AMOUNT_OUT_OF_LIMITS');
    assert.deepEqual(
      error.details.map((d) => [d.code, d.path]),
      [['REQUEST_TAX_AMOUNT_OUT_OF_LIMITS', path]],
    );
    assert.match(
      error.message,
      new RegExp(`^El campo ${path.replace(/[[\].]/g, '\\$&')} .*el SAT acepta de ${range}`),
    );
    assert.match(
      error.messageEn ?? '',
      new RegExp(`^Field ${path.replace(/[[\].]/g, '\\$&')} .*SAT accepts ${range.replace(' a ', ' to ')}`),
    );
    return true;
  });
}

describe('given tax amounts (#2)', () => {
  it('writes a given amount inside the limits instead of the computed one', () => {
    // 100.03 x 0.16 = 16.0048: half up is 16.00; 16.01 is inside [16.00, 16.01]
    const c = built([
      item({ unit_price: '100.03', taxes: [{ type: 'IVA', rate: '0.16', amount: '16.01' }] }),
    ]);
    assert.equal(c.Conceptos[0]?.Impuestos?.Traslados?.[0]?.Importe, '16.01');
    assert.deepEqual([c.Impuestos?.TotalImpuestosTrasladados, c.Total], ['16.01', '116.04']);
  });

  it('refuses an amount above the upper limit or below the lower one', () => {
    const ask = (amount: string) => () =>
      build([item({ unit_price: '100.03', taxes: [{ type: 'IVA', rate: '0.16', amount }] })]);
    outOfLimits(ask('16.02'), 'items[0].taxes[0].amount', '16.00 a 16.01');
    outOfLimits(ask('15.99'), 'items[0].taxes[0].amount', '16.00 a 16.01');
  });

  it('refuses more decimals than the currency has, even when the value is inside', () => {
    outOfLimits(
      () => build([item({ unit_price: '100.03', taxes: [{ type: 'IVA', rate: '0.16', amount: '16.005' }] })]),
      'items[0].taxes[0].amount',
      '16.00 a 16.01',
    );
    outOfLimits(
      () =>
        build([item({ unit_price: '1001', taxes: [{ type: 'IVA', rate: '0.16', amount: '160.2' }] })], {
          currency: 'JPY',
          exchange_rate: '0.1123',
        }),
      'items[0].taxes[0].amount',
      '160 a 161',
    );
  });

  it('checks withheld amounts too, naming the tax by its index in the request', () => {
    const taxes = [
      { type: 'IVA', rate: '0.16' },
      { type: 'ISR', rate: '0.10', withholding: true, amount: '100.00' },
      { type: 'IVA', rate: '0.106667', withholding: true, amount: '106.69' },
    ];
    outOfLimits(
      () => build([item(), item({ unit_key: 'E48', unit_price: '1000', taxes })]),
      'items[1].taxes[2].amount',
      '106.66 a 106.67', // 999.995 x 0.106667 = 106.6665; 1000.005 x 0.106667 = 106.6675
    );
    taxes[2] = { ...taxes[2], amount: '106.66' } as (typeof taxes)[number];
    const c = built([item({ unit_key: 'E48', unit_price: '1000', taxes })]);
    assert.deepEqual([c.Impuestos?.TotalImpuestosRetenidos, c.Total], ['206.66', '953.34']);
  });
});
