import assert from 'node:assert/strict';
import { getCatalogs } from '../../../core/src/catalogs/index.js';
import { ValidationError } from '../../../core/src/errors.js';
import { currencyDecimals } from '../../../core/src/money/currency.js';

describe('currencyDecimals (c_Moneda)', () => {
  const catalogs = getCatalogs();

  it('gives each currency its decimals from SAT c_Moneda', () => {
    assert.equal(currencyDecimals('MXN', catalogs), 2);
    assert.equal(currencyDecimals('USD', catalogs), 2);
    assert.equal(currencyDecimals('EUR', catalogs), 2);
    assert.equal(currencyDecimals('JPY', catalogs), 0);
    assert.equal(currencyDecimals('BHD', catalogs), 3);
    assert.equal(currencyDecimals('CLF', catalogs), 4);
  });

  it('refuses an unknown currency with REQUEST_UNKNOWN_CURRENCY at `currency`, es-MX and English', () => {
    for (const code of ['MXP', 'usd', 'ZZZ']) {
      assert.throws(
        () => currencyDecimals(code, catalogs),
        (error: unknown) => {
          assert.ok(error instanceof ValidationError);
          assert.equal(error.code, 'REQUEST_UNKNOWN_CURRENCY');
          assert.deepEqual(
            error.details.map((d) => [d.code, d.path]),
            [['REQUEST_UNKNOWN_CURRENCY', 'currency']],
          );
          assert.match(error.message, new RegExp(`La moneda "${code}" no está en el catálogo c_Moneda`));
          assert.match(error.messageEn ?? '', new RegExp(`Currency "${code}" is not in SAT's c_Moneda`));
          return true;
        },
        code,
      );
    }
  });

  it('names the path it is given', () => {
    assert.throws(
      () => currencyDecimals('ZZZ', catalogs, 'payments[0].currency'),
      (error: ValidationError) => error.details[0]?.path === 'payments[0].currency',
    );
  });
});
