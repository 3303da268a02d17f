import assert from 'node:assert/strict';
import { getCatalogs } from '../../../core/src/catalogs/index.js';

describe('catalogs: lookups in the bundled SAT catalogs', () => {
  const catalogs = getCatalogs();

  it('says which revision the data comes from', () => {
    assert.match(catalogs.meta.revision, /10\.14\.20260806/);
    assert.match(catalogs.meta.generatedAt, /^\d{4}-\d{2}-\d{2}T/);
  });

  it('finds formas de pago with their bancarizado flag', () => {
    assert.deepEqual(catalogs.formaPago.get('04'), {
      key: '04',
      description: 'Tarjeta de crédito',
      bancarizado: true,
      from: '2022-01-01',
    });
    assert.equal(catalogs.formaPago.get('01')?.bancarizado, false);
    assert.equal(catalogs.formaPago.has('07'), false);
    assert.equal(catalogs.formaPago.keys().length, 22);
  });

  it('knows the decimals and variation of each currency', () => {
    assert.equal(catalogs.moneda.get('MXN')?.decimals, 2);
    assert.equal(catalogs.moneda.get('JPY')?.decimals, 0);
    assert.equal(catalogs.moneda.get('CLF')?.decimals, 4);
    assert.equal(catalogs.moneda.get('USD')?.variation, 5);
  });

  it('tells which régimen applies to personas físicas and morales', () => {
    assert.deepEqual(
      { fisica: catalogs.regimenFiscal.get('601')?.fisica, moral: catalogs.regimenFiscal.get('601')?.moral },
      { fisica: false, moral: true },
    );
    assert.equal(catalogs.regimenFiscal.get('626')?.fisica, true);
    assert.equal(catalogs.regimenFiscal.get('626')?.moral, true);
  });

  it('lists the receptor regímenes each UsoCFDI allows', () => {
    assert.ok(catalogs.usoCfdi.get('G02')?.regimenes.includes('616'));
    assert.ok(!catalogs.usoCfdi.get('G03')?.regimenes.includes('616'));
    assert.deepEqual(catalogs.usoCfdi.get('CN01')?.regimenes, ['605']);
    assert.equal(catalogs.usoCfdi.get('D01')?.moral, false);
  });

  it('keeps the maximum Total of each TipoDeComprobante as a decimal string', () => {
    assert.equal(catalogs.tipoComprobante.get('T')?.maxValue, '0');
    assert.equal(catalogs.tipoComprobante.get('I')?.maxValue, '999999999999999999.999999');
  });

  it('maps the border IVA rate "IVA Crédito aplicado del 50%" to c_Impuesto 002', () => {
    const rate = catalogs.tasaOCuota.find((rule) => rule.value === '0.080000' && rule.impuesto === '002');
    assert.deepEqual(rate, {
      kind: 'Fijo',
      value: '0.080000',
      impuesto: '002',
      factor: 'Tasa',
      traslado: true,
      retencion: false,
      from: '2022-01-01',
    });
    assert.ok(catalogs.tasaOCuota.every((rule) => ['001', '002', '003'].includes(rule.impuesto)));
    const ivaRetencion = catalogs.tasaOCuota.find((rule) => rule.kind === 'Rango' && rule.impuesto === '002');
    assert.deepEqual(
      [ivaRetencion?.min, ivaRetencion?.value, ivaRetencion?.retencion],
      ['0.000000', '0.160000', true],
    );
  });

  it('keeps validity dates as SAT wrote them, including a row without a start date', () => {
    const ieps = catalogs.tasaOCuota.find((rule) => rule.factor === 'Cuota');
    assert.equal(ieps?.from, '2026-01-01');
    assert.equal(catalogs.tipoComprobante.get('N')?.from, undefined);
  });

  it('finds claves de producto o servicio with their IVA/IEPS columns', () => {
    assert.deepEqual(catalogs.claveProdServ.get('84111506'), {
      key: '84111506',
      description: 'Servicios de facturación',
      iva: 'Opcional',
      ieps: 'Opcional',
      borderStimulus: true,
      from: '2019-01-07',
    });
    assert.equal(catalogs.claveProdServ.get('01010101')?.similar, 'Público en general');
    assert.equal(catalogs.claveProdServ.get('01010101')?.borderStimulus, false);
    assert.equal(catalogs.claveProdServ.has('1010101'), false, 'keys keep their leading zeros');
    assert.equal(catalogs.claveProdServ.has('99999999'), false);
    assert.equal(catalogs.claveProdServ.keys().length, 52508);
  });

  it('finds códigos postales with state, border stimulus and validity', () => {
    const cp = catalogs.codigoPostal.get('06600');
    assert.deepEqual(
      [cp?.estado, cp?.municipio, cp?.localidad, cp?.borderStimulus, cp?.from],
      ['DIF', '015', '06', false, '2022-01-01'],
    );
    assert.equal(catalogs.codigoPostal.get('22000')?.borderStimulus, true);
    assert.equal(catalogs.codigoPostal.has('6600'), false);
    assert.equal(catalogs.codigoPostal.has('00000'), false);
    assert.equal(catalogs.codigoPostal.keys().length, 95748);
    assert.ok(catalogs.codigoPostal.keys().includes('01000'));
  });

  it('answers lookups of keys that are not codes at all', () => {
    for (const key of ['', ' 06600', 'abc', '066000000000']) {
      assert.equal(catalogs.codigoPostal.get(key), undefined);
      assert.equal(catalogs.claveProdServ.has(key), false);
    }
  });
});
