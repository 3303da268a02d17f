/** Decimals a currency admits in a CFDI, from SAT's c_Moneda (MXN 2, USD 2, JPY 0). */
import type { Catalogs } from '../catalogs/types.js';
import { ValidationError } from '../errors.js';

export function currencyDecimals(code: string, catalogs: Catalogs, path = 'currency'): number {
  const moneda = catalogs.moneda.get(code);
  if (moneda) return moneda.decimals;
  const message = `La moneda "${code}" no está en el catálogo c_Moneda del SAT; usa un código ISO 4217 como MXN, USD o EUR.`;
  const messageEn = `Currency "${code}" is not in SAT's c_Moneda catalog; use an ISO 4217 code such as MXN, USD or EUR.`;
  throw new ValidationError({
    code: 'REQUEST_UNKNOWN_CURRENCY',
    message,
    messageEn,
    details: [{ code: 'REQUEST_UNKNOWN_CURRENCY', message, messageEn, path }],
  });
}
