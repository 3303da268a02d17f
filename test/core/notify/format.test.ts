import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCfdiDate, formatInstant, formatMoney } from '../../../core/src/notify/email/format.js';
import { MailError } from '../../../core/src/notify/index.js';

describe('email formats', () => {
  it('writes amounts as Mexican currency from the decimal string', () => {
    assert.equal(formatMoney('1160.00', 'MXN'), '$1,160.00 MXN');
    assert.equal(formatMoney('1160', 'MXN'), '$1,160.00 MXN');
    assert.equal(formatMoney('0', 'MXN'), '$0.00 MXN');
    assert.equal(formatMoney('999.995', 'MXN'), '$1,000.00 MXN', 'half up to the currency decimals');
    assert.equal(formatMoney('1000000.5', 'USD'), '$1,000,000.50 USD');
    assert.equal(formatMoney('1234.5', 'EUR'), '€1,234.50 EUR');
    assert.equal(formatMoney('1500.4', 'JPY'), '¥1,500 JPY', 'c_Moneda: JPY has no decimals');
    assert.equal(formatMoney('100', 'COP'), '100.00 COP');
    assert.equal(
      formatMoney('9007199254740993.01', 'MXN'),
      '$9,007,199,254,740,993.01 MXN',
      'beyond float precision',
    );
  });

  it('keeps every digit of any amount (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }),
        fc.integer({ min: 0, max: 99 }),
        (integer, cents) => {
          const text = `${integer}.${String(cents).padStart(2, '0')}`;
          const shown = formatMoney(text, 'MXN');
          assert.equal(shown.replace(/[$,]|\sMXN$/g, ''), text);
        },
      ),
    );
  });

  it('refuses amounts that are not plain non-negative decimals, and unknown currencies', () => {
    for (const amount of ['1,160.00', '-5', '1e3', 'abc', '']) {
      assert.throws(
        () => formatMoney(amount, 'MXN'),
        (e: unknown) => e instanceof MailError && e.code === 'MAIL_INVALID_CONTENT',
      );
    }
    assert.throws(() => formatMoney('1', 'PESOS'), /c_Moneda/);
  });

  it('shows a CFDI Fecha as written (local time), in Spanish and English', () => {
    assert.equal(formatCfdiDate('2025-01-24T10:10:41', 'es'), '24 de enero de 2025 a las 10:10');
    assert.equal(formatCfdiDate('2025-01-24T00:05:00', 'en'), 'January 24, 2025 at 00:05');
    assert.throws(() => formatCfdiDate('2025-01-24', 'es'), /AAAA-MM-DDThh:mm:ss/);
    assert.throws(() => formatCfdiDate('2025-13-40T10:10:41', 'es'), /AAAA-MM-DDThh:mm:ss/);
  });

  it('shows a deadline in the merchant time zone with its offset', () => {
    assert.equal(formatInstant('2026-12-01T05:59:00Z', 'es'), '30 de noviembre de 2026 a las 23:59 (UTC-6)');
    assert.equal(
      formatInstant(new Date('2026-12-01T05:59:00Z'), 'en', 'America/Cancun'),
      'December 1, 2026 at 00:59 (UTC-5)',
    );
    assert.equal(
      formatInstant('2026-07-01T12:00:00-07:00', 'es', 'America/Tijuana'),
      '1 de julio de 2026 a las 12:00 (UTC-7)',
    );
    assert.throws(() => formatInstant('2026-12-01T05:59:00', 'es'), /con zona/);
  });
});
