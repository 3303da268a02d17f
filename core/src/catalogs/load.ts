import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutofacturaError } from '../errors.js';
import {
  type CatalogsMeta,
  CLAVE_PROD_SERV_FILE,
  CODIGO_POSTAL_FILE,
  DATA_FORMAT,
  META_FILE,
  SMALL_FILE,
  type SmallCatalogsData,
} from './data-format.js';
import { codigoPostalDecoder, decodeClaveProdServ } from './decode-rows.js';
import { LazyTsvCatalog } from './lazy-tsv-catalog.js';
import { MapCatalog } from './map-catalog.js';
import type { Catalogs } from './types.js';

function readJson<T>(dir: string, file: string): T {
  try {
    return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
  } catch (cause) {
    throw new AutofacturaError({
      code: 'CATALOG_DATA_UNREADABLE',
      message: `No se pudo leer ${file} de los catálogos en ${dir}. Vuelve a importar los catálogos (autofactura catalogs import).`,
      messageEn: `Could not read ${file} of the catalogs in ${dir}. Import the catalogs again (autofactura catalogs import).`,
      status: 500,
      cause,
    });
  }
}

/**
 * Loads the catalog set in `dir` (written by `importCatalogs`). The small catalogs are read now; the two
 * big ones (c_ClaveProdServ, c_CodigoPostal) on their first lookup.
 */
export function loadCatalogs(dir: string): Catalogs {
  const meta = readJson<CatalogsMeta>(dir, META_FILE);
  if (meta.format !== DATA_FORMAT) {
    throw new AutofacturaError({
      code: 'CATALOG_DATA_UNREADABLE',
      message: `Los catálogos en ${dir} tienen un formato (${meta.format}) que esta versión no lee. Vuelve a importarlos.`,
      messageEn: `The catalogs in ${dir} have a format (${meta.format}) this version cannot read. Import them again.`,
      status: 500,
    });
  }
  const data = readJson<SmallCatalogsData>(dir, SMALL_FILE);
  return {
    meta: { source: meta.source, revision: meta.revision, generatedAt: meta.generatedAt },
    formaPago: new MapCatalog(data.formaPago),
    metodoPago: new MapCatalog(data.metodoPago),
    moneda: new MapCatalog(data.moneda),
    tipoComprobante: new MapCatalog(data.tipoComprobante),
    exportacion: new MapCatalog(data.exportacion),
    regimenFiscal: new MapCatalog(data.regimenFiscal),
    usoCfdi: new MapCatalog(data.usoCfdi),
    objetoImp: new MapCatalog(data.objetoImp),
    impuesto: new MapCatalog(data.impuesto),
    tipoFactor: new MapCatalog(data.tipoFactor),
    periodicidad: new MapCatalog(data.periodicidad),
    meses: new MapCatalog(data.meses),
    tipoRelacion: new MapCatalog(data.tipoRelacion),
    pais: new MapCatalog(data.pais),
    estado: new MapCatalog(data.estado),
    aduana: new MapCatalog(data.aduana),
    claveUnidad: new MapCatalog(data.claveUnidad),
    claveProdServ: new LazyTsvCatalog(join(dir, CLAVE_PROD_SERV_FILE), decodeClaveProdServ),
    codigoPostal: new LazyTsvCatalog(join(dir, CODIGO_POSTAL_FILE), codigoPostalDecoder(data.timeZones)),
    tasaOCuota: data.tasaOCuota,
  };
}
