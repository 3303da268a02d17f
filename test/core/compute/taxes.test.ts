/** Concept taxes and the summary, with amounts worked by hand from SAT's rules (Anexo 20, Guía 4.0). */
import assert from 'node:assert/strict';
import { built, ISSUER, IVA16, item } from './requests.js';

const traslado = (
  Base: string,
  Impuesto: string,
  TipoFactor: string,
  TasaOCuota?: string,
  Importe?: string,
) => ({
  Base,
  Impuesto,
  TipoFactor,
  ...(TasaOCuota === undefined ? {} : { TasaOCuota, Importe }),
});

describe('taxes and totals (#2)', () => {
  describe('IVA', () => {
    it('16%: 2 x 1250.00 -> Importe 2500.00, IVA 400.00, Total 2900.00', () => {
      const c = built([item({ quantity: '2', unit_price: '1250.00', taxes: [IVA16] })]);
      assert.equal(c.Conceptos[0]?.Importe, '2500.00');
      assert.equal(c.Conceptos[0]?.ObjetoImp, '02');
      assert.deepEqual(c.Conceptos[0]?.Impuestos, {
        Traslados: [traslado('2500.00', '002', 'Tasa', '0.160000', '400.00')],
      });
      assert.deepEqual(c.Impuestos, {
        TotalImpuestosTrasladados: '400.00',
        Traslados: [traslado('2500.00', '002', 'Tasa', '0.160000', '400.00')],
      });
      assert.deepEqual([c.SubTotal, c.Descuento, c.Total], ['2500.00', undefined, '2900.00']);
    });

    it('8% (región fronteriza): 1000.00 -> 80.00', () => {
      const c = built([item({ unit_price: '1000', taxes: [{ type: 'IVA', rate: '0.08' }] })], {
        issuer: { ...ISSUER, zip: '22000' },
      });
      assert.equal(c.Impuestos?.Traslados?.[0]?.TasaOCuota, '0.080000');
      assert.equal(c.Impuestos?.TotalImpuestosTrasladados, '80.00');
      assert.equal(c.Total, '1080.00');
    });

    it('0%: a Traslado with Importe 0.00 and TotalImpuestosTrasladados 0.00', () => {
      const c = built([item({ unit_price: '500', taxes: [{ type: 'IVA', rate: '0' }] })]);
      assert.deepEqual(c.Impuestos, {
        TotalImpuestosTrasladados: '0.00',
        Traslados: [traslado('500.00', '002', 'Tasa', '0.000000', '0.00')],
      });
      assert.equal(c.Total, '500.00');
    });

    it('exento: Base without TasaOCuota or Importe, in the concept and the summary; no TotalImpuestosTrasladados', () => {
      const c = built([item({ unit_price: '3000', taxes: [{ type: 'IVA', factor: 'Exento' }] })]);
      assert.deepEqual(c.Conceptos[0]?.Impuestos, { Traslados: [traslado('3000.00', '002', 'Exento')] });
      assert.deepEqual(c.Impuestos, { Traslados: [traslado('3000.00', '002', 'Exento')] });
      assert.equal(c.Total, '3000.00');
    });

    it('groups the summary by Impuesto, TipoFactor and TasaOCuota: 16/8/0/exento give four nodes, two 16% lines one', () => {
      const c = built([
        item({ unit_price: '100.00', taxes: [IVA16] }),
        item({ unit_price: '200.00', taxes: [{ type: 'IVA', rate: '0.08' }] }),
        item({ unit_price: '300.00', taxes: [{ type: 'IVA', rate: '0' }] }),
        item({ unit_price: '400.00', taxes: [{ type: 'IVA', factor: 'Exento' }] }),
        item({ unit_price: '50.05', taxes: [IVA16] }),
      ]);
      assert.deepEqual(c.Impuestos?.Traslados, [
        traslado('150.05', '002', 'Tasa', '0.160000', '24.01'), // 16.00 + 8.01 (50.05 x 0.16 = 8.008)
        traslado('200.00', '002', 'Tasa', '0.080000', '16.00'),
        traslado('300.00', '002', 'Tasa', '0.000000', '0.00'),
        traslado('400.00', '002', 'Exento'),
      ]);
      assert.equal(c.Impuestos?.TotalImpuestosTrasladados, '40.01');
      assert.deepEqual([c.SubTotal, c.Total], ['1050.05', '1090.06']);
    });

    it('rounds each concept half up and sums exactly: six lines of 100.03 carry 16.00 each, summary 96.00', () => {
      const c = built(Array.from({ length: 6 }, () => item({ unit_price: '100.03', taxes: [IVA16] })));
      for (const concepto of c.Conceptos) assert.equal(concepto.Impuestos?.Traslados?.[0]?.Importe, '16.00'); // 16.0048
      assert.deepEqual(c.Impuestos?.Traslados, [traslado('600.18', '002', 'Tasa', '0.160000', '96.00')]);
      assert.deepEqual([c.SubTotal, c.Total], ['600.18', '696.18']);
    });

    it('rounds the concept Importe: 3 x 33.333333 = 99.999999 -> 100.00, ValorUnitario as sent', () => {
      const c = built([item({ quantity: '3', unit_price: '33.333333', taxes: [IVA16] })]);
      assert.deepEqual(
        [c.Conceptos[0]?.Cantidad, c.Conceptos[0]?.ValorUnitario, c.Conceptos[0]?.Importe],
        ['3', '33.333333', '100.00'],
      );
      assert.equal(c.Total, '116.00');
    });

    it('rounds half up, not half even: 0.5 x 100.25 = 50.125 -> 50.13; IVA 8.0208 -> 8.02', () => {
      const c = built([item({ quantity: '0.5', unit_price: '100.25', taxes: [IVA16] })]);
      assert.equal(c.Conceptos[0]?.Importe, '50.13');
      assert.equal(c.Impuestos?.TotalImpuestosTrasladados, '8.02');
    });
  });

  describe('IEPS', () => {
    it('tasa 8% with IVA over it: 10 x 15.50 -> IEPS 12.40, IVA on 167.40 = 26.78', () => {
      const c = built([
        item({ quantity: '10', unit_price: '15.50', taxes: [{ type: 'IEPS', rate: '0.08' }, IVA16] }),
      ]);
      const expected = [
        traslado('155.00', '003', 'Tasa', '0.080000', '12.40'),
        traslado('167.40', '002', 'Tasa', '0.160000', '26.78'),
      ];
      assert.deepEqual(c.Conceptos[0]?.Impuestos?.Traslados, expected);
      assert.deepEqual(c.Impuestos?.Traslados, expected);
      assert.deepEqual([c.Impuestos?.TotalImpuestosTrasladados, c.Total], ['39.18', '194.18']);
    });

    it('IVA over IEPS regardless of the order the taxes are listed', () => {
      const c = built([
        item({ quantity: '10', unit_price: '15.50', taxes: [IVA16, { type: 'IEPS', rate: '0.08' }] }),
      ]);
      assert.equal(c.Total, '194.18');
      assert.equal(c.Conceptos[0]?.Impuestos?.Traslados?.find((t) => t.Impuesto === '002')?.Base, '167.40');
    });

    it('tasa 160% (tobacco, c_TasaOCuota 1.600000): 50.00 -> IEPS 80.00, IVA on 130.00 = 20.80', () => {
      const c = built([item({ unit_price: '50', taxes: [{ type: 'IEPS', rate: '1.6' }, IVA16] })]);
      assert.deepEqual(c.Impuestos?.Traslados, [
        traslado('50.00', '003', 'Tasa', '1.600000', '80.00'),
        traslado('130.00', '002', 'Tasa', '0.160000', '20.80'),
      ]);
      assert.equal(c.Total, '150.80');
    });

    it('cuota: the Base is the units (the quantity), not the price; IVA is on price + IEPS', () => {
      const gasolina = { product_key: '15101506', unit_key: 'LTR', description: 'Gasolina' };
      const cuota = { type: 'IEPS', factor: 'Cuota', rate: '6.4555' };
      const c = built([item({ ...gasolina, quantity: '40.5', unit_price: '17.50', taxes: [cuota, IVA16] })]);
      // 40.5 x 6.4555 = 261.44775 -> 261.45; IVA (708.75 + 261.45) x 0.16 = 155.232 -> 155.23
      assert.deepEqual(c.Conceptos[0]?.Impuestos?.Traslados, [
        traslado('40.50', '003', 'Cuota', '6.455500', '261.45'),
        traslado('970.20', '002', 'Tasa', '0.160000', '155.23'),
      ]);
      assert.deepEqual([c.SubTotal, c.Total], ['708.75', '1125.43']);
      // a quantity with 3 decimals keeps them in the concept's Base
      const fine = built([
        item({ ...gasolina, quantity: '40.125', unit_price: '17.50', taxes: [cuota, IVA16] }),
      ]);
      assert.equal(fine.Conceptos[0]?.Impuestos?.Traslados?.[0]?.Base, '40.125');
      assert.equal(fine.Conceptos[0]?.Impuestos?.Traslados?.[0]?.Importe, '259.03'); // 259.0269...
    });

    it('cuota with its own base: 50 packs of 20 cigarettes at 0.6445 per cigarette', () => {
      const c = built([
        item({
          unit_key: 'XBX',
          quantity: '50',
          unit_price: '80',
          taxes: [
            { type: 'IEPS', rate: '1.6' },
            { type: 'IEPS', factor: 'Cuota', rate: '0.6445', base: '1000' },
            IVA16,
          ],
        }),
      ]);
      assert.deepEqual(c.Impuestos?.Traslados, [
        traslado('4000.00', '003', 'Tasa', '1.600000', '6400.00'),
        traslado('1000.00', '003', 'Cuota', '0.644500', '644.50'),
        traslado('11044.50', '002', 'Tasa', '0.160000', '1767.12'), // (4000 + 6400 + 644.50) x 0.16 = 1767.12
      ]);
      assert.equal(c.Total, '12811.62');
    });
  });

  describe('withholdings', () => {
    it('honorarios: 1000 -> IVA 160.00, ISR 100.00, IVA withheld (0.106667) 106.67, Total 953.33', () => {
      const c = built([
        item({
          unit_key: 'E48',
          unit_price: '1000',
          taxes: [
            IVA16,
            { type: 'ISR', rate: '0.10', withholding: true },
            { type: 'IVA', rate: '0.106667', withholding: true },
          ],
        }),
      ]);
      assert.deepEqual(c.Conceptos[0]?.Impuestos?.Retenciones, [
        { Base: '1000.00', Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000', Importe: '100.00' },
        { Base: '1000.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.106667', Importe: '106.67' },
      ]);
      assert.deepEqual(c.Impuestos, {
        TotalImpuestosRetenidos: '206.67',
        TotalImpuestosTrasladados: '160.00',
        Retenciones: [
          { Impuesto: '001', Importe: '100.00' },
          { Impuesto: '002', Importe: '106.67' },
        ],
        Traslados: [traslado('1000.00', '002', 'Tasa', '0.160000', '160.00')],
      });
      assert.equal(c.Total, '953.33');
    });

    it('groups Retenciones by Impuesto only: ISR 10% and 1.25% on two lines give one ISR node', () => {
      const c = built([
        item({ unit_price: '100', taxes: [IVA16, { type: 'ISR', rate: '0.10', withholding: true }] }),
        item({ unit_price: '200', taxes: [IVA16, { type: 'ISR', rate: '0.0125', withholding: true }] }),
      ]);
      assert.deepEqual(c.Impuestos?.Retenciones, [{ Impuesto: '001', Importe: '12.50' }]);
      assert.deepEqual([c.Impuestos?.TotalImpuestosRetenidos, c.Total], ['12.50', '335.50']);
    });

    it('withholds on the Base (after discount), not on the Base plus IVA', () => {
      const c = built([
        item({
          unit_price: '1000',
          discount: '100',
          taxes: [IVA16, { type: 'ISR', rate: '0.10', withholding: true }],
        }),
      ]);
      assert.equal(c.Conceptos[0]?.Impuestos?.Retenciones?.[0]?.Base, '900.00');
      assert.deepEqual([c.SubTotal, c.Descuento, c.Total], ['1000.00', '100.00', '954.00']); // 900 + 144 - 90
    });
  });

  describe('discounts', () => {
    it('taxes the Importe minus the Descuento and totals the Descuento of all lines', () => {
      const c = built([
        item({ quantity: '3', unit_price: '1250.00', taxes: [IVA16] }),
        item({ unit_price: '1500.00', discount: '150.00', taxes: [IVA16] }),
        item({ unit_price: '99.99', discount: '9.99', tax_object: '01' }),
      ]);
      assert.equal(c.Conceptos[1]?.Descuento, '150.00');
      assert.equal(c.Conceptos[1]?.Impuestos?.Traslados?.[0]?.Base, '1350.00');
      assert.equal(c.Conceptos[2]?.Impuestos, undefined);
      assert.deepEqual(
        [c.SubTotal, c.Descuento, c.Impuestos?.TotalImpuestosTrasladados, c.Total],
        ['5349.99', '159.99', '816.00', '6006.00'],
      );
    });

    it('rounds a discount to the currency half up, and writes none when it rounds to zero', () => {
      const c = built([item({ discount: '10.555', taxes: [IVA16] })]);
      assert.deepEqual([c.Conceptos[0]?.Descuento, c.Descuento, c.Total], ['10.56', '10.56', '103.75']); // 89.44 + 14.31
      const none = built([
        item({ discount: '0.004', taxes: [IVA16] }),
        item({ discount: '0', taxes: [IVA16] }),
      ]);
      assert.equal(none.Descuento, undefined);
      assert.ok(none.Conceptos.every((k) => k.Descuento === undefined));
    });

    it('a discount that leaves no Base for the tax fails SAT rule CFDI40174', () => {
      assert.throws(
        () => built([item({ discount: '100.00', taxes: [IVA16] })]),
        (error: { code: string; status: number; details: { path?: string }[] }) =>
          error.code === 'CFDI40174' &&
          error.status === 422 &&
          error.details[0]?.path === 'Conceptos[0].Impuestos.Traslados[0].Base',
      );
    });
  });

  describe('items without taxes', () => {
    it('ObjetoImp 01 carries no Impuestos and the CFDI has no summary', () => {
      const c = built([item({ unit_price: '250' })]);
      assert.equal(c.Conceptos[0]?.ObjetoImp, '01');
      assert.equal(c.Conceptos[0]?.Impuestos, undefined);
      assert.equal(c.Impuestos, undefined);
      assert.deepEqual([c.SubTotal, c.Total], ['250.00', '250.00']);
    });
  });
});
