/**
 * Comprobante model -> XML tree, nodes and attributes in cfdv40.xsd order, optional attributes omitted
 * when absent. The tree feeds both the serializer and the cadena original, so they cannot disagree.
 */
import { NS, type XmlElement } from '../../xml/tree.js';
import type {
  Comprobante,
  Concepto,
  ConceptoImpuestos,
  Emisor,
  Impuestos,
  Parte,
  Receptor,
  RetencionConcepto,
  TrasladoConcepto,
  TrasladoResumen,
} from '../model.js';

export const CFDI40_SCHEMA_LOCATION =
  'http://www.sat.gob.mx/cfd/4 http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd';

type Attrs = Record<string, string>;

/** Qualified names, written once per element type. */
const QNAMES = new Map<string, string>();

function el(local: string, attrs: Attrs, children: XmlElement[] = []): XmlElement {
  let name = QNAMES.get(local);
  if (name === undefined) {
    name = `cfdi:${local}`;
    QNAMES.set(local, name);
  }
  return { name, local, ns: NS.cfdi, attrs, children };
}

/** The attributes `keys` of `source` that are present, in the order of `keys`, into `out`. */
function pick<T extends object>(source: T, keys: readonly (keyof T & string)[], out: Attrs = {}): Attrs {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as keyof T & string;
    const value = source[key];
    if (value !== undefined) out[key] = value as string;
  }
  return out;
}

// The attributes of every CFDI (Comprobante, Emisor, Receptor, Concepto, taxes) are read by name rather
// than through pick(), in cfdv40.xsd order, leaving out those that are absent.

function comprobanteAttrs(c: Comprobante, a: Attrs): void {
  if (c.Version !== undefined) a.Version = c.Version;
  if (c.Serie !== undefined) a.Serie = c.Serie;
  if (c.Folio !== undefined) a.Folio = c.Folio;
  if (c.Fecha !== undefined) a.Fecha = c.Fecha;
  if (c.Sello !== undefined) a.Sello = c.Sello;
  if (c.FormaPago !== undefined) a.FormaPago = c.FormaPago;
  if (c.NoCertificado !== undefined) a.NoCertificado = c.NoCertificado;
  if (c.Certificado !== undefined) a.Certificado = c.Certificado;
  if (c.CondicionesDePago !== undefined) a.CondicionesDePago = c.CondicionesDePago;
  if (c.SubTotal !== undefined) a.SubTotal = c.SubTotal;
  if (c.Descuento !== undefined) a.Descuento = c.Descuento;
  if (c.Moneda !== undefined) a.Moneda = c.Moneda;
  if (c.TipoCambio !== undefined) a.TipoCambio = c.TipoCambio;
  if (c.Total !== undefined) a.Total = c.Total;
  if (c.TipoDeComprobante !== undefined) a.TipoDeComprobante = c.TipoDeComprobante;
  if (c.Exportacion !== undefined) a.Exportacion = c.Exportacion;
  if (c.MetodoPago !== undefined) a.MetodoPago = c.MetodoPago;
  if (c.LugarExpedicion !== undefined) a.LugarExpedicion = c.LugarExpedicion;
  if (c.Confirmacion !== undefined) a.Confirmacion = c.Confirmacion;
}

function emisorAttrs(e: Emisor): Attrs {
  const a: Attrs = {};
  if (e.Rfc !== undefined) a.Rfc = e.Rfc;
  if (e.Nombre !== undefined) a.Nombre = e.Nombre;
  if (e.RegimenFiscal !== undefined) a.RegimenFiscal = e.RegimenFiscal;
  if (e.FacAtrAdquirente !== undefined) a.FacAtrAdquirente = e.FacAtrAdquirente;
  return a;
}

function receptorAttrs(r: Receptor): Attrs {
  const a: Attrs = {};
  if (r.Rfc !== undefined) a.Rfc = r.Rfc;
  if (r.Nombre !== undefined) a.Nombre = r.Nombre;
  if (r.DomicilioFiscalReceptor !== undefined) a.DomicilioFiscalReceptor = r.DomicilioFiscalReceptor;
  if (r.ResidenciaFiscal !== undefined) a.ResidenciaFiscal = r.ResidenciaFiscal;
  if (r.NumRegIdTrib !== undefined) a.NumRegIdTrib = r.NumRegIdTrib;
  if (r.RegimenFiscalReceptor !== undefined) a.RegimenFiscalReceptor = r.RegimenFiscalReceptor;
  if (r.UsoCFDI !== undefined) a.UsoCFDI = r.UsoCFDI;
  return a;
}

