import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validateXsd } from '../../../core/src/cfdi/validate/xsd.js';

const sample = (path: string) => readFileSync(`test/fixtures/sat/samples/${path}`, 'utf8');

describe('validateXsd (SAT schemas, offline)', function () {
  this.timeout(120_000);

  const signed = [
    'generated/factura-global.xml',
    'generated/egreso-nota-credito.xml',
    'cfdiutils/cfdi40-real.xml',
    'cfdiutils/cfdi40-valid.xml',
    'cfdiutils/created-cfdi40-pago20-valid.xml',
    'cfdiutils/created-with-discounts-40.xml',
    'nodecfdi-cfdi-validator/cfdi40-real.xml',
    'nodecfdi-cfdi-validator/cfdi40-valid.xml',
    'satcfdi/invoices/h&e951128469_ingreso_iva16_stamped.xml',
  ];
  for (const path of signed) {
    it(`accepts the signed sample ${path} (XSD)`, async () => {
      assert.deepEqual(await validateXsd(sample(path)), []);
    });
  }

  it('rejects a broken document naming the attribute and the fault (XSD)', async () => {
    const xml = sample('generated/factura-global.xml').replace('Total="406.58"', 'Total="-406.58"');
    const findings = await validateXsd(xml);
    const total = findings.find((f) => f.path === 'Comprobante.Total');
    assert.equal(total?.code, 'XSD');
    assert.match(total?.message ?? '', /atributo Total de Comprobante/);
  });

  it('checks the Pagos 2.0 complement and not unknown complements (XSD)', async () => {
    const xml = sample('cfdiutils/created-cfdi40-pago20-valid.xml').replace(/MonedaP="MXN"/, 'MonedaP="ZZZ"');
    assert.ok((await validateXsd(xml)).some((f) => /MonedaP/.test(f.message)));
  });

  it("rejects a ClaveProdServ, a Parte ClaveProdServ or a LugarExpedicion outside SAT's catalogs (XSD)", async () => {
    const xml = sample('generated/factura-global.xml');
    const clave = /ClaveProdServ="([^"]+)"/.exec(xml)?.[1] as string;
    const lugar = /LugarExpedicion="([^"]+)"/.exec(xml)?.[1] as string;
    const broken = xml
      .replace(`ClaveProdServ="${clave}"`, 'ClaveProdServ="01010199"')
      .replace(`LugarExpedicion="${lugar}"`, 'LugarExpedicion="00000"');
    const findings = await validateXsd(broken);
    assert.deepEqual(
      findings.map((f) => [f.code, f.path]),
      [
        ['XSD', 'Comprobante.LugarExpedicion'],
        ['XSD', 'Concepto.ClaveProdServ'],
      ],
    );
    assert.match(findings[1]?.message ?? '', /ClaveProdServ de Concepto: .*'01010199'.*c_ClaveProdServ/);
    // Keys are compared after XSD's whitespace collapse, as xmllint does.
    assert.deepEqual(
      await validateXsd(xml.replace(`LugarExpedicion="${lugar}"`, `LugarExpedicion=" ${lugar} "`)),
      [],
    );
  });

  it('checks the ClaveProdServ of a Parte (XSD)', async () => {
    const xml = sample('cfdiutils/cfdi40-real.xml');
    const withParte = xml.replace(
      '</cfdi:Concepto>',
      '<cfdi:Parte ClaveProdServ="99999999" Cantidad="1" Descripcion="Pieza"/></cfdi:Concepto>',
    );
    assert.notEqual(withParte, xml);
    const findings = await validateXsd(withParte);
    assert.ok(
      findings.some((f) => f.path === 'Parte.ClaveProdServ' && /'99999999'/.test(f.message)),
      JSON.stringify(findings),
    );
  });

  it('says where a document is not well-formed XML (XSD)', async () => {
    const findings = await validateXsd(
      '<?xml version="1.0"?>\n<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4">\n<a></b>',
    );
    assert.ok(findings.length > 0);
    assert.match(findings[0]?.message ?? '', /no es XML bien formado \(línea 3\)/);
  });

  it('validates with an imported catalog set of its own (XSD)', async () => {
    const { BUNDLED_CATALOGS_DIR, loadCatalogs } = await import('../../../core/src/catalogs/index.js');
    const xml = sample('generated/factura-global.xml');
    assert.deepEqual(await validateXsd(xml, loadCatalogs(BUNDLED_CATALOGS_DIR)), []);
  });
});
