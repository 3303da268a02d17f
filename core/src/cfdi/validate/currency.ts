import type { Comprobante } from '../model.js';
import type { RuleContext } from './types.js';

/** Decimals the Comprobante's Moneda admits (c_Moneda); 2 when the currency is unknown (CFDI40113 reports it). */
export function currencyDecimals(cfdi: Comprobante, ctx: RuleContext): number {
  return ctx.catalogs.moneda.get(cfdi.Moneda)?.decimals ?? 2;
}
