import assert from 'node:assert/strict';
import { cadenaTfd } from '../../../core/src/cfdi/cadena/index.js';
import { XmlError } from '../../../core/src/errors.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { serializeXml } from '../../../core/src/xml/serialize.js';
import { element, NS, type XmlElement } from '../../../core/src/xml/tree.js';
import { allSamples, firstDifference, XSLT_TFD11 } from './sat-samples.js';
import { xsltproc } from './xsltproc-oracle.js';

function findTfd(node: XmlElement): XmlElement | undefined {
  if (node.ns === NS.tfd && node.local === 'TimbreFiscalDigital') return node;
  for (const child of node.children) {
    const found = findTfd(child);
    if (found) return found;
  }
  return undefined;
}

/** The TFD as a document of its own, with the namespace declared on it, for xsltproc. */
function standalone(tfd: XmlElement): string {
  const prefix = tfd.name.includes(':') ? tfd.name.slice(0, tfd.name.indexOf(':')) : '';
  const declaration = prefix ? `xmlns:${prefix}` : 'xmlns';
  return serializeXml({ ...tfd, attrs: { [declaration]: NS.tfd, ...tfd.attrs } });
}

const stamped = allSamples()
  .map((sample) => ({ sample, tfd: findTfd(parseXml(sample.xml)) }))
  .filter((s): s is { sample: (typeof s)['sample']; tfd: XmlElement } => s.tfd?.attrs.Version === '1.1');

describe('cadenaTfd equals xsltproc with SAT cadenaoriginal_TFD_1_1.xslt', () => {
  it('finds the stamped samples', () => {
    assert.ok(stamped.length >= 20, `only ${stamped.length} stamped samples`);
  });

  for (const { sample, tfd } of stamped) {
    it(sample.name, () => {
      const expected = xsltproc(XSLT_TFD11, standalone(tfd));
      const actual = cadenaTfd(tfd);
      assert.ok(actual === expected, firstDifference(actual, expected));
      assert.match(actual, /^\|\|1\.1\|/);
    });
  }

  it('writes Leyenda only when present, with its whitespace normalised', () => {
    const base = stamped[0]?.tfd as XmlElement;
    const withLeyenda = { ...base, attrs: { ...base.attrs, Leyenda: '  Leyenda\tdel   PAC\n' } };
    const actual = cadenaTfd(withLeyenda);
    assert.equal(actual, xsltproc(XSLT_TFD11, standalone(withLeyenda)));
    assert.ok(actual.includes(`|${base.attrs.RfcProvCertif}|Leyenda del PAC|`));
  });

  it('refuses a TimbreFiscalDigital 1.0 or another element', () => {
    const v10 = element('tfd:TimbreFiscalDigital', NS.tfd, { version: '1.0' });
    assert.throws(
      () => cadenaTfd(v10),
      (e: unknown) => e instanceof XmlError && e.code === 'TFD_NOT_11',
    );
    assert.throws(() => cadenaTfd(element('cfdi:Comprobante', NS.cfdi)), XmlError);
  });
});
