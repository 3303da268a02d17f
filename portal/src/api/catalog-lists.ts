/**
 * SAT catalogs for no-code dropdowns (GET /v1/catalogs/{name}), from core's catalogs: entries valid today,
 * with the fields a form needs — who may use a régimen, which régimenes a uso admits. The big ones
 * (product and unit keys) are searched by key, description and SAT's similar words, accents ignored.
 */
import { getCatalogs } from '../../../core/src/catalogs/index.js';
import type { Entry, SimpleCatalog } from '../../../core/src/catalogs/types.js';

export const CATALOG_NAMES = [
  'tax_regimes',
  'cfdi_uses',
  'payment_forms',
  'product_keys',
  'unit_keys',
  'currencies',
] as const;
export type CatalogName = (typeof CATALOG_NAMES)[number];

export interface CatalogQuery {
  q?: string;
  taxRegime?: string;
  limit: number;
}

const today = () => new Date().toISOString().slice(0, 10);
const current = (entry: Entry) => !entry.to || entry.to >= today();
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

function entries<T extends Entry>(catalog: SimpleCatalog<T>): T[] {
  return catalog
    .keys()
    .map((key) => catalog.get(key)!)
    .filter(current);
}

const searchIndex = new Map<string, { key: string; text: string }[]>();

/** Entries whose key starts with q or whose words contain every word of q, best (key match) first. */
function search<T extends Entry>(name: string, catalog: SimpleCatalog<T>, q: string, limit: number): T[] {
  let index = searchIndex.get(name);
  if (!index) {
    index = entries(catalog).map((e) => ({
      key: e.key,
      text: fold(`${e.key} ${e.description} ${(e as { similar?: string }).similar ?? ''}`),
    }));
    searchIndex.set(name, index);
  }
  const words = fold(q).split(/\s+/).filter(Boolean);
  const byKey = index.filter((e) => e.key.toLowerCase().startsWith(q.trim().toLowerCase()));
  const byText = index.filter((e) => !byKey.includes(e) && words.every((w) => e.text.includes(w)));
  return [...byKey, ...byText].slice(0, limit).map((e) => catalog.get(e.key)!);
}

export function catalogList(name: CatalogName, query: CatalogQuery): Record<string, unknown>[] {
  const catalogs = getCatalogs();
  switch (name) {
    case 'tax_regimes':
      return entries(catalogs.regimenFiscal).map((e) => ({
        key: e.key,
        description: e.description,
        persona_fisica: e.fisica,
        persona_moral: e.moral,
      }));
    case 'cfdi_uses':
      return entries(catalogs.usoCfdi)
        .filter((e) => !query.taxRegime || e.regimenes.includes(query.taxRegime))
        .map((e) => ({
          key: e.key,
          description: e.description,
          persona_fisica: e.fisica,
          persona_moral: e.moral,
          tax_regimes: e.regimenes,
        }));
    case 'payment_forms':
      return entries(catalogs.formaPago).map((e) => ({
        key: e.key,
        description: e.description,
        bancarizado: e.bancarizado,
      }));
    case 'currencies':
      return entries(catalogs.moneda).map((e) => ({
        key: e.key,
        description: e.description,
        decimals: e.decimals,
      }));
    case 'product_keys':
      return search(name, catalogs.claveProdServ, query.q ?? '', query.limit).map((e) => ({
        key: e.key,
        description: e.description,
        iva: e.iva,
        ieps: e.ieps,
        ...(e.similar ? { similar: e.similar } : {}),
      }));
    case 'unit_keys':
      return (
        query.q
          ? search(name, catalogs.claveUnidad, query.q, query.limit)
          : entries(catalogs.claveUnidad).slice(0, query.limit)
      ).map((e) => ({ key: e.key, description: e.description }));
  }
}
