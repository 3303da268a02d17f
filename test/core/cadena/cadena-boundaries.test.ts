import assert from 'node:assert/strict';
import { cadenaOriginal, normalizeSpace } from '../../../core/src/cfdi/cadena/index.js';
import { XmlError } from '../../../core/src/errors.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { serializeXml } from '../../../core/src/xml/serialize.js';
import { element, firstChild, NS, type XmlElement } from '../../../core/src/xml/tree.js';
import { allSamples, XSLT_CFDI40 } from './sat-samples.js';
import { xsltproc } from './xsltproc-oracle.js';

const base = parseXml(
  allSamples().find((s) => s.name === 'samples/cfdiutils/cfdi40-valid.xml')?.xml as Buffer,
);

function withComplement(...nodes: XmlElement[]): XmlElement {
  const root = { ...base, children: base.children.filter((c) => c.local !== 'Complemento') };
  root.children.push(element('cfdi:Complemento', NS.cfdi, {}, nodes));
  return root;
}

describe('normalizeSpace (XPath 1.0)', () => {
  it('trims and collapses only space, tab, carriage return and line feed', () => {
    assert.equal(normalizeSpace('  a \t\r\n b  '), 'a b');
    assert.equal(normalizeSpace(' \t\n'), '');
    assert.equal(normalizeSpace('\u00A0a\u00A0'), '\u00A0a\u00A0');
    assert.equal(normalizeSpace('a  b'), 'a b');
    assert.equal(normalizeSpace('ÑANDÚ'), 'ÑANDÚ');
  });
});

describe('cadenaOriginal at its boundaries', () => {
  it('ignores an empty element no template matches (a TimbreFiscalDigital), as the XSLT does', () => {
    const root = withComplement(
      element('tfd:TimbreFiscalDigital', NS.tfd, { 'xmlns:tfd': NS.tfd, Version: '1.1' }),
    );
    assert.equal(cadenaOriginal(root), xsltproc(XSLT_CFDI40, serializeXml(root)));
    assert.equal(cadenaOriginal(root), cadenaOriginal(withComplement()));
  });

  it('ignores the Addenda', () => {
    const root = {
      ...base,
      children: [
        ...base.children,
        element('cfdi:Addenda', NS.cfdi, {}, [{ ...element('x:Y', 'urn:x'), text: 'data' }]),
      ],
    };
    assert.equal(cadenaOriginal(root), cadenaOriginal(base));
  });

  it('refuses content in a complement SAT does not list, rather than guess its text', () => {
    const unknown = element('x:Otro', 'urn:otro', { 'xmlns:x': 'urn:otro' }, [
      element('x:Dato', 'urn:otro', { a: '1' }),
    ]);
    assert.throws(
      () => cadenaOriginal(withComplement(unknown)),
      (e: unknown) => e instanceof XmlError && e.code === 'CADENA_UNKNOWN_NODE' && /x:Otro/.test(e.message),
    );
  });

  it('refuses a root that is not cfdi:Comprobante 4.0', () => {
    const v33 = element('cfdi:Comprobante', 'http://www.sat.gob.mx/cfd/3', { Version: '3.3' });
    assert.throws(
      () => cadenaOriginal(v33),
      (e: unknown) => e instanceof XmlError && e.code === 'CFDI_NOT_40',
    );
  });

  it('visits nodes in the XSLT order, not document order (Retenciones before Traslados in Impuestos)', () => {
    const both = parseXml(
      allSamples().find((s) => s.name.endsWith('test_create_addenda/cfdi_copy.xml'))?.xml as Buffer,
    );
    const impuestos = firstChild(both, NS.cfdi, 'Impuestos') as XmlElement;
    assert.deepEqual(
      impuestos.children.map((c) => c.local),
      ['Retenciones', 'Traslados'],
    );
    const reversed = { ...impuestos, children: [...impuestos.children].reverse() };
    const root = { ...both, children: both.children.map((c) => (c === impuestos ? reversed : c)) };
    assert.equal(cadenaOriginal(root), cadenaOriginal(both));
    assert.equal(cadenaOriginal(root), xsltproc(XSLT_CFDI40, serializeXml(root)));
  });
});
