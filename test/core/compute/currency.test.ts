/** Each currency's decimals (c_Moneda) and TipoCambio. */
import assert from 'node:assert/strict';
import { ValidationError } from '../../../core/src/errors.js';
import { build, built, IVA16, item } from './requests.js';

describe('currencies (#2)', () => {
  it('JPY has 0 decimals: 3 x 333.5 = 1000.5 -> Importe 1001, IVA 160.16 -> 160, Total 1161', () => {
    const c = built([item({ quantity: '3', unit_price: '333.5', taxes: [IVA16] })], {
      currency: 'JPY',
      exchange_rate: '0.1123',
    });
    assert.deepEqual([c.Moneda, c.TipoCambio], ['JPY', '0.1123']);
    assert.equal(c.Conceptos[0]?.ValorUnitario, '333.5');
    assert.equal(c.Conceptos[0]?.Importe, '1001');
    assert.deepEqual(c.Conceptos[0]?.Impuestos?.Traslados?.[0], {
      Base: '1001',
      Impuesto: '002',
      TipoFactor: 'Tasa',
      TasaOCuota: '0.160000',
      Importe: '160',
    });
    assert.deepEqual([c.SubTotal, c.Impuestos?.TotalImpuestosTrasladados, c.Total], ['1001', '160', '1161']);
  });

  it('JPY withholdings and discounts are whole yen too', () => {
    const c = built(
      [
        item({
          unit_price: '10001',
          discount: '500.5',
          taxes: [
            IVA16,
            { type: 'ISR', rate: '0.10', withholding: true },
            { type: 'IVA', rate: '0.106667', withholding: true },
          ],
        }),
      ],
      { currency: 'JPY', exchange_rate: '0.1123' },
    );
    // Base 10001 - 501 = 9500: IVA 1520, ISR 950, IVA withheld 1013.3365 -> 1013
    assert.deepEqual(
      [
        c.SubTotal,
        c.Descuento,
        c.Impuestos?.TotalImpuestosTrasladados,
        c.Impuestos?.TotalImpuestosRetenidos,
        c.Total,
      ],
      ['10001', '501', '1520', '1963', '9057'],
    );
  });

  it('USD: amounts in dollars with 2 decimals and TipoCambio as sent', () => {
    const c = built([item({ quantity: '12.5', unit_price: '80.00', taxes: [IVA16] })], {
      currency: 'USD',
      exchange_rate: '17.2508',
    });
    assert.deepEqual([c.Moneda, c.TipoCambio, c.SubTotal, c.Total], ['USD', '17.2508', '1000.00', '1160.00']);
  });

  it('MXN writes no TipoCambio, even when exchange_rate 1 is sent', () => {
    assert.equal(built([item({ taxes: [IVA16] })]).TipoCambio, undefined);
    const c = built([item({ taxes: [IVA16] })], { exchange_rate: '1' });
    assert.deepEqual([c.Moneda, c.TipoCambio], ['MXN', undefined]);
  });

  it('a currency with more decimals (CLF, 4) keeps them in every amount', () => {
    const c = built([item({ quantity: '3', unit_price: '0.333333', taxes: [IVA16] })], {
      currency: 'CLF',
      exchange_rate: '745.12',
    });
    // 0.999999 -> 1.0000; IVA 0.16
    assert.deepEqual(
      [c.SubTotal, c.Impuestos?.TotalImpuestosTrasladados, c.Total],
      ['1.0000', '0.1600', '1.1600'],
    );
  });

  it('refuses a currency missing from c_Moneda with REQUEST_UNKNOWN_CURRENCY', () => {
    assert.throws(
      () => build([item({ taxes: [IVA16] })], { currency: 'MXP', exchange_rate: '1' }),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.code === 'REQUEST_UNKNOWN_CURRENCY' &&
        error.details[0]?.path === 'currency' &&
        /La moneda "MXP" no está en el catálogo c_Moneda/.test(error.message),
    );
  });
});
