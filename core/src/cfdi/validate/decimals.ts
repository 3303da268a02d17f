/**
 * Facts about decimal strings as they appear in a CFDI, without building Decimal objects: the hot path
 * asks these questions for every amount.
 */

/** tdCFDI:t_Importe: up to 18 integer digits and up to 6 decimals, no sign. */
const IMPORTE = /^[0-9]{1,18}(\.[0-9]{1,6})?$/;

export function isImporte(value: string): boolean {
  return IMPORTE.test(value);
}

/** Number of digits after the decimal point ('12' -> 0, '12.50' -> 2). */
export function decimalPlaces(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

/** True for '0', '0.00', '000.000000'. */
export function isZero(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 48 && c !== 46) return false;
  }
  return value.length > 0;
}
