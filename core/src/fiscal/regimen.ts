/**
 * RegimenFiscal vs person type (CFDI40141 emisor, CFDI40158 receptor), from c_RegimenFiscal's
 * Física / Moral columns.
 */
import type { Catalogs } from '../catalogs/types.js';
import type { PersonaTipo } from './rfc.js';

export function regimenExists(catalogs: Catalogs, regimen: string): boolean {
  return catalogs.regimenFiscal.has(regimen);
}

/** True when the régimen exists and applies to the person type. */
export function regimenAllowedFor(catalogs: Catalogs, regimen: string, tipo: PersonaTipo): boolean {
  const entry = catalogs.regimenFiscal.get(regimen);
  return entry !== undefined && (tipo === 'fisica' ? entry.fisica : entry.moral);
}
