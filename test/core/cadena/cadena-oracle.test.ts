import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cadenaOriginal } from '../../../core/src/cfdi/cadena/index.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { serializeXml } from '../../../core/src/xml/serialize.js';
import type { XmlElement } from '../../../core/src/xml/tree.js';
import { allSamples, firstDifference, XSLT_CFDI40 } from './sat-samples.js';
import { xsltproc } from './xsltproc-oracle.js';

/** Samples chosen to exercise the base sheet and complements with optional nodes, tests and text. */
const CHOSEN = [
  'samples/cfdiutils/cfdi40-valid.xml',
  'samples/satcfdi/cfdi_ejemplos/comprobante40/cfdv40-pagos20-all.xml',
  'samples/satcfdi/cfdi_ejemplos/comprobante40/cfdv40-nomina12.xml',
  'samples/satcfdi/cfdi_ejemplos/comprobante40/cfdv40-detallista.xml',
  'samples/satcfdi/cfdi_ejemplos/comprobante40/cfdv40-cartaporte20.xml',
  'samples/satcfdi/cfdi_ejemplos/comprobante40/cfdv40-cce11.xml',
  'samples/satcfdi/cfdi_ejemplos/comprobante40/cfdv40-notariospublicos.xml',
  'samples/satcfdi/cfdi_ejemplos/comprobante40/cfdv40-venta11.xml',
  'samples/satcfdi/cfdi_ejemplos/comprobante40/cfdv40-implocal.xml',
];

function clone(node: XmlElement): XmlElement {
  const copy: XmlElement = { ...node, attrs: { ...node.attrs }, children: node.children.map(clone) };
  return copy;
}

function nodesOf(node: XmlElement, into: XmlElement[] = []): XmlElement[] {
  into.push(node);
  for (const child of node.children) nodesOf(child, into);
  return into;
}

const piece = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00A0', 'x', 'Ñ', '|', '&', '<', '"', "'");
const mutation = fc.record({
  node: fc.nat(),
  attribute: fc.nat(),
  kind: fc.constantFrom('delete', 'empty', 'pad', 'replace', 'text'),
  before: fc.array(piece, { maxLength: 4 }).map((a) => a.join('')),
  after: fc.array(piece, { maxLength: 4 }).map((a) => a.join('')),
});

type Edit = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/** Edits attribute values (and text) of a copy of the tree: whitespace, emptiness, removal. */
function mutate(root: XmlElement, edits: Edit[]): XmlElement {
  const copy = clone(root);
  const nodes = nodesOf(copy);
  for (const edit of edits) {
    const node = nodes[edit.node % nodes.length] as XmlElement;
    if (edit.kind === 'text') {
      if (node.children.length === 0) node.text = `${edit.before}${node.text ?? ''}${edit.after}`;
      continue;
    }
    const names = Object.keys(node.attrs).filter((n) => !n.startsWith('xmlns') && !n.startsWith('xsi:'));
    if (names.length === 0) continue;
    const name = names[edit.attribute % names.length] as string;
    const value = node.attrs[name] as string;
    if (edit.kind === 'delete') delete node.attrs[name];
    else if (edit.kind === 'empty') node.attrs[name] = '';
    else if (edit.kind === 'pad') node.attrs[name] = `${edit.before}${value}${edit.after}`;
    else node.attrs[name] = `${edit.before}${value.replace(' ', edit.after || ' ')}`;
  }
  return copy;
}

describe('cadenaOriginal agrees with xsltproc running SAT cadenaoriginal_4_0.xslt on edited documents', () => {
  const samples = allSamples().filter((s) => CHOSEN.includes(s.name));

  it('finds the chosen samples', () => {
    assert.equal(samples.length, CHOSEN.length);
  });

  for (const sample of samples) {
    it(`${sample.name}: whitespace, empty and missing attributes (seeded)`, () => {
      const root = parseXml(sample.xml);
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (edits) => {
          const edited = mutate(root, edits);
          const xml = serializeXml(edited);
          const expected = xsltproc(XSLT_CFDI40, xml);
          const fromTree = cadenaOriginal(edited);
          assert.ok(fromTree === expected, firstDifference(fromTree, expected));
          assert.equal(cadenaOriginal(parseXml(xml)), expected);
        }),
        { numRuns: 15, seed: 20261128 },
      );
    });
  }
});
