import assert from 'node:assert/strict';
import { XmlError } from '../../../core/src/errors.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { NS } from '../../../core/src/xml/tree.js';

describe('parseXml', () => {
  it('builds the tree with namespace URIs, qualified names and attributes in document order', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="${NS.cfdi}" xmlns:xsi="${NS.xsi}" Version="4.0" Serie="A">
  <cfdi:Emisor Rfc="EKU9003173C9"/>
</cfdi:Comprobante>`,
    );
    assert.equal(root.name, 'cfdi:Comprobante');
    assert.equal(root.local, 'Comprobante');
    assert.equal(root.ns, NS.cfdi);
    assert.deepEqual(Object.keys(root.attrs), ['xmlns:cfdi', 'xmlns:xsi', 'Version', 'Serie']);
    assert.equal(root.children.length, 1);
    assert.equal(root.children[0]?.ns, NS.cfdi);
    assert.equal(root.text, undefined, 'whitespace between elements is not text');
  });

  it('decodes entities and character references, and normalises literal tabs and newlines in attributes', () => {
    const root = parseXml('<a n="H&amp;E951128469" q="&quot;x&lt;y&gt;" t="&#9;&#10;&#13;" raw="a\tb\nc"/>');
    assert.equal(root.attrs.n, 'H&E951128469');
    assert.equal(root.attrs.q, '"x<y>');
    assert.equal(root.attrs.t, '\t\n\r');
    assert.equal(root.attrs.raw, 'a b c');
  });

  it('keeps non-whitespace character data, CDATA included', () => {
    const root = parseXml('<a><b> x &amp; <![CDATA[<y>]]></b></a>');
    assert.equal(root.children[0]?.text, ' x & <y>');
  });

  it('treats only space, tab, CR and LF as ignorable whitespace (a no-break space is text)', () => {
    const root = parseXml('<a><b> \t\r\n</b><c>\u00A0</c></a>');
    assert.equal(root.children[0]?.text, undefined);
    assert.equal(root.children[1]?.text, '\u00A0');
  });

  it('accepts a Buffer and drops a UTF-8 byte order mark', () => {
    const root = parseXml(Buffer.from('\uFEFF<a Nombre="ÑANDÚ"/>', 'utf8'));
    assert.equal(root.attrs.Nombre, 'ÑANDÚ');
  });

  for (const [what, xml, line, column] of [
    ['a mismatched close tag', '<a>\n  <b></a>', 2, 9],
    ['a duplicated attribute', '<a x="1" x="2"/>', 1, 16],
    ['an undefined entity', '<a>&nbsp;</a>', 1, 9],
    ['an unbound prefix', '<cfdi:Comprobante/>', 1, 19],
    ['a truncated document', '<a><b/>', 1, 7],
  ] as const) {
    it(`rejects ${what} with XML_MALFORMED and the line and column`, () => {
      assert.throws(
        () => parseXml(xml),
        (error: unknown) => {
          assert.ok(error instanceof XmlError);
          assert.equal(error.code, 'XML_MALFORMED');
          assert.match(error.message, new RegExp(`línea ${line}, columna ${column}`));
          assert.match(error.message, /^El XML no está bien formado/);
          assert.ok(error.messageEn?.startsWith('The XML is not well-formed'));
          return true;
        },
      );
    });
  }

  it('rejects an empty document', () => {
    assert.throws(
      () => parseXml(''),
      (error: unknown) => error instanceof XmlError && error.code === 'XML_MALFORMED',
    );
  });
});
