/**
 * The Comprobante model: CFDI 4.0 as data. Attribute names are SAT's own (Anexo 20); every value is the
 * exact string that goes into the XML (money already rounded and formatted), so the model, the XML and
 * the cadena original can never disagree. Optional attributes are absent, never ''.
 * Node and attribute order follow cfdv40.xsd; `to-tree.ts` writes them in that order.
 */
import type { XmlElement } from '../xml/tree.js';

export type TipoDeComprobante = 'I' | 'E' | 'T' | 'N' | 'P';

export interface Comprobante {
  Version: '4.0';
  Serie?: string;
  Folio?: string;
  Fecha: string;
  Sello?: string;
  FormaPago?: string;
  NoCertificado?: string;
  Certificado?: string;
  CondicionesDePago?: string;
  SubTotal: string;
  Descuento?: string;
  Moneda: string;
  TipoCambio?: string;
  Total: string;
  TipoDeComprobante: TipoDeComprobante;
  Exportacion: string;
  MetodoPago?: string;
  LugarExpedicion: string;
  Confirmacion?: string;
  InformacionGlobal?: InformacionGlobal;
  CfdiRelacionados?: CfdiRelacionados[];
  Emisor: Emisor;
  Receptor: Receptor;
  Conceptos: Concepto[];
  Impuestos?: Impuestos;
  /** Complements (TimbreFiscalDigital, Pagos 2.0, ...) kept as XML trees. */
  Complemento?: XmlElement[];
  /** Addenda content, kept as XML trees; never part of the cadena original. */
  Addenda?: XmlElement[];
  /**
   * Namespace declarations and xsi:schemaLocation beyond cfdi/xsi, as read from a parsed document
   * (complement namespaces), so parse -> XML keeps them.
   */
  extraNamespaces?: Record<string, string>;
  schemaLocation?: string;
}

export interface InformacionGlobal {
  Periodicidad: string;
  Meses: string;
  Año: string;
}

export interface CfdiRelacionados {
  TipoRelacion: string;
  uuids: string[];
}

export interface Emisor {
  Rfc: string;
  Nombre: string;
  RegimenFiscal: string;
  FacAtrAdquirente?: string;
}

export interface Receptor {
  Rfc: string;
  Nombre: string;
  DomicilioFiscalReceptor: string;
  ResidenciaFiscal?: string;
  NumRegIdTrib?: string;
  RegimenFiscalReceptor: string;
  UsoCFDI: string;
}

export interface Concepto {
  ClaveProdServ: string;
  NoIdentificacion?: string;
  Cantidad: string;
  ClaveUnidad: string;
  Unidad?: string;
  Descripcion: string;
  ValorUnitario: string;
  Importe: string;
  Descuento?: string;
  ObjetoImp: string;
  Impuestos?: ConceptoImpuestos;
  ACuentaTerceros?: ACuentaTerceros;
  InformacionAduanera?: { NumeroPedimento: string }[];
  CuentaPredial?: { Numero: string }[];
  /** ComplementoConcepto children, as XML. */
  ComplementoConcepto?: XmlElement[];
  Parte?: Parte[];
}

export interface ConceptoImpuestos {
  Traslados?: TrasladoConcepto[];
  Retenciones?: RetencionConcepto[];
}

export interface TrasladoConcepto {
  Base: string;
  Impuesto: string;
  TipoFactor: 'Tasa' | 'Cuota' | 'Exento';
  TasaOCuota?: string;
  Importe?: string;
}

export interface RetencionConcepto {
  Base: string;
  Impuesto: string;
  TipoFactor: 'Tasa' | 'Cuota';
  TasaOCuota: string;
  Importe: string;
}

export interface ACuentaTerceros {
  RfcACuentaTerceros: string;
  NombreACuentaTerceros: string;
  RegimenFiscalACuentaTerceros: string;
  DomicilioFiscalACuentaTerceros: string;
}

export interface Parte {
  ClaveProdServ: string;
  NoIdentificacion?: string;
  Cantidad: string;
  Unidad?: string;
  Descripcion: string;
  ValorUnitario?: string;
  Importe?: string;
  InformacionAduanera?: { NumeroPedimento: string }[];
}

export interface Impuestos {
  TotalImpuestosRetenidos?: string;
  TotalImpuestosTrasladados?: string;
  Retenciones?: { Impuesto: string; Importe: string }[];
  Traslados?: TrasladoResumen[];
}

export interface TrasladoResumen {
  Base: string;
  Impuesto: string;
  TipoFactor: 'Tasa' | 'Cuota' | 'Exento';
  TasaOCuota?: string;
  Importe?: string;
}

/** Impuesto codes of c_Impuesto. */
export const IMPUESTO = { ISR: '001', IVA: '002', IEPS: '003' } as const;
