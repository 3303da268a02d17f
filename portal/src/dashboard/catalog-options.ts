/**
 * SAT catalog entries for the dashboard's selects and the c_ClaveProdServ search: régimen fiscal, the
 * units merchants use most, and product keys found by key prefix or by words of the description
 * (accents ignored). The product catalog has ~52k keys: a search scans it once, in memory.
 */
import { getCatalogs } from '../../../core/src/catalogs/index.js';

export interface Option {
  key: string;
  description: string;
}

const COMMON_UNITS = [
  'H87',
  'E48',
  'ACT',
  'XBX',
  'KGM',
  'GRM',
  'LTR',
  'MTR',
  'HUR',
  'DAY',
  'MON',
  'ANN',
  'XUN',
  'SET',
  'XPK',
  'C62',
];

export function regimeOptions(): Option[] {
  const catalog = getCatalogs().regimenFiscal;
  return catalog.keys().map((key) => ({ key, description: catalog.get(key)!.description }));
}

export function unitOptions(): Option[] {
  const catalog = getCatalogs().claveUnidad;
  return COMMON_UNITS.filter((key) => catalog.has(key)).map((key) => ({
    key,
    description: catalog.get(key)!.description,
  }));
}

export function productLabel(key: string): string {
  return getCatalogs().claveProdServ.get(key)?.description ?? '';
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export function searchProducts(query: string, limit = 20): Option[] {
  const q = fold(query.trim()).slice(0, 60);
  if (q.length < 2) return [];
  const catalog = getCatalogs().claveProdServ;
  const words = q.split(/\s+/).filter(Boolean);
  const found: Option[] = [];
  if (/^\d+$/.test(q)) {
    for (const key of catalog.keys()) {
      if (key.startsWith(q)) found.push({ key, description: catalog.get(key)!.description });
      if (found.length >= limit) break;
    }
    return found;
  }
  for (const key of catalog.keys()) {
    const entry = catalog.get(key)!;
    const text = fold(`${entry.description} ${entry.similar ?? ''}`);
    if (words.every((word) => text.includes(word))) found.push({ key, description: entry.description });
    if (found.length >= limit) break;
  }
  return found;
}
