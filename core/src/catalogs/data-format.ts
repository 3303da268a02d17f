/**
 * Layout of an imported catalog set on disk (the bundled `core/data/catalogs/` or an imported copy).
 * `meta.json` marks a complete set; small catalogs live in one JSON file; the two big ones are gzipped
 * tab-separated files read lazily (one row per line, key first; see the column lists below).
 */
import type {
  Entry,
  FormaPago,
  Moneda,
  Pais,
  RegimenFiscal,
  TasaOCuotaRule,
  TipoComprobante,
  UsoCfdi,
} from './types.js';

export const META_FILE = 'meta.json';
export const SMALL_FILE = 'small.json';
export const CLAVE_PROD_SERV_FILE = 'clave-prod-serv.tsv.gz';
export const CODIGO_POSTAL_FILE = 'codigo-postal.tsv.gz';
export const DATA_FORMAT = 1;

/** Columns of clave-prod-serv.tsv.gz, in order. */
export const CLAVE_PROD_SERV_COLUMNS = [
  'key',
  'description',
  'iva',
  'ieps',
  'complement',
  'from',
  'to',
  'border',
  'similar',
];
/** Columns of codigo-postal.tsv.gz, in order; `zone` indexes `SmallCatalogsData.timeZones`. */
export const CODIGO_POSTAL_COLUMNS = [
  'key',
  'estado',
  'municipio',
  'localidad',
  'border',
  'from',
  'to',
  'zone',
];

export interface CatalogsMeta {
  format: number;
  source: string;
  revision: string;
  generatedAt: string;
  /** Rows per catalog, for reports and sanity checks. */
  counts: Record<string, number>;
}

export interface TimeZoneRow {
  /** SAT's "Descripción del Huso Horario". */
  description: string;
  /** IANA zone. */
  timeZone: string;
}

export interface SmallCatalogsData {
  formaPago: FormaPago[];
  metodoPago: Entry[];
  moneda: Moneda[];
  tipoComprobante: TipoComprobante[];
  exportacion: Entry[];
  regimenFiscal: RegimenFiscal[];
  usoCfdi: UsoCfdi[];
  objetoImp: Entry[];
  impuesto: Entry[];
  tipoFactor: Entry[];
  periodicidad: Entry[];
  meses: Entry[];
  tipoRelacion: Entry[];
  pais: Pais[];
  estado: Entry[];
  aduana: Entry[];
  claveUnidad: Entry[];
  tasaOCuota: TasaOCuotaRule[];
  timeZones: TimeZoneRow[];
}

export type SmallCatalogName = Exclude<keyof SmallCatalogsData, 'tasaOCuota' | 'timeZones'>;
