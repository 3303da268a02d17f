import assert from 'node:assert/strict';
import { ValidationError } from '../../../core/src/errors.js';
import { parseDecimal, readDecimal } from '../../../core/src/money/parse-decimal.js';

function value(input: unknown): string {
  const read = readDecimal(input);
  assert.ok(read.ok, `expected ${String(input)} to read, got ${JSON.stringify(read)}`);
  return read.value.toFixed();
}

function reason(input: unknown): string {
  const read = readDecimal(input);
  assert.ok(!read.ok, `expected ${String(input)} to be refused, read ${JSON.stringify(read)}`);
  return read.reason;
}

describe('readDecimal', () => {
  it('reads decimal strings exactly, trimmed', () => {
    assert.equal(value('116.00'), '116');
    assert.equal(readDecimal('116.00').ok && readDecimal('116.00').text, '116.00');
    assert.equal(value(' 0.000001 '), '0.000001');
    assert.equal(value('123456789012345678.123456'), '123456789012345678.123456');
    assert.equal(value('-5'), '-5');
  });

  it('reads a JS number through String(n), so 0.1 is exactly 0.1 and never 0.1000000000000000055', () => {
    assert.equal(value(0.1), '0.1');
    assert.equal(value(0.1 + 0.2), '0.30000000000000004'); // what String() prints: the float's shortest form
    assert.equal(value(19.9), '19.9');
    assert.equal(value(1234.5), '1234.5');
    assert.equal(value(100), '100');
    const read = readDecimal(33.333333);
    assert.ok(read.ok);
    assert.equal(read.text, '33.333333');
  });

  it('refuses numbers JavaScript prints in exponent form (1e21, 1e-7): the digits must be written', () => {
    assert.equal(String(1e21), '1e+21');
    assert.equal(reason(1e21), 'exponent');
    assert.equal(reason(1e-7), 'exponent');
    assert.equal(reason('1e3'), 'exponent');
    assert.equal(reason('2.5E-3'), 'exponent');
    assert.equal(value(1e20), '100000000000000000000'); // still plain in String()
  });

  it('refuses NaN and Infinity, as numbers and as text', () => {
    assert.equal(reason(Number.NaN), 'not-finite');
    assert.equal(reason(Number.POSITIVE_INFINITY), 'not-finite');
    assert.equal(reason('NaN'), 'not-finite');
    assert.equal(reason('-Infinity'), 'not-finite');
  });

  it('refuses thousands separators, currency signs and half-written numbers', () => {
    for (const text of ['1,000.00', '1 000', '$5', '5.', '.5', '+5', '12,5', '0x10', '١٢']) {
      assert.equal(reason(text), 'format', text);
    }
  });

  it('refuses empty text and non-numeric types', () => {
    assert.equal(reason(''), 'empty');
    assert.equal(reason('   '), 'empty');
    for (const input of [true, null, undefined, {}, [], 10n])
      assert.equal(reason(input), 'type', String(input));
  });
});

describe('parseDecimal', () => {
  it('returns the Decimal of a valid input', () => {
    assert.equal(parseDecimal('924.224956').toFixed(), '924.224956');
  });

  it('throws ValidationError REQUEST_INVALID_DECIMAL naming the field, in es-MX and English', () => {
    assert.throws(
      () => parseDecimal('1,000.00', 'items[0].unit_price'),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.equal(error.code, 'REQUEST_INVALID_DECIMAL');
        assert.equal(error.status, 400);
        assert.deepEqual(
          error.details.map((d) => [d.code, d.path]),
          [['REQUEST_INVALID_DECIMAL', 'items[0].unit_price']],
        );
        assert.match(error.message, /^El campo items\[0\]\.unit_price no es un número decimal; .*sin comas/);
        assert.match(
          error.messageEn ?? '',
          /^Field items\[0\]\.unit_price is not a decimal number; .*no commas/,
        );
        return true;
      },
    );
  });

  it('tells to write the digits for exponent notation', () => {
    assert.throws(() => parseDecimal(1e21, 'quantity'), /notación exponencial; escribe todos los dígitos/);
  });
});
