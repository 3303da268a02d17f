import assert from 'node:assert/strict';
import { cadenaOriginal } from '../../../core/src/cfdi/cadena/index.js';
import { comprobanteFromTree } from '../../../core/src/cfdi/xml/from-tree.js';
import { comprobanteToTree } from '../../../core/src/cfdi/xml/to-tree.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { serializeXml } from '../../../core/src/xml/serialize.js';
import { cfdi40Samples, signedSampleNames } from './samples.js';

describe('Comprobante model <-> XML (#2)', () => {
  const samples = cfdi40Samples().filter((s) => s.golden !== undefined);
  const signed = new Set(signedSampleNames());

  it('finds the signed samples among the fixtures', () => {
    const names = new Set(samples.map((s) => s.name));
    assert.ok(signed.size >= 90, `signed samples: ${signed.size}`);
    for (const name of signed) assert.ok(names.has(name), `missing sample ${name}`);
  });

  for (const sample of samples.filter((s) => signed.has(s.name))) {
    it(`parse -> model -> XML -> cadena is stable: ${sample.name}`, () => {
      const model = comprobanteFromTree(parseXml(sample.xml));
      const xml = serializeXml(comprobanteToTree(model));
      const again = comprobanteFromTree(parseXml(xml));
      assert.deepEqual(again, model);
      assert.equal(cadenaOriginal(parseXml(xml)), sample.golden);
    });
  }

  it('refuses a document that is not a CFDI 4.0', () => {
    assert.throws(
      () =>
        comprobanteFromTree(
          parseXml('<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/3" Version="3.3"/>'),
        ),
      (error: { code?: string }) => error.code === 'XML_NOT_CFDI40',
    );
  });
});
