import assert from 'node:assert/strict';
import { amountInWords } from '../../../core/src/money/amount-in-words.js';

describe('amountInWords (importe con letra)', () => {
  const es: [string, string, string][] = [
    ['0.50', 'MXN', 'CERO PESOS 50/100 M.N.'],
    ['0', 'MXN', 'CERO PESOS 00/100 M.N.'],
    ['1', 'MXN', 'UN PESO 00/100 M.N.'],
    ['1.99', 'MXN', 'UN PESO 99/100 M.N.'],
    ['15', 'MXN', 'QUINCE PESOS 00/100 M.N.'],
    ['16', 'MXN', 'DIECISÉIS PESOS 00/100 M.N.'],
    ['21', 'MXN', 'VEINTIÚN PESOS 00/100 M.N.'],
    ['22', 'MXN', 'VEINTIDÓS PESOS 00/100 M.N.'],
    ['31', 'MXN', 'TREINTA Y UN PESOS 00/100 M.N.'],
    ['100', 'MXN', 'CIEN PESOS 00/100 M.N.'],
    ['101', 'MXN', 'CIENTO UN PESOS 00/100 M.N.'],
    ['115', 'MXN', 'CIENTO QUINCE PESOS 00/100 M.N.'],
    ['500', 'MXN', 'QUINIENTOS PESOS 00/100 M.N.'],
    ['777', 'MXN', 'SETECIENTOS SETENTA Y SIETE PESOS 00/100 M.N.'],
    ['1000', 'MXN', 'MIL PESOS 00/100 M.N.'],
    ['1001', 'MXN', 'MIL UN PESOS 00/100 M.N.'],
    ['1160.00', 'MXN', 'MIL CIENTO SESENTA PESOS 00/100 M.N.'],
    ['2000', 'MXN', 'DOS MIL PESOS 00/100 M.N.'],
    ['21000', 'MXN', 'VEINTIÚN MIL PESOS 00/100 M.N.'],
    ['31000', 'MXN', 'TREINTA Y UN MIL PESOS 00/100 M.N.'],
    ['100000', 'MXN', 'CIEN MIL PESOS 00/100 M.N.'],
    ['101000', 'MXN', 'CIENTO UN MIL PESOS 00/100 M.N.'],
    ['1000000', 'MXN', 'UN MILLÓN DE PESOS 00/100 M.N.'],
    ['1000001', 'MXN', 'UN MILLÓN UN PESOS 00/100 M.N.'],
    ['2000001', 'MXN', 'DOS MILLONES UN PESOS 00/100 M.N.'],
    ['2500000', 'MXN', 'DOS MILLONES QUINIENTOS MIL PESOS 00/100 M.N.'],
    ['21000000', 'MXN', 'VEINTIÚN MILLONES DE PESOS 00/100 M.N.'],
    ['1000000000', 'MXN', 'MIL MILLONES DE PESOS 00/100 M.N.'],
    [
      '999999999.99',
      'MXN',
      'NOVECIENTOS NOVENTA Y NUEVE MILLONES NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE PESOS 99/100 M.N.',
    ],
    ['1000000000000', 'MXN', 'UN BILLÓN DE PESOS 00/100 M.N.'],
    ['50.50', 'USD', 'CINCUENTA DÓLARES 50/100 USD'],
    ['1', 'USD', 'UN DÓLAR 00/100 USD'],
    ['1234.56', 'EUR', 'MIL DOSCIENTOS TREINTA Y CUATRO EUROS 56/100 EUR'],
    ['1000', 'JPY', 'MIL YENES JPY'],
    ['1', 'JPY', 'UN YEN JPY'],
    ['21', 'GBP', 'VEINTIUNA LIBRAS ESTERLINAS 00/100 GBP'],
    ['201000', 'GBP', 'DOSCIENTAS UNA MIL LIBRAS ESTERLINAS 00/100 GBP'],
    ['101', 'COP', 'CIENTO UNO 00/100 COP'],
  ];
  for (const [amount, currency, expected] of es) {
    it(`${amount} ${currency} -> ${expected}`, () => {
      assert.equal(amountInWords(amount, currency), expected);
    });
  }

  const en: [string, string, string][] = [
    ['0.50', 'MXN', 'ZERO PESOS 50/100 MXN'],
    ['1', 'MXN', 'ONE PESO 00/100 MXN'],
    ['21', 'MXN', 'TWENTY-ONE PESOS 00/100 MXN'],
    ['101', 'MXN', 'ONE HUNDRED ONE PESOS 00/100 MXN'],
    ['1160.00', 'MXN', 'ONE THOUSAND ONE HUNDRED SIXTY PESOS 00/100 MXN'],
    ['2000001', 'USD', 'TWO MILLION ONE DOLLARS 00/100 USD'],
    [
      '999999999.99',
      'USD',
      'NINE HUNDRED NINETY-NINE MILLION NINE HUNDRED NINETY-NINE THOUSAND NINE HUNDRED NINETY-NINE DOLLARS 99/100 USD',
    ],
    ['1000', 'JPY', 'ONE THOUSAND YEN JPY'],
  ];
  for (const [amount, currency, expected] of en) {
    it(`${amount} ${currency} in English -> ${expected}`, () => {
      assert.equal(amountInWords(amount, currency, { lang: 'en' }), expected);
    });
  }

  it("rounds half up to the currency's decimals from c_Moneda", () => {
    assert.equal(amountInWords('21.005', 'MXN'), 'VEINTIÚN PESOS 01/100 M.N.');
    assert.equal(amountInWords('999.5', 'JPY'), 'MIL YENES JPY');
    assert.equal(amountInWords('1.2345', 'KWD'), 'UNO 235/1000 KWD');
  });

  it('writes the largest CFDI total (18 integer digits) exactly', () => {
    assert.equal(
      amountInWords('999999999999999999.99', 'MXN'),
      'NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE BILLONES NOVECIENTOS NOVENTA Y NUEVE MIL ' +
        'NOVECIENTOS NOVENTA Y NUEVE MILLONES NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE PESOS 99/100 M.N.',
    );
  });

  it('refuses negative, malformed and oversized amounts and unknown currencies with coded errors', () => {
    for (const bad of ['-1', 'abc', '1e3', '1000000000000000000']) {
      assert.throws(() => amountInWords(bad, 'MXN'), { code: 'AMOUNT_IN_WORDS_INVALID' }, bad);
    }
    assert.throws(() => amountInWords('1', 'ZZZ'), { code: 'REQUEST_UNKNOWN_CURRENCY' });
  });
});
