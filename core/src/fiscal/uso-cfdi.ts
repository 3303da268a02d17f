/** UsoCFDI vs person type and RegimenFiscalReceptor (CFDI40161), from c_UsoCFDI. */
import type { Catalogs } from '../catalogs/types.js';
import type { PersonaTipo } from './rfc.js';

export function usoCfdiExists(catalogs: Catalogs, uso: string): boolean {
  return catalogs.usoCfdi.has(uso);
}

/** True when the use exists, applies to the person type and lists the régimen among its allowed ones. */
export function usoCfdiAllowedFor(
  catalogs: Catalogs,
  uso: string,
  regimen: string,
  tipo: PersonaTipo,
): boolean {
  const entry = catalogs.usoCfdi.get(uso);
  if (entry === undefined) return false;
  if (!(tipo === 'fisica' ? entry.fisica : entry.moral)) return false;
  return entry.regimenes.includes(regimen);
}
