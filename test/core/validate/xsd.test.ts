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
});
