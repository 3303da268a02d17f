/**
 * The SAT catalogs as core sees them. Data is generated from SAT's CSVs by `scripts/catalogs/generate.ts`
 * (or `autofactura catalogs import DIR`) into `core/data/catalogs/`; see that folder's SOURCE.md.
 * Every lookup is by the catalog key exactly as it appears in a CFDI.
 */

/** Validity window of a catalog entry (ISO dates, `to` absent when open-ended). */
export interface Validity {
  from?: string;
  to?: string;
}

export interface Entry extends Validity {
  key: string;
  description: string;
}

export interface SimpleCatalog<T extends Entry = Entry> {
  get(key: string): T | undefined;
  has(key: string): boolean;
  keys(): string[];
}

export interface RegimenFiscal extends Entry {
  fisica: boolean;
  moral: boolean;
}

export interface UsoCfdi extends Entry {
  fisica: boolean;
  moral: boolean;
  /** RegimenFiscalReceptor keys allowed with this use. */
  regimenes: string[];
}

export interface Moneda extends Entry {
  /** Decimals the currency admits in a CFDI (MXN 2, JPY 0, ...). */
  decimals: number;
  /** Percentage TipoCambio may vary from the published rate (CFDI40118), when given. */
  variation?: number;
}

export interface TipoComprobante extends Entry {
  /** Maximum Total, as a decimal string, when SAT sets one. */
  maxValue?: string;
}

export interface FormaPago extends Entry {
  bancarizado: boolean;
}

export interface ClaveProdServ extends Entry {
  /** 'Sí' | 'No' | 'Opcional' as in SAT's column "Incluir IVA trasladado". */
  iva: string;
  /** 'Sí' | 'No' | 'Opcional' as in "Incluir IEPS trasladado". */
  ieps: string;
  /** Complement the key requires, when any. */
  complement?: string;
  borderStimulus: boolean;
  /** SAT's "Palabras similares" (search terms), when given. */
  similar?: string;
}

export interface CodigoPostal {
  key: string;
  estado: string;
  municipio?: string;
  localidad?: string;
  borderStimulus: boolean;
  /** IANA time zone for CFDI Fecha at this postal code, e.g. America/Mexico_City, America/Cancun. */
  timeZone: string;
  /** SAT's description, e.g. "Tiempo del Centro". */
  timeZoneDescription: string;
}

/** One row of c_TasaOCuota (cfdi_40_reglas_tasa_cuota). */
export interface TasaOCuotaRule extends Validity {
  kind: 'Fijo' | 'Rango';
  /** Fijo: the value; Rango: the maximum. 6 decimals as in the catalog, e.g. "0.160000". */
  value: string;
  /** Rango only: the minimum. */
  min?: string;
  /** c_Impuesto code: '001' ISR, '002' IVA, '003' IEPS. */
  impuesto: string;
  factor: 'Tasa' | 'Cuota';
  traslado: boolean;
  retencion: boolean;
}

export interface Pais extends Entry {
  zipPattern?: string;
  taxIdPattern?: string;
}

export interface Catalogs {
  /** Where the data came from: source, revision, generation date. */
  meta: { source: string; revision: string; generatedAt: string };
  formaPago: SimpleCatalog<FormaPago>;
  metodoPago: SimpleCatalog;
  moneda: SimpleCatalog<Moneda>;
  tipoComprobante: SimpleCatalog<TipoComprobante>;
  exportacion: SimpleCatalog;
  regimenFiscal: SimpleCatalog<RegimenFiscal>;
  usoCfdi: SimpleCatalog<UsoCfdi>;
  objetoImp: SimpleCatalog;
  impuesto: SimpleCatalog;
  tipoFactor: SimpleCatalog;
  periodicidad: SimpleCatalog;
  meses: SimpleCatalog;
  tipoRelacion: SimpleCatalog;
  pais: SimpleCatalog<Pais>;
  estado: SimpleCatalog;
  aduana: SimpleCatalog;
  claveUnidad: SimpleCatalog;
  /** Big catalog (52k keys): loaded lazily on first use, O(1) lookup. */
  claveProdServ: SimpleCatalog<ClaveProdServ>;
  /** Big catalog (95k codes): loaded lazily on first use, O(1) lookup. */
  codigoPostal: SimpleCatalog<CodigoPostal & Entry>;
  tasaOCuota: TasaOCuotaRule[];
}
