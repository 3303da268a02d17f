/**
 * Puts the TimbreFiscalDigital into the sealed XML as text, leaving every other byte as it was sealed
 * (a PAC must not re-serialize the document: the Sello covers the cadena, and the merchant keeps the
 * exact bytes). The timbre goes at the end of the Comprobante's first Complemento; without one, a new
 * Complemento is written where cfdv40.xsd wants it: before the Addenda, else before the closing tag.
 *
 * The scan below only needs to tell markup apart on a document the parser already accepted: comments,
 * CDATA, processing instructions and the DOCTYPE are skipped, and quoted attribute values may hold '>'.
 */

interface Landmarks {
  /** Offset of `</prefix:Complemento>` of the first Complemento, or of its `/>` when it is empty. */
  complementoEnd?: { at: number; selfClosing: boolean };
  addendaStart?: number;
  rootClose?: number;
}

function skipTo(xml: string, from: number, terminator: string): number {
  const at = xml.indexOf(terminator, from);
  if (at === -1) throw new Error(`Unterminated markup at ${from}`);
  return at + terminator.length;
}

/** Index just past the '>' that ends the tag starting at `start`, honouring quoted attribute values. */
function tagEnd(xml: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < xml.length; i++) {
    const char = xml[i];
    if (quote !== '') {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') return i + 1;
  }
  throw new Error(`Unterminated tag at ${start}`);
}

function landmarks(xml: string, prefix: string): Landmarks {
  const found: Landmarks = {};
  const complemento = `${prefix}Complemento`;
  const addenda = `${prefix}Addenda`;
  let depth = 0;
  let openComplemento: number | undefined;
  let i = xml.indexOf('<');
  while (i !== -1) {
    if (xml.startsWith('<!--', i)) i = skipTo(xml, i, '-->');
    else if (xml.startsWith('<![CDATA[', i)) i = skipTo(xml, i, ']]>');
    else if (xml.startsWith('<?', i)) i = skipTo(xml, i, '?>');
    else if (xml.startsWith('<!', i)) i = skipTo(xml, i, '>');
    else {
      const end = tagEnd(xml, i);
      const closing = xml[i + 1] === '/';
      const name = /^[^\s/>]+/.exec(xml.slice(i + (closing ? 2 : 1), i + 200))?.[0] ?? '';
      if (closing) {
        depth--;
        if (depth === 0) found.rootClose = i;
        if (depth === 1 && name === complemento && openComplemento !== undefined && !found.complementoEnd) {
          found.complementoEnd = { at: i, selfClosing: false };
        }
      } else {
        const selfClosing = xml[end - 2] === '/';
        if (depth === 1 && name === complemento && openComplemento === undefined) {
          openComplemento = i;
          if (selfClosing) found.complementoEnd = { at: end - 2, selfClosing: true };
        }
        if (depth === 1 && name === addenda && found.addendaStart === undefined) found.addendaStart = i;
        if (!selfClosing) depth++;
      }
      i = end;
    }
    i = xml.indexOf('<', i);
  }
  return found;
}

/**
 * @param prefix the Comprobante's namespace prefix with its colon ('cfdi:'), '' for a default namespace.
 * @param timbre the serialized tfd:TimbreFiscalDigital (declaring its own namespaces).
 */
export function insertTimbre(xml: string, prefix: string, timbre: string): string {
  const marks = landmarks(xml, prefix);
  const existing = marks.complementoEnd;
  if (existing?.selfClosing) {
    const close = `</${prefix}Complemento>`;
    return `${xml.slice(0, existing.at)}>${timbre}${close}${xml.slice(existing.at + 2)}`;
  }
  if (existing) return xml.slice(0, existing.at) + timbre + xml.slice(existing.at);
  const at = marks.addendaStart ?? marks.rootClose;
  if (at === undefined) throw new Error('The Comprobante has no closing tag');
  const wrapped = `<${prefix}Complemento>${timbre}</${prefix}Complemento>`;
  return xml.slice(0, at) + wrapped + xml.slice(at);
}
