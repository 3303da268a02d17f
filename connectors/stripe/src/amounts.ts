/**
 * Stripe amounts are integers in the currency's minor unit; these become decimal strings without ever
 * passing through a float. Stripe's zero- and three-decimal currencies are listed in its docs
 * (https://docs.stripe.com/currencies#zero-decimal); everything else has two decimals.
 */
import { Dec } from '../../../core/src/money/decimal.js';

const ZERO_DECIMAL = new Set('bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '));
const THREE_DECIMAL = new Set('bhd jod kwd omr tnd'.split(' '));

export function currencyDecimals(currency: string): number {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** 116000 MXN -> "1160.00"; 500 JPY -> "500". */
export function fromMinorUnits(amount: number | bigint, currency: string): string {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) {
    throw new RangeError(`Stripe amount ${amount} is not an integer of minor units`);
  }
  const decimals = currencyDecimals(currency);
  const value = BigInt(amount);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const text = decimals === 0 ? whole : `${whole}.${digits.slice(digits.length - decimals)}`;
  return negative ? `-${text}` : text;
}

/** A balance transaction's exchange_rate (a JSON number) as a decimal string with at most 6 decimals. */
export function exchangeRateText(rate: number): string {
  return new Dec(rate.toString()).toDecimalPlaces(6).toFixed();
}
