import assert from 'node:assert/strict';
import { insertTimbre } from '../../../../core/src/pac/sandbox/insert-timbre.js';
import { parseXml } from '../../../../core/src/xml/parse.js';

const TFD = '<tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" UUID="X"/>';
const CFDI = 'xmlns:c="http://www.sat.gob.mx/cfd/4"';

/** Where the parser finds the timbre: the path of local names from the root. */
function timbrePath(xml: string): string[] | undefined {
  const search = (node: ReturnType<typeof parseXml>, path: string[]): string[] | undefined => {
    if (node.local === 'TimbreFiscalDigital') return path;
    for (const child of node.children) {
      const found = search(child, [...path, child.local]);
      if (found) return found;
    }
    return undefined;
  };
  return search(parseXml(xml), []);
}

describe('sandbox PAC: insertTimbre', () => {
  it('ignores look-alikes in comments, CDATA, processing instructions and attribute values', () => {
    const xml =
      `<?xml version="1.0"?><c:Comprobante ${CFDI} Nota="a > b &lt;c:Complemento/&gt;">` +
      '<!-- <c:Complemento/> --><?pi <c:Addenda> ?><c:Emisor Rfc="X"/><c:Conceptos><c:Concepto>' +
      '<c:Complemento/></c:Concepto></c:Conceptos><c:Addenda><![CDATA[</c:Comprobante>]]></c:Addenda></c:Comprobante>';
    const stamped = insertTimbre(xml, 'c:', TFD);
    const at = xml.indexOf('<c:Addenda><![CDATA[');
    assert.equal(stamped, `${xml.slice(0, at)}<c:Complemento>${TFD}</c:Complemento>${xml.slice(at)}`);
    assert.deepEqual(timbrePath(stamped), ['Complemento', 'TimbreFiscalDigital']);
  });

  it('appends to the first Complemento of the Comprobante, keeping what it holds', () => {
    const xml = `<c:Comprobante ${CFDI}><c:Emisor/><c:Complemento><x:Otro xmlns:x="urn:x"/></c:Complemento><c:Complemento/></c:Comprobante>`;
    assert.equal(
      insertTimbre(xml, 'c:', TFD),
      `<c:Comprobante ${CFDI}><c:Emisor/><c:Complemento><x:Otro xmlns:x="urn:x"/>${TFD}</c:Complemento><c:Complemento/></c:Comprobante>`,
    );
  });

  it('opens an empty Complemento written as <c:Complemento />', () => {
    const xml = `<c:Comprobante ${CFDI}><c:Emisor/><c:Complemento /></c:Comprobante>`;
    assert.equal(
      insertTimbre(xml, 'c:', TFD),
      `<c:Comprobante ${CFDI}><c:Emisor/><c:Complemento >${TFD}</c:Complemento></c:Comprobante>`,
    );
  });

  it('writes the Complemento with the Comprobante own prefix, or none with a default namespace', () => {
    const xml = '<Comprobante xmlns="http://www.sat.gob.mx/cfd/4"><Emisor/></Comprobante>';
    const stamped = insertTimbre(xml, '', TFD);
    assert.equal(
      stamped,
      `<Comprobante xmlns="http://www.sat.gob.mx/cfd/4"><Emisor/><Complemento>${TFD}</Complemento></Comprobante>`,
    );
    assert.equal(parseXml(stamped).children[1]?.ns, 'http://www.sat.gob.mx/cfd/4');
  });
});
