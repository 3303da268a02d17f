/**
 * Catalog keys as people read them: '601 - General de Ley Personas Morales' rather than '601'. A key the
 * catalog does not know is printed alone, never dropped.
 */
import type { Catalogs, SimpleCatalog } from '../catalogs/types.js';

export type CatalogName =
  | 'regimenFiscal'
  | 'usoCfdi'
  | 'formaPago'
  | 'metodoPago'
  | 'moneda'
  | 'objetoImp'
  | 'claveUnidad'
  | 'tipoRelacion'
  | 'periodicidad'
  | 'meses'
  | 'exportacion'
  | 'tipoComprobante'
  | 'impuesto'
  | 'pais';

export type Describe = (catalog: CatalogName, key: string | undefined) => string;

/** Description only ('IVA'), for places where the key would be noise. */
export type Name = (catalog: CatalogName, key: string) => string;

export function describer(catalogs: Catalogs): { describe: Describe; name: Name } {
  const lookup = (catalog: CatalogName, key: string) =>
    (catalogs[catalog] as SimpleCatalog).get(key)?.description.replace(/\.$/, '');
  return {
    describe: (catalog, key) => {
      if (key === undefined || key === '') return '';
      const description = lookup(catalog, key);
      return description ? `${key} - ${description}` : key;
    },
    name: (catalog, key) => lookup(catalog, key) ?? key,
  };
}