function conceptoAttrs(c: Concepto): Attrs {
  const a: Attrs = {};
  if (c.ClaveProdServ !== undefined) a.ClaveProdServ = c.ClaveProdServ;
  if (c.NoIdentificacion !== undefined) a.NoIdentificacion = c.NoIdentificacion;
  if (c.Cantidad !== undefined) a.Cantidad = c.Cantidad;
  if (c.ClaveUnidad !== undefined) a.ClaveUnidad = c.ClaveUnidad;
  if (c.Unidad !== undefined) a.Unidad = c.Unidad;
  if (c.Descripcion !== undefined) a.Descripcion = c.Descripcion;
  if (c.ValorUnitario !== undefined) a.ValorUnitario = c.ValorUnitario;
  if (c.Importe !== undefined) a.Importe = c.Importe;
  if (c.Descuento !== undefined) a.Descuento = c.Descuento;
  if (c.ObjetoImp !== undefined) a.ObjetoImp = c.ObjetoImp;
  return a;
}

function taxAttrs(t: TrasladoConcepto | RetencionConcepto | TrasladoResumen): Attrs {
  const a: Attrs = {};
  if (t.Base !== undefined) a.Base = t.Base;
  if (t.Impuesto !== undefined) a.Impuesto = t.Impuesto;
  if (t.TipoFactor !== undefined) a.TipoFactor = t.TipoFactor;
  if (t.TasaOCuota !== undefined) a.TasaOCuota = t.TasaOCuota;
  if (t.Importe !== undefined) a.Importe = t.Importe;
  return a;
}

const traslado = (t: TrasladoConcepto | TrasladoResumen) => el('Traslado', taxAttrs(t));
const retencion = (r: RetencionConcepto) => el('Retencion', taxAttrs(r));
const IMPUESTOS_ATTRS = ['TotalImpuestosRetenidos', 'TotalImpuestosTrasladados'] as const;

export function comprobanteToTree(c: Comprobante): XmlElement {
  const rootAttrs: Attrs = { 'xmlns:cfdi': NS.cfdi, 'xmlns:xsi': NS.xsi };
  if (c.extraNamespaces) Object.assign(rootAttrs, c.extraNamespaces);
  rootAttrs['xsi:schemaLocation'] = c.schemaLocation ?? CFDI40_SCHEMA_LOCATION;
  comprobanteAttrs(c, rootAttrs);
  const children: XmlElement[] = [];
  if (c.InformacionGlobal) {
    const g = c.InformacionGlobal;
    children.push(el('InformacionGlobal', pick(g, ['Periodicidad', 'Meses', 'Año'])));
  }
  for (const rel of c.CfdiRelacionados ?? []) {
    const related = rel.uuids.map((UUID) => el('CfdiRelacionado', pick({ UUID }, ['UUID'])));
    children.push(el('CfdiRelacionados', pick(rel, ['TipoRelacion']), related));
  }
  children.push(el('Emisor', emisorAttrs(c.Emisor)));
  children.push(el('Receptor', receptorAttrs(c.Receptor)));
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
    children.push(el('InformacionAduanera', pick(info, ['NumeroPedimento'])));
  }
  for (const cuenta of concepto.CuentaPredial ?? [])
    children.push(el('CuentaPredial', pick(cuenta, ['Numero'])));
  if (concepto.ComplementoConcepto && concepto.ComplementoConcepto.length > 0) {
    children.push(el('ComplementoConcepto', {}, concepto.ComplementoConcepto));
  }
  for (const parte of concepto.Parte ?? []) children.push(parteToTree(parte));
  return el('Concepto', conceptoAttrs(concepto), children);
}

function conceptoImpuestosToTree(impuestos: ConceptoImpuestos): XmlElement {
  const children: XmlElement[] = [];
  if (impuestos.Traslados && impuestos.Traslados.length > 0) {
    children.push(el('Traslados', {}, impuestos.Traslados.map(traslado)));
  }
  if (impuestos.Retenciones && impuestos.Retenciones.length > 0) {
    children.push(el('Retenciones', {}, impuestos.Retenciones.map(retencion)));
  }
  return el('Impuestos', {}, children);
}

function impuestosToTree(impuestos: Impuestos): XmlElement {
  const children: XmlElement[] = [];
  if (impuestos.Retenciones && impuestos.Retenciones.length > 0) {
    const retenciones = impuestos.Retenciones.map((r) => el('Retencion', pick(r, ['Impuesto', 'Importe'])));
    children.push(el('Retenciones', {}, retenciones));
  }
  if (impuestos.Traslados && impuestos.Traslados.length > 0) {
    children.push(el('Traslados', {}, impuestos.Traslados.map(traslado)));
  }
  return el('Impuestos', pick(impuestos, IMPUESTOS_ATTRS), children);
}

function parteToTree(parte: Parte): XmlElement {
  const aduana = (parte.InformacionAduanera ?? []).map((i) =>
    el('InformacionAduanera', pick(i, ['NumeroPedimento'])),
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
