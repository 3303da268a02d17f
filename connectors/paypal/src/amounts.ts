/**
 * A decimal amount as the gateway sent it, written with its currency's decimals from SAT's c_Moneda
 * ("1160" MXN -> "1160.00"); exact (decimal.js), never through float arithmetic. More decimals than the
 * currency admits is refused (undefined): the caller says what is wrong.
 */
import { getCatalogs } from '../../../core/src/catalogs/index.js';
import { currencyDecimals } from '../../../core/src/money/currency.js';
import { Dec } from '../../../core/src/money/decimal.js';

export function inCurrency(text: string, currency: string): string | undefined {
  const decimals = currencyDecimals(currency, getCatalogs());
  const value = new Dec(text);
  return value.decimalPlaces() > decimals ? undefined : value.toFixed(decimals);
}
