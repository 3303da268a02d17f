/**
 * Conekta amounts are integers of centavos (the currency's minor unit: two decimals for MXN and USD);
 * these become decimal strings by integer arithmetic, never through a float.
 */
export function fromCentavos(amount: number): string {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`Conekta amount ${amount} is not an integer of centavos`);
  const value = BigInt(amount);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return negative ? `-${text}` : text;
}
