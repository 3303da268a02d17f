/** Postal codes of c_CodigoPostal (DomicilioFiscalReceptor, LugarExpedicion). */
import type { Catalogs } from '../catalogs/types.js';

const FIVE_DIGITS = /^[0-9]{5}$/;

export function codigoPostalExists(catalogs: Catalogs, cp: string): boolean {
  return FIVE_DIGITS.test(cp) && catalogs.codigoPostal.has(cp);
}
