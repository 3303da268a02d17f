/**
 * XML tree -> Comprobante model (the inverse of to-tree.ts). Unknown cfdi attributes are refused by the
 * XSD, not here; what the model has no field for (complements, addenda) is kept as XML trees.
 */
import { XmlError } from '../../errors.js';
import { NS, type XmlElement } from '../../xml/tree.js';
import type {
  Comprobante,
  Concepto,
  ConceptoImpuestos,
  Impuestos,
  Parte,
  RetencionConcepto,
  TrasladoConcepto,
  TrasladoResumen,
} from '../model.js';

function children(parent: XmlElement, local: string): XmlElement[] {
  return parent.children.filter((c) => c.ns === NS.cfdi && c.local === local);
}

function child(parent: XmlElement, local: string): XmlElement | undefined {
  return parent.children.find((c) => c.ns === NS.cfdi && c.local === local);
}

/** Copies the listed attributes that are present; required ones default to '' so validation reports them. */
function read<T>(node: XmlElement, required: readonly string[], optional: readonly string[] = []): T {
  const out: Record<string, string> = {};
  for (const key of required) out[key] = node.attrs[key] ?? '';
  for (const key of optional) {
    const value = node.attrs[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

export function comprobanteFromTree(root: XmlElement): Comprobante {
  if (root.ns !== NS.cfdi || root.local !== 'Comprobante' || root.attrs.Version !== '4.0') {
    throw new XmlError({
      code: 'XML_NOT_CFDI40',
      message:
        'El documento no es un CFDI 4.0: el elemento raíz debe ser cfdi:Comprobante con Version="4.0".',
      messageEn: 'The document is not a CFDI 4.0: the root must be cfdi:Comprobante with Version="4.0".',
    });
  }
  const c = read<Comprobante>(
    root,
    [
      'Version',
      'Fecha',
      'SubTotal',
      'Moneda',
      'Total',
      'TipoDeComprobante',
      'Exportacion',
      'LugarExpedicion',
    ],
    [
      'Serie',
      'Folio',
      'Sello',
      'FormaPago',
      'NoCertificado',
      'Certificado',
      'CondicionesDePago',
      'Descuento',
      'TipoCambio',
      'MetodoPago',
      'Confirmacion',
    ],
  );
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(root.attrs)) {
    if (key.startsWith('xmlns') && key !== 'xmlns:cfdi' && key !== 'xmlns:xsi') extra[key] = value;
  }
  if (Object.keys(extra).length > 0) c.extraNamespaces = extra;
  const schemaLocation = root.attrs['xsi:schemaLocation'];
  if (schemaLocation !== undefined) c.schemaLocation = schemaLocation;

  const global = child(root, 'InformacionGlobal');
  if (global) c.InformacionGlobal = read(global, ['Periodicidad', 'Meses', 'Año']);
  const related = children(root, 'CfdiRelacionados');
  if (related.length > 0) {
    c.CfdiRelacionados = related.map((r) => ({
      TipoRelacion: r.attrs.TipoRelacion ?? '',
      uuids: children(r, 'CfdiRelacionado').map((u) => u.attrs.UUID ?? ''),
    }));
  }
  const emisor = child(root, 'Emisor');
  c.Emisor = emisor
    ? read(emisor, ['Rfc', 'Nombre', 'RegimenFiscal'], ['FacAtrAdquirente'])
    : missing('Emisor');
  const receptor = child(root, 'Receptor');
  c.Receptor = receptor
    ? read(
        receptor,
        ['Rfc', 'Nombre', 'DomicilioFiscalReceptor', 'RegimenFiscalReceptor', 'UsoCFDI'],
        ['ResidenciaFiscal', 'NumRegIdTrib'],
      )
    : missing('Receptor');
  const conceptos = child(root, 'Conceptos');
  c.Conceptos = conceptos ? children(conceptos, 'Concepto').map(conceptoFromTree) : [];
  const impuestos = child(root, 'Impuestos');
  if (impuestos) c.Impuestos = impuestosFromTree(impuestos);
  const complemento = children(root, 'Complemento').flatMap((node) => node.children);
  if (complemento.length > 0) c.Complemento = complemento;
  const addenda = child(root, 'Addenda');
  if (addenda) c.Addenda = addenda.children;
  return c;
}

function missing(node: string): never {
  throw new XmlError({
    code: 'XML_MISSING_NODE',
    message: `Al CFDI le falta el nodo obligatorio cfdi:${node}.`,
    messageEn: `The CFDI lacks the required node cfdi:${node}.`,
  });
}

function conceptoFromTree(node: XmlElement): Concepto {
  const c = read<Concepto>(
    node,
    ['ClaveProdServ', 'Cantidad', 'ClaveUnidad', 'Descripcion', 'ValorUnitario', 'Importe', 'ObjetoImp'],
    ['NoIdentificacion', 'Unidad', 'Descuento'],
  );
  const impuestos = child(node, 'Impuestos');
  if (impuestos) c.Impuestos = conceptoImpuestosFromTree(impuestos);
  const terceros = child(node, 'ACuentaTerceros');
  if (terceros) {
    c.ACuentaTerceros = read(terceros, [
      'RfcACuentaTerceros',
      'NombreACuentaTerceros',
      'RegimenFiscalACuentaTerceros',
      'DomicilioFiscalACuentaTerceros',
    ]);
  }
  const aduana = children(node, 'InformacionAduanera');
  if (aduana.length > 0) c.InformacionAduanera = aduana.map((a) => read(a, ['NumeroPedimento']));
  const predial = children(node, 'CuentaPredial');
  if (predial.length > 0) c.CuentaPredial = predial.map((p) => read(p, ['Numero']));
  const complemento = child(node, 'ComplementoConcepto');
  if (complemento) c.ComplementoConcepto = complemento.children;
  const partes = children(node, 'Parte');
  if (partes.length > 0) c.Parte = partes.map(parteFromTree);
  return c;
}

function conceptoImpuestosFromTree(node: XmlElement): ConceptoImpuestos {
  const out: ConceptoImpuestos = {};
  const traslados = child(node, 'Traslados');
  if (traslados) {
    out.Traslados = children(traslados, 'Traslado').map((t) =>
      read<TrasladoConcepto>(t, ['Base', 'Impuesto', 'TipoFactor'], ['TasaOCuota', 'Importe']),
    );
  }
  const retenciones = child(node, 'Retenciones');
  if (retenciones) {
    out.Retenciones = children(retenciones, 'Retencion').map((r) =>
      read<RetencionConcepto>(r, ['Base', 'Impuesto', 'TipoFactor', 'TasaOCuota', 'Importe']),
    );
  }
  return out;
}

function impuestosFromTree(node: XmlElement): Impuestos {
  const out = read<Impuestos>(node, [], ['TotalImpuestosRetenidos', 'TotalImpuestosTrasladados']);
  const retenciones = child(node, 'Retenciones');
  if (retenciones) {
    out.Retenciones = children(retenciones, 'Retencion').map((r) => read(r, ['Impuesto', 'Importe']));
  }
  const traslados = child(node, 'Traslados');
  if (traslados) {
    out.Traslados = children(traslados, 'Traslado').map((t) =>
      read<TrasladoResumen>(t, ['Base', 'Impuesto', 'TipoFactor'], ['TasaOCuota', 'Importe']),
    );
  }
  return out;
}

function parteFromTree(node: XmlElement): Parte {
  const p = read<Parte>(
    node,
    ['ClaveProdServ', 'Cantidad', 'Descripcion'],
    ['NoIdentificacion', 'Unidad', 'ValorUnitario', 'Importe'],
  );
  const aduana = children(node, 'InformacionAduanera');
  if (aduana.length > 0) p.InformacionAduanera = aduana.map((a) => read(a, ['NumeroPedimento']));
  return p;
}
