/**
 * Bad invoice requests: each gives ValidationError REQUEST_INVALID whose details carry the stable code,
 * the path of the field (`items[0].unit_price`) and a message in es-MX that starts by naming that field,
 * with the same in English.
 */
import assert from 'node:assert/strict';
import { parseInvoiceRequest } from '../../../core/src/cfdi/request/index.js';
import { ValidationError } from '../../../core/src/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests reshape free-form request JSON
type Json = Record<string, any>;

function base(): Json {
  return {
    issuer: { rfc: 'EKU9003173C9', name: 'ESCUELA KEMPER URGATE', tax_regime: '601', zip: '06600' },
    customer: { rfc: 'KIJ0906199R1', name: 'KIJ', tax_regime: '601', zip: '59820', cfdi_use: 'G03' },
    payment_form: '04',
    items: [
      {
        product_key: '43232408',
        unit_key: 'H87',
        description: 'Licencia anual de software',
        quantity: '2',
        unit_price: '1500.00',
        taxes: [{ type: 'IVA', rate: '0.16' }],
      },
      {
        product_key: '80141628',
        unit_key: 'E48',
        description: 'Honorarios',
        quantity: '1',
        unit_price: '1000',
        taxes: [
          { type: 'IVA', rate: '0.16' },
          { type: 'ISR', rate: '0.10', withholding: true },
        ],
      },
    ],
  };
}

