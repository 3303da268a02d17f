/**
 * The test's own reading of a stamped CFDI (regular expressions over the XML text, not the report code): the
 * Comprobante's SubTotal, Descuento, Total, TipoDeComprobante and its summary Impuestos, so the report's
 * totals are checked against sums computed independently.
 */
export interface XmlFigures {
  type: string;
  subtotal: bigint;
  discount: bigint;
  total: bigint;
  iva: bigint;
  ieps: bigint;
  isrWithheld: bigint;
  ivaWithheld: bigint;
}

/** "1160.5" -> 116050n (hundredths; the test's CFDIs are MXN with 2 decimals). */
export function cents(text: string | undefined): bigint {
  if (!text) return 0n;
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole!) * 100n + BigInt((frac + '00').slice(0, 2));
}

export const fromCents = (value: bigint) => {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

export function xmlFigures(xml: string): XmlFigures {
  const root = /<cfdi:Comprobante\b[^>]*>/.exec(xml)![0];
  // The summary Impuestos is the Comprobante's direct child, after Conceptos.
  const afterConceptos = xml.slice(xml.lastIndexOf('</cfdi:Conceptos>'));
  const summary = /<cfdi:Impuestos\b[^>]*>([\s\S]*?)<\/cfdi:Impuestos>/.exec(afterConceptos)?.[1] ?? '';
  const sum = (section: string, impuesto: string) => {
    const block = new RegExp(`<cfdi:${section}>([\\s\\S]*?)</cfdi:${section}>`).exec(summary)?.[1] ?? '';
    const singular = section === 'Traslados' ? 'Traslado' : 'Retencion';
    let total = 0n;
    for (const m of block.matchAll(new RegExp(`<cfdi:${singular}\\b[^>]*>`, 'g'))) {
      if (attr(m[0], 'Impuesto') === impuesto) total += cents(attr(m[0], 'Importe'));
    }
    return total;
  };
  return {
    type: attr(root, 'TipoDeComprobante')!,
    subtotal: cents(attr(root, 'SubTotal')),
    discount: cents(attr(root, 'Descuento')),
    total: cents(attr(root, 'Total')),
    iva: sum('Traslados', '002'),
    ieps: sum('Traslados', '003'),
    isrWithheld: sum('Retenciones', '001'),
    ivaWithheld: sum('Retenciones', '002'),
  };
}
