/**
 * Comprobante model -> XML tree, nodes and attributes in cfdv40.xsd order, optional attributes omitted
 * when absent. The tree feeds both the serializer and the cadena original, so they cannot disagree.
 */
import { NS, type XmlElement } from '../../xml/tree.js';
import type { Comprobante, Concepto, ConceptoImpuestos, Impuestos, Parte } from '../model.js';

export const CFDI40_SCHEMA_LOCATION =
  'http://www.sat.gob.mx/cfd/4 http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd';

type Attrs = Record<string, string | undefined>;

function el(local: string, attrs: Attrs, children: XmlElement[] = []): XmlElement {
  const clean: Record<string, string> = {};
  for (const key in attrs) {
    const value = attrs[key];
    if (value !== undefined) clean[key] = value;
  }
  return { name: `cfdi:${local}`, local, ns: NS.cfdi, attrs: clean, children };
}

function pick<T extends object>(source: T, keys: readonly (keyof T & string)[]): Attrs {
  const out: Attrs = {};
  for (const key of keys) out[key] = source[key] as string | undefined;
  return out;
}

const COMPROBANTE_ATTRS = [
  'Version',
  'Serie',
  'Folio',
  'Fecha',
  'Sello',
  'FormaPago',
  'NoCertificado',
  'Certificado',
  'CondicionesDePago',
  'SubTotal',
  'Descuento',
  'Moneda',
  'TipoCambio',
  'Total',
  'TipoDeComprobante',
  'Exportacion',
  'MetodoPago',
  'LugarExpedicion',
  'Confirmacion',
] as const;
const CONCEPTO_ATTRS = [
  'ClaveProdServ',
  'NoIdentificacion',
  'Cantidad',
  'ClaveUnidad',
  'Unidad',
  'Descripcion',
  'ValorUnitario',
  'Importe',
  'Descuento',
  'ObjetoImp',
] as const;
const TAX_ATTRS = ['Base', 'Impuesto', 'TipoFactor', 'TasaOCuota', 'Importe'] as const;

export function comprobanteToTree(c: Comprobante): XmlElement {
  const rootAttrs: Attrs = {
    'xmlns:cfdi': NS.cfdi,
    'xmlns:xsi': NS.xsi,
    ...c.extraNamespaces,
    'xsi:schemaLocation': c.schemaLocation ?? CFDI40_SCHEMA_LOCATION,
    ...pick(c, COMPROBANTE_ATTRS),
  };
  const children: XmlElement[] = [];
  if (c.InformacionGlobal) {
    const g = c.InformacionGlobal;
    children.push(el('InformacionGlobal', { Periodicidad: g.Periodicidad, Meses: g.Meses, Año: g.Año }));
  }
  for (const rel of c.CfdiRelacionados ?? []) {
    const related = rel.uuids.map((UUID) => el('CfdiRelacionado', { UUID }));
    children.push(el('CfdiRelacionados', { TipoRelacion: rel.TipoRelacion }, related));
  }
  children.push(el('Emisor', pick(c.Emisor, ['Rfc', 'Nombre', 'RegimenFiscal', 'FacAtrAdquirente'])));
  children.push(
    el(
      'Receptor',
      pick(c.Receptor, [
        'Rfc',
        'Nombre',
        'DomicilioFiscalReceptor',
        'ResidenciaFiscal',
        'NumRegIdTrib',
        'RegimenFiscalReceptor',
        'UsoCFDI',
      ]),
    ),
  );
  children.push(el('Conceptos', {}, c.Conceptos.map(conceptoToTree)));
  if (c.Impuestos) children.push(impuestosToTree(c.Impuestos));
  if (c.Complemento && c.Complemento.length > 0) children.push(el('Complemento', {}, c.Complemento));
  if (c.Addenda && c.Addenda.length > 0) children.push(el('Addenda', {}, c.Addenda));
  return el('Comprobante', rootAttrs, children);
}

function conceptoToTree(concepto: Concepto): XmlElement {
  const children: XmlElement[] = [];
  if (concepto.Impuestos) children.push(conceptoImpuestosToTree(concepto.Impuestos));
  if (concepto.ACuentaTerceros) {
    const t = concepto.ACuentaTerceros;
    children.push(
      el(
        'ACuentaTerceros',
        pick(t, [
          'RfcACuentaTerceros',
          'NombreACuentaTerceros',
          'RegimenFiscalACuentaTerceros',
          'DomicilioFiscalACuentaTerceros',
        ]),
      ),
    );
  }
  for (const info of concepto.InformacionAduanera ?? []) {
    children.push(el('InformacionAduanera', { NumeroPedimento: info.NumeroPedimento }));
  }
  for (const cuenta of concepto.CuentaPredial ?? [])
    children.push(el('CuentaPredial', { Numero: cuenta.Numero }));
  if (concepto.ComplementoConcepto && concepto.ComplementoConcepto.length > 0) {
    children.push(el('ComplementoConcepto', {}, concepto.ComplementoConcepto));
  }
  for (const parte of concepto.Parte ?? []) children.push(parteToTree(parte));
  return el('Concepto', pick(concepto, CONCEPTO_ATTRS), children);
}

function conceptoImpuestosToTree(impuestos: ConceptoImpuestos): XmlElement {
  const children: XmlElement[] = [];
  if (impuestos.Traslados && impuestos.Traslados.length > 0) {
    children.push(
      el(
        'Traslados',
        {},
        impuestos.Traslados.map((t) => el('Traslado', pick(t, TAX_ATTRS))),
      ),
    );
  }
  if (impuestos.Retenciones && impuestos.Retenciones.length > 0) {
    children.push(
      el(
        'Retenciones',
        {},
        impuestos.Retenciones.map((r) => el('Retencion', pick(r, TAX_ATTRS))),
      ),
    );
  }
  return el('Impuestos', {}, children);
}

function impuestosToTree(impuestos: Impuestos): XmlElement {
  const children: XmlElement[] = [];
  if (impuestos.Retenciones && impuestos.Retenciones.length > 0) {
    const retenciones = impuestos.Retenciones.map((r) =>
      el('Retencion', { Impuesto: r.Impuesto, Importe: r.Importe }),
    );
    children.push(el('Retenciones', {}, retenciones));
  }
  if (impuestos.Traslados && impuestos.Traslados.length > 0) {
    children.push(
      el(
        'Traslados',
        {},
        impuestos.Traslados.map((t) => el('Traslado', pick(t, TAX_ATTRS))),
      ),
    );
  }
  return el(
    'Impuestos',
    {
      TotalImpuestosRetenidos: impuestos.TotalImpuestosRetenidos,
      TotalImpuestosTrasladados: impuestos.TotalImpuestosTrasladados,
    },
    children,
  );
}

function parteToTree(parte: Parte): XmlElement {
  const aduana = (parte.InformacionAduanera ?? []).map((i) =>
    el('InformacionAduanera', { NumeroPedimento: i.NumeroPedimento }),
  );
  return el(
    'Parte',
    pick(parte, [
      'ClaveProdServ',
      'NoIdentificacion',
      'Cantidad',
      'Unidad',
      'Descripcion',
      'ValorUnitario',
      'Importe',
    ]),
    aduana,
  );
}