function errorOf(request: unknown): ValidationError {
  try {
    parseInvoiceRequest(request);
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected ValidationError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected the request to be refused: ${JSON.stringify(request)}`);
}

/** Asserts the exact [code, path] list and that each message names its field in es-MX and English. */
function refused(
  change: (r: Json) => void,
  expected: [code: string, path: string][],
  es?: RegExp,
): ValidationError {
  const request = base();
  change(request);
  const error = errorOf(request);
  assert.equal(error.code, 'REQUEST_INVALID');
  assert.equal(error.status, 400);
  const order = (list: [string, string | undefined][]) =>
    [...list].sort((a, b) => `${a}`.localeCompare(`${b}`));
  assert.deepEqual(
    order(error.details.map((d) => [d.code, d.path])),
    order(expected),
    JSON.stringify(error.details, null, 1),
  );
  for (const d of error.details) {
    if (d.code === 'REQUEST_UNKNOWN_FIELD') continue;
    const where = d.path === '' ? 'La solicitud ' : `El campo ${d.path} `;
    const whereEn = d.path === '' ? 'The request ' : `Field ${d.path} `;
    assert.ok(d.message.startsWith(where), d.message);
    assert.ok(d.messageEn?.startsWith(whereEn), d.messageEn);
    assert.notEqual(d.message, d.messageEn);
  }
  if (es) assert.match(error.details.map((d) => d.message).join(' '), es);
  return error;
}

describe('invoice request: bad input (#2)', () => {
  describe('missing fields', () => {
    it('lists every missing top-level field at once', () => {
      const error = refused(
        (r) => {
          delete r.issuer;
          delete r.customer;
          delete r.items;
        },
        [
          ['REQUEST_REQUIRED', 'issuer'],
          ['REQUEST_REQUIRED', 'customer'],
          ['REQUEST_REQUIRED', 'items'],
        ],
        /El campo issuer es obligatorio y falta\./,
      );
      assert.match(error.message, /^La solicitud de factura tiene 3 errores: /);
      assert.match(error.messageEn ?? '', /^The invoice request has 3 errors: /);
    });

    it('names nested missing fields by their path (a missing tax type too, not "must be one of")', () => {
      refused(
        (r) => {
          delete r.customer.cfdi_use;
          delete r.items[1].quantity;
          delete r.items[0].taxes[0].type;
        },
        [
          ['REQUEST_REQUIRED', 'customer.cfdi_use'],
          ['REQUEST_REQUIRED', 'items[0].taxes[0].type'],
          ['REQUEST_REQUIRED', 'items[1].quantity'],
        ],
      );
    });

    it('takes null as missing and an empty string as empty', () => {
      refused((r) => (r.customer.rfc = null), [['REQUEST_REQUIRED', 'customer.rfc']]);
      refused(
        (r) => (r.issuer.name = '   '),
        [['REQUEST_REQUIRED', 'issuer.name']],
        /issuer\.name está vacío/,
      );
      refused((r) => (r.items[0].product_key = ''), [['REQUEST_REQUIRED', 'items[0].product_key']]);
    });

    it('refuses an empty item list', () => {
      refused((r) => (r.items = []), [['REQUEST_REQUIRED', 'items']], /al menos 1 elemento/);
    });

    it('requires payment_form with PUE (the default)', () => {
      refused(
        (r) => delete r.payment_form,
        [['REQUEST_REQUIRED', 'payment_form']],
        /obligatorio con payment_method PUE/,
      );
    });

    it('requires a rate for Tasa and Cuota', () => {
      refused(
        (r) => (r.items[0].taxes = [{ type: 'IVA' }]),
        [['REQUEST_REQUIRED', 'items[0].taxes[0].rate']],
        /"0\.16" para 16%/,
      );
      refused(
        (r) => (r.items[0].taxes = [{ type: 'IEPS', factor: 'Cuota' }]),
        [['REQUEST_REQUIRED', 'items[0].taxes[0].rate']],
      );
    });

    it('refuses no request at all, or one that is not an object', () => {
      for (const [input, code] of [
        [null, 'REQUEST_REQUIRED'],
        [undefined, 'REQUEST_REQUIRED'],
        ['{"issuer":1}', 'REQUEST_INVALID_TYPE'],
        [[], 'REQUEST_INVALID_TYPE'],
      ] as const) {
        const error = errorOf(input);
        assert.deepEqual(
          error.details.map((d) => [d.code, d.path]),
          [[code, '']],
        );
        assert.match(
          error.details[0]?.message ?? '',
          /^La solicitud (está vacía; envía un objeto JSON|debe ser un objeto)\.$/,
        );
      }
    });
  });

  describe('wrong types', () => {
    it('says which type each field needs', () => {
      refused(
        (r) => {
          r.issuer.rfc = 5;
          r.items[0].tax_included = 'yes';
          r.items[1].taxes[1].withholding = 1;
        },
        [
          ['REQUEST_INVALID_TYPE', 'issuer.rfc'],
          ['REQUEST_INVALID_TYPE', 'items[0].tax_included'],
          ['REQUEST_INVALID_TYPE', 'items[1].taxes[1].withholding'],
        ],
        /issuer\.rfc debe ser texto.*tax_included debe ser true o false/,
      );
      refused(
        (r) => (r.items = { 0: r.items[0] }),
        [['REQUEST_INVALID_TYPE', 'items']],
        /items debe ser una lista/,
      );
      refused(
        (r) => (r.customer = 'KIJ'),
        [['REQUEST_INVALID_TYPE', 'customer']],
        /customer debe ser un objeto/,
      );
    });

    it('refuses a decimal of the wrong type or form with REQUEST_INVALID_DECIMAL', () => {
      refused(
        (r) => {
          r.items[0].quantity = true;
          r.items[0].unit_price = '1,500.00';
          r.items[1].unit_price = 1e21;
          r.items[1].quantity = '1e3';
        },
        [
          ['REQUEST_INVALID_DECIMAL', 'items[0].quantity'],
          ['REQUEST_INVALID_DECIMAL', 'items[0].unit_price'],
          ['REQUEST_INVALID_DECIMAL', 'items[1].quantity'],
          ['REQUEST_INVALID_DECIMAL', 'items[1].unit_price'],
        ],
        /unit_price no es un número decimal; usa dígitos y punto decimal, sin comas/,
      );
      // JSON cannot carry NaN; a JS caller that passes it gets the general decimal message
      refused(
        (r) => (r.items[0].unit_price = Number.NaN),
        [['REQUEST_INVALID_DECIMAL', 'items[0].unit_price']],
        /unit_price debe ser un número decimal/,
      );
    });

    it('refuses zero or negative amounts and more than 6 decimals', () => {
      refused(
        (r) => {
          r.items[0].quantity = '0';
          r.items[0].unit_price = '-5';
          r.items[1].unit_price = '1.1234567';
          r.items[1].discount = '-1';
        },
        [
          ['REQUEST_INVALID_DECIMAL', 'items[0].quantity'],
          ['REQUEST_INVALID_DECIMAL', 'items[0].unit_price'],
          ['REQUEST_INVALID_DECIMAL', 'items[1].unit_price'],
          ['REQUEST_INVALID_DECIMAL', 'items[1].discount'],
        ],
        /quantity debe ser mayor que cero \(recibido 0\).*admite como máximo 6 decimales \(recibido 1\.1234567\).*discount no puede ser negativo/,
      );
    });

    it('refuses values outside their enumeration or key format', () => {
      refused(
        (r) => {
          r.type = 'T';
          r.payment_method = 'CONTADO';
          r.items[0].taxes[0].type = 'VAT';
          r.items[0].taxes[0].factor = 'tasa';
        },
        [
          ['REQUEST_INVALID_VALUE', 'type'],
          ['REQUEST_INVALID_VALUE', 'payment_method'],
          ['REQUEST_INVALID_VALUE', 'items[0].taxes[0].type'],
          ['REQUEST_INVALID_VALUE', 'items[0].taxes[0].factor'],
        ],
        /type debe ser uno de: "I", "E"/,
      );
      refused(
        (r) => {
          r.issuer.rfc = 'ABC';
          r.issuer.zip = '6600';
          r.customer.email = 'carlos-at-example';
          r.customer.country = 'US';
          r.items[0].product_key = '123';
          r.items[0].unit_key = 'H877';
          r.items[0].tax_object = '09';
        },
        [
          ['REQUEST_INVALID_VALUE', 'issuer.rfc'],
          ['REQUEST_INVALID_VALUE', 'issuer.zip'],
          ['REQUEST_INVALID_VALUE', 'customer.email'],
          ['REQUEST_INVALID_VALUE', 'customer.country'],
          ['REQUEST_INVALID_VALUE', 'items[0].product_key'],
          ['REQUEST_INVALID_VALUE', 'items[0].unit_key'],
          ['REQUEST_INVALID_VALUE', 'items[0].tax_object'],
        ],
        /issuer\.rfc "ABC" no es válido; se espera un RFC de 12 \(persona moral\) o 13 \(persona física\)/,
      );
      refused(
        (r) => (r.series = 'S'.repeat(26)),
        [['REQUEST_INVALID_VALUE', 'series']],
        /como máximo 25 caracteres/,
      );
    });

    it('refuses a global year that is not 4 digits, in Spanish (zod said "Invalid string" in English)', () => {
      refused(
        (r) => (r.global = { periodicity: '01', months: '11', year: '26' }),
        [['REQUEST_INVALID_VALUE', 'global.year']],
        /global\.year "26" no es válido; se espera un año de 4 dígitos/,
      );
      refused(
        (r) => (r.global = { periodicity: '01', months: '11', year: 2026.5 }),
        [['REQUEST_INVALID_VALUE', 'global.year']],
      );
    });
  });

  describe('unknown fields', () => {
    it('names each unknown field with its path instead of ignoring it', () => {
      const error = refused(
        (r) => {
          r.foo = 1;
          r.items[0].price = '10';
          r.items[1].taxes[0].percent = 16;
        },
        [
          ['REQUEST_UNKNOWN_FIELD', 'foo'],
          ['REQUEST_UNKNOWN_FIELD', 'items[0].price'],
          ['REQUEST_UNKNOWN_FIELD', 'items[1].taxes[0].percent'],
        ],
      );
      const prices = error.details.find((d) => d.path === 'items[0].price');
      assert.equal(
        prices?.message,
        'Campo desconocido en items[0]: price. Revisa el nombre (p. ej. "unit_price") o quítalo.',
      );
      assert.equal(
        prices?.messageEn,
        'Unknown field in items[0]: price. Check its name (e.g. "unit_price") or remove it.',
      );
    });
  });

  describe('taxes', () => {
    it('refuses a rate written as a percentage: 16 instead of 0.16', () => {
      refused(
        (r) => {
          r.items[0].taxes[0].rate = 16;
          r.items[1].taxes[1].rate = '10';
        },
        [
          ['REQUEST_INVALID_VALUE', 'items[0].taxes[0].rate'],
          ['REQUEST_INVALID_VALUE', 'items[1].taxes[1].rate'],
        ],
        /items\[0\]\.taxes\[0\]\.rate es una fracción, no un porcentaje: escribe "0\.16" para 16% \(recibido 16\)/,
      );
    });

    it('accepts IEPS up to 1.6 (160%, tobacco, in c_TasaOCuota) and refuses 2.65 for 265%', () => {
      const request = base();
      request.items[0].taxes = [
        { type: 'IEPS', rate: '1.6' },
        { type: 'IVA', rate: '0.16' },
      ];
      assert.equal(parseInvoiceRequest(request).items[0]?.taxes[0]?.rate, '1.6');
      refused(
        (r) => (r.items[0].taxes = [{ type: 'IEPS', rate: '2.65' }]),
        [['REQUEST_INVALID_VALUE', 'items[0].taxes[0].rate']],
      );
      refused(
        (r) => (r.items[0].taxes = [{ type: 'IVA', rate: '1.6' }]),
        [['REQUEST_INVALID_VALUE', 'items[0].taxes[0].rate']],
      );
    });

    it('accepts a Cuota above 1 (pesos per unit)', () => {
      const request = base();
      request.items[0].taxes = [{ type: 'IEPS', factor: 'Cuota', rate: '6.4555' }];
      assert.equal(parseInvoiceRequest(request).items[0]?.taxes[0]?.rate, '6.4555');
    });

    it('refuses Exento with a rate or an amount', () => {
      refused(
        (r) => (r.items[0].taxes = [{ type: 'IVA', factor: 'Exento', rate: '0.16' }]),
        [['REQUEST_INVALID_VALUE', 'items[0].taxes[0]']],
        /no lleva tasa ni importe cuando factor es "Exento"; quita rate y amount/,
      );
      refused(
        (r) => (r.items[0].taxes = [{ type: 'IVA', factor: 'Exento', amount: '0.00' }]),
        [['REQUEST_INVALID_VALUE', 'items[0].taxes[0]']],
      );
    });

    it('refuses a withheld Exento', () => {
      refused(
        (r) => (r.items[1].taxes[1] = { type: 'ISR', factor: 'Exento', withholding: true }),
        [['REQUEST_INVALID_VALUE', 'items[1].taxes[1].factor']],
        /no puede ser "Exento" en una retención/,
      );
    });

    it('refuses taxes with tax_object 01 (or 03, 04, 08), and no taxes with 02', () => {
      refused(
        (r) => (r.items[0].tax_object = '01'),
        [['REQUEST_INVALID_VALUE', 'items[0].tax_object']],
        /tax_object es "01", que no lleva desglose de impuestos; quita taxes o usa "02"/,
      );
      refused((r) => (r.items[1].tax_object = '04'), [['REQUEST_INVALID_VALUE', 'items[1].tax_object']]);
      refused(
        (r) => {
          r.items[0].tax_object = '02';
          r.items[0].taxes = [];
        },
        [['REQUEST_REQUIRED', 'items[0].taxes']],
        /es obligatorio con tax_object "02"/,
      );
    });

    it('refuses the same tax twice on one item', () => {
      refused(
        (r) => r.items[0].taxes.push({ type: 'IVA', rate: '0.08' }),
        [['REQUEST_INVALID_VALUE', 'items[0].taxes[1]']],
        /repite el impuesto IVA Tasa/,
      );
    });

    it('refuses a Cuota base on a Tasa tax and a given amount on a tax-included price', () => {
      refused((r) => (r.items[0].taxes[0].base = '3'), [['REQUEST_INVALID_VALUE', 'items[0].taxes[0].base']]);
      refused(
        (r) => {
          r.items[0].tax_included = true;
          r.items[0].taxes[0].amount = '480.00';
        },
        [['REQUEST_INVALID_VALUE', 'items[0].taxes[0].amount']],
        /no se puede dar con tax_included/,
      );
    });
  });

  describe('amounts and combinations', () => {
    it('refuses a discount above quantity x unit_price', () => {
      refused(
        (r) => (r.items[0].discount = '3000.01'),
        [['REQUEST_INVALID_VALUE', 'items[0].discount']],
        /discount \(3000\.01\) es mayor que quantity x unit_price \(3000\)/,
      );
      const request = base();
      request.items[0].discount = '3000.00';
      assert.equal(parseInvoiceRequest(request).items[0]?.discount, '3000.00');
    });

    it('refuses PPD with a payment_form other than 99', () => {
      refused(
        (r) => (r.payment_method = 'PPD'),
        [['REQUEST_INVALID_VALUE', 'payment_form']],
        /payment_form debe ser "99" \(por definir\) con payment_method PPD/,
      );
    });

    it('requires exchange_rate with a foreign currency', () => {
      refused(
        (r) => (r.currency = 'USD'),
        [['REQUEST_REQUIRED', 'exchange_rate']],
        /exchange_rate es obligatorio con moneda USD: pesos por 1 USD/,
      );
    });

    it('refuses an exchange_rate other than 1 with MXN, and any with XXX', () => {
      refused(
        (r) => (r.exchange_rate = '17.25'),
        [['REQUEST_INVALID_VALUE', 'exchange_rate']],
        /debe ser 1 \(o no darse\) con moneda MXN/,
      );
      refused(
        (r) => {
          r.currency = 'XXX';
          r.exchange_rate = '1';
        },
        [['REQUEST_INVALID_VALUE', 'exchange_rate']],
      );
    });

    it('refuses a malformed UUID in related', () => {
      refused(
        (r) =>
          (r.related = [
            { relationship: '01', uuids: ['5fb2822e-396d-4725-8521-cdc4bdd20ccf', 'not-a-uuid'] },
          ]),
        [['REQUEST_INVALID_VALUE', 'related[0].uuids[1]']],
        /related\[0\]\.uuids\[1\] "not-a-uuid" no es válido; se espera un UUID \(folio fiscal\) de 36 caracteres/,
      );
      refused(
        (r) => (r.related = [{ relationship: '01', uuids: [] }]),
        [['REQUEST_REQUIRED', 'related[0].uuids']],
      );
    });

    it('refuses dates that do not exist, are not ISO, or carry an impossible offset', () => {
      for (const date of [
        '2026-02-30T10:00:00',
        '2026-13-01T10:00:00',
        '2026-11-28T24:00:00',
        '28/11/2026 10:00',
        '2026-11-28',
        '2026-11-28T10:00:00.5', // fractions only on an instant
        '2026-11-28T10:00:00+25:00', // reached Fecha as an Invalid Date (RangeError) before the fix
        '2026-11-28T10:00:00+24:00',
        '2026-11-28T10:00:00-06:60',
      ]) {
        refused(
          (r) => (r.date = date),
          [['REQUEST_INVALID_VALUE', 'date']],
          /date debe ser una fecha "AAAA-MM-DDThh:mm:ss" \(hora local de issuer\.zip\) o un instante ISO con Z u offset/,
        );
      }
    });
  });
});
