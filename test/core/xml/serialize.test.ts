import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cadenaOriginal } from '../../../core/src/cfdi/cadena/index.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { serializeXml } from '../../../core/src/xml/serialize.js';
import { element, NS } from '../../../core/src/xml/tree.js';
import { allSamples } from '../cadena/sat-samples.js';

describe('serializeXml', () => {
  it('writes the UTF-8 declaration and compact XML, attributes in the order of attrs', () => {
    const root = element('cfdi:Comprobante', NS.cfdi, { 'xmlns:cfdi': NS.cfdi, Version: '4.0', Serie: 'A' }, [
      element('cfdi:Emisor', NS.cfdi, { Rfc: 'EKU9003173C9' }),
    ]);
    assert.equal(
      serializeXml(root),
      `<?xml version="1.0" encoding="UTF-8"?><cfdi:Comprobante xmlns:cfdi="${NS.cfdi}" Version="4.0" Serie="A">` +
        '<cfdi:Emisor Rfc="EKU9003173C9"/></cfdi:Comprobante>',
    );
    assert.equal(serializeXml(element('a', ''), { declaration: false }), '<a/>');
  });

  it('escapes &, <, >, quotes, tab, line feed and carriage return in attribute values', () => {
    const root = element('a', '', { v: 'H&E951128469 "x" <y> \t\n\r' });
    assert.equal(
      serializeXml(root, { declaration: false }),
      '<a v="H&amp;E951128469 &quot;x&quot; &lt;y&gt; &#9;&#10;&#13;"/>',
    );
  });

  it('escapes character data', () => {
    const root = { ...element('a', ''), text: 'a & b < c > d\r' };
    assert.equal(serializeXml(root, { declaration: false }), '<a>a &amp; b &lt; c &gt; d&#13;</a>');
  });

  for (const value of [
    'H&E951128469',
    'ÑANDÚ',
    'COMERCIALIZADORA "LA ÑORA" & ASOC',
    'a<b>c',
    'tab\there',
    'two\nlines\r\n',
    "it's",
    '  spaced  ',
  ]) {
    it(`round-trips the attribute value ${JSON.stringify(value)} through a parser`, () => {
      const xml = serializeXml(element('cfdi:Receptor', NS.cfdi, { 'xmlns:cfdi': NS.cfdi, Nombre: value }));
      assert.equal(parseXml(xml).attrs.Nombre, value);
      // An independent parser (libxml2's xmllint, which ends its output with a newline) reads the same.
      const read = execFileSync('xmllint', ['--xpath', 'string(/*/@Nombre)', '-'], { input: xml }).toString(
        'utf8',
      );
      assert.equal(read, `${value}\n`);
    });
  }

  describe('parse -> serialize -> parse is stable on every SAT sample', () => {
    for (const sample of allSamples()) {
      it(sample.name, () => {
        const first = parseXml(sample.xml);
        const xml = serializeXml(first);
        const second = parseXml(xml);
        assert.deepEqual(second, first);
        assert.equal(serializeXml(second), xml);
        if (first.ns === NS.cfdi && first.attrs.Version === '4.0')
          assert.equal(cadenaOriginal(second), cadenaOriginal(first));
      });
    }
  });
});
