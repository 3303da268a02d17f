import assert from 'node:assert/strict';
import { Comprobante40 } from '@nodecfdi/cfdi-expresiones';
import { formatAmount, formatRate } from '../../../core/src/pdf/display-format.js';
import { themeFor } from '../../../core/src/pdf/theme.js';
import { verificationUrl } from '../../../core/src/pdf/verification-url.js';
import { toWinAnsi } from '../../../core/src/pdf/win-ansi.js';
import { wrapLines } from '../../../core/src/pdf/wrap-lines.js';

/** A measure where every character is 1 unit wide, so widths are easy to reason about. */
const chars = (text: string) => [...text].length;

describe('PDF building blocks', () => {
  describe('wrapLines', () => {
    it('wraps at spaces and never exceeds the width', () => {
      const lines = wrapLines('uno dos tres cuatro cinco seis', 9, chars);
      assert.deepEqual(lines, ['uno dos', 'tres', 'cuatro', 'cinco', 'seis']);
      for (const line of lines) assert.ok(chars(line) <= 9);
    });

    it('cuts a word wider than the box between characters, keeping every character', () => {
      const sello = 'A'.repeat(25);
      const lines = wrapLines(`Sello: ${sello}`, 10, chars);
      assert.deepEqual(lines, ['Sello:', 'AAAAAAAAAA', 'AAAAAAAAAA', 'AAAAA']);
    });

    it('keeps runs of spaces inside a line (pedimentos are written with double spaces)', () => {
      assert.deepEqual(wrapLines('26  47  3807  8000001', 40, chars), ['26  47  3807  8000001']);
    });

    it('gives one empty line for empty text', () => {
      assert.deepEqual(wrapLines('', 10, chars), ['']);
    });
  });

  describe('toWinAnsi', () => {
    it('keeps Spanish letters, €, typographic quotes and dashes', () => {
      const spanish = '¿Año? ¡Ñandú! áéíóú ÁÉÍÓÚ üÜ € “x” ‘y’ – — · ©';
      assert.equal(toWinAnsi(spanish), spanish);
    });

    it('drops accents WinAnsi lacks, replaces other characters with ? and controls with spaces', () => {
      assert.equal(toWinAnsi('ő ł Ω 漢 😀'), 'o ? ? ? ?');
      assert.equal(toWinAnsi('a\tb\nc'), 'a b c');
    });
  });

  describe('verificationUrl', () => {
    const values = {
      uuid: 'C2832671-DA6D-11EF-A83D-00155D012007',
      rfcEmisor: 'H&E951128469',
      rfcReceptor: 'COSC8001137NA',
      total: '1000.00',
      sello: 'WZzQVFmM/0E21...SpFoYRhNjeNw==',
    };

    it("follows SAT's expression: escaped RFCs, total without insignificant zeros, last 8 of the Sello", () => {
      assert.equal(
        verificationUrl(values),
        'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=C2832671-DA6D-11EF-A83D-00155D012007' +
          '&re=H&amp;E951128469&rr=COSC8001137NA&tt=1000.0&fe=hNjeNw==',
      );
    });

    it('agrees with @nodecfdi/cfdi-expresiones on ordinary totals', () => {
      const library = new Comprobante40();
      for (const total of ['0.00', '1.5', '17852.75', '862.070000', '123456.123456']) {
        const ours = verificationUrl({ ...values, total });
        const theirs = library.format({
          id: values.uuid,
          re: values.rfcEmisor,
          rr: values.rfcReceptor,
          tt: total,
          fe: values.sello,
        });
        assert.equal(ours, theirs, total);
      }
    });

    it('keeps totals of 18 integer digits exact (the library goes through a float)', () => {
      const url = verificationUrl({ ...values, total: '123456789012345678.12' });
      assert.match(url, /&tt=123456789012345678\.12&/);
    });
  });

  describe('display formats', () => {
    it("groups thousands and keeps the XML's decimals", () => {
      assert.equal(formatAmount('1160.00'), '1,160.00');
      assert.equal(formatAmount('999999999.99'), '999,999,999.99');
      assert.equal(formatAmount('33.333333'), '33.333333');
      assert.equal(formatAmount('100'), '100');
    });

    it('prints a Tasa as a percentage without trailing zeros', () => {
      assert.equal(formatRate('0.160000'), '16%');
      assert.equal(formatRate('0.106667'), '10.6667%');
      assert.equal(formatRate('0.000000'), '0%');
    });
  });

  describe('themeFor', () => {
    it('puts white text on a dark brand and dark text on a light one, and darkens light ink', () => {
      assert.equal(themeFor('#1F4E79').onBrand, '#FFFFFF');
      const yellow = themeFor('#F5D547');
      assert.equal(yellow.onBrand, '#111111');
      assert.notEqual(yellow.brandInk, '#F5D547');
    });

    it('refuses a color that is not #RRGGBB', () => {
      for (const bad of ['red', '#FFF', '1F4E79', '#GGGGGG']) {
        assert.throws(() => themeFor(bad), { code: 'PDF_BRAND_COLOR' }, bad);
      }
    });
  });
});
