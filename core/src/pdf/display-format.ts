/** How amounts and rates are shown on paper. The digits are the XML's own; only grouping is added. */
import { Dec } from '../money/decimal.js';

/** '1160.00' -> '1,160.00'; '33.333333' -> '33.333333'. Text that is not a plain decimal is kept as is. */
export function formatAmount(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!match) return value;
  const [, sign, integer, fraction = ''] = match;
  return `${sign}${(integer as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** TasaOCuota of a Tasa as a percentage without trailing zeros: '0.160000' -> '16%', '0.106667' -> '10.6667%'. */
export function formatRate(tasaOCuota: string): string {
  if (!/^\d+(\.\d+)?$/.test(tasaOCuota)) return tasaOCuota;
  return `${new Dec(tasaOCuota).times(100).toFixed()}%`;
}

/** Serie and Folio as one reference: 'A-1001', 'A', '1001', or undefined when the CFDI has neither. */
export function serieFolio(serie: string | undefined, folio: string | undefined): string | undefined {
  if (serie && folio) return `${serie}-${folio}`;
  return serie || folio || undefined;
}
