/**
 * The XML tree every part of core shares: the parser produces it, the CFDI model is written into it,
 * the serializer and the cadena original read it.
 */
export interface XmlElement {
  /** Qualified name as written, e.g. `cfdi:Comprobante`. */
  name: string;
  /** Local name, e.g. `Comprobante`. */
  local: string;
  /** Namespace URI, e.g. `http://www.sat.gob.mx/cfd/4` ('' when none). */
  ns: string;
  /**
   * Attributes in document order, keyed by qualified name as written (`Version`, `xmlns:cfdi`,
   * `xsi:schemaLocation`). Values are decoded (no entities); namespace declarations are included.
   */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element, when any (rare in CFDI). */
  text?: string;
}

export const NS = {
  cfdi: 'http://www.sat.gob.mx/cfd/4',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  tfd: 'http://www.sat.gob.mx/TimbreFiscalDigital',
  pago20: 'http://www.sat.gob.mx/Pagos20',
} as const;

export function element(
  name: string,
  ns: string,
  attrs: Record<string, string> = {},
  children: XmlElement[] = [],
): XmlElement {
  const colon = name.indexOf(':');
  return { name, local: colon === -1 ? name : name.slice(colon + 1), ns, attrs, children };
}

export function childrenNamed(parent: XmlElement, ns: string, local: string): XmlElement[] {
  return parent.children.filter((c) => c.local === local && c.ns === ns);
}

export function firstChild(parent: XmlElement, ns: string, local: string): XmlElement | undefined {
  return parent.children.find((c) => c.local === local && c.ns === ns);
}
