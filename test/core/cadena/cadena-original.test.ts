import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cadenaOriginal } from '../../../core/src/cfdi/cadena/index.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { NS } from '../../../core/src/xml/tree.js';
import { allSamples, firstDifference, signedCfdi40Names } from './sat-samples.js';

const goldenCfdi40 = allSamples().filter((sample) => {
  if (sample.cadenaPath === undefined) return false;
  const root = parseXml(sample.xml);
  return root.ns === NS.cfdi && root.local === 'Comprobante' && root.attrs.Version === '4.0';
});

describe('cadenaOriginal equals the golden cadena of SAT XSLT for every CFDI 4.0 sample', () => {
  it('covers every correctly signed CFDI 4.0 sample listed in VERIFY-RESULTS.txt', () => {
    const covered = new Set(goldenCfdi40.map((s) => s.name));
    const signed = signedCfdi40Names();
    assert.ok(signed.length >= 90, `expected the signed samples, found ${signed.length}`);
    assert.deepEqual(
      signed.filter((name) => !covered.has(name)),
      [],
    );
    assert.ok(goldenCfdi40.length >= 130, `only ${goldenCfdi40.length} golden samples found`);
  });

  for (const sample of goldenCfdi40) {
    it(sample.name, () => {
      const expected = readFileSync(sample.cadenaPath as string, 'utf8');
      const actual = cadenaOriginal(parseXml(sample.xml));
      assert.ok(actual === expected, firstDifference(actual, expected));
    });
  }
});
