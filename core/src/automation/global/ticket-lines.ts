/**
 * A receipt's lines in the factura global (Guía de llenado del CFDI global): one Concepto per ticket,
 * ClaveProdServ 01010101, Cantidad 1, ClaveUnidad ACT, Descripcion "Venta", NoIdentificacion = the ticket,
 * ValorUnitario = the ticket's subtotal, with that ticket's taxes. The ticket's amounts are computed by
 * the engine from the payment's own lines exactly as its named invoice would have been, then summed; the
 * tax amounts are handed over as given (`amount`) so the global charges to the cent what the customer
 * paid. A ticket whose lines carry different taxes (16% and exempt, say) gives one Concepto per tax set,
 * all with the same NoIdentificacion. Withholdings are left out: the general public withholds nothing
 * and a global cannot carry them.
 */

import { computeComprobante } from '../../cfdi/compute/index.js';
import type { Concepto, TrasladoConcepto } from '../../cfdi/model.js';
import { parseInvoiceRequest } from '../../cfdi/request/index.js';
import { Dec, importeLimits } from '../../money/index.js';
import type { Merchant, Payment, Receipt } from '../../store/types.js';
import { issuerOf, paymentItems } from '../payment-to-request.js';

export const PUBLICO_EN_GENERAL = {
  rfc: 'XAXX010101000',
  name: 'PUBLICO EN GENERAL',
  tax_regime: '616',
  cfdi_use: 'S01',
} as const;

export interface TicketLine {
  unitPrice: string;
  discount?: string;
  taxObject: string;
  traslados: TrasladoConcepto[];
}

const decimalsOf = (text: string) => text.split('.')[1]?.length ?? 0;

function sum(values: string[]): string {
  const decimals = Math.max(0, ...values.map(decimalsOf));
  return values.reduce((total, value) => total.plus(value), new Dec(0)).toFixed(decimals);
}

/** The payment's request lines without withholdings. */
function lines(merchant: Merchant, payment: Payment): Record<string, unknown>[] {
  return paymentItems(payment, merchant.settings.defaultProduct).map((item) => {
    const taxes = (item.taxes as { withholding?: boolean }[] | undefined)?.filter((t) => !t.withholding);
    const { taxes: _, ...rest } = item;
    if (!taxes || taxes.length === 0)
      return { ...rest, ...(item.tax_object === '02' ? { tax_object: '01' } : {}) };
    return { ...rest, taxes };
  });
}

/** The computed Conceptos of a payment, as its own CFDI would have them. */
function computedConceptos(merchant: Merchant, payment: Payment): Concepto[] {
  const request = parseInvoiceRequest({
    type: 'I',
    issuer: issuerOf(merchant),
    customer: { ...PUBLICO_EN_GENERAL, zip: merchant.zip },
    currency: payment.currency,
    ...(payment.currency !== 'MXN' && payment.exchangeRate ? { exchange_rate: payment.exchangeRate } : {}),
    payment_form: payment.paymentForm,
    payment_method: 'PUE',
    date: '2026-01-01T00:00:00',
    global: { periodicity: '01', months: '01', year: 2026 },
    items: lines(merchant, payment),
  });
  return computeComprobante(request).Conceptos;
}

const signature = (c: Concepto) =>
  `${c.ObjetoImp}|${(c.Impuestos?.Traslados ?? [])
    .map((t) => `${t.Impuesto}/${t.TipoFactor}/${t.TasaOCuota ?? ''}`)
    .join(',')}`;

/** The ticket's Concepto groups: amounts summed per set of taxes. */
export function ticketLines(merchant: Merchant, payment: Payment): TicketLine[] {
  const groups = new Map<string, Concepto[]>();
  for (const concepto of computedConceptos(merchant, payment)) {
    const key = signature(concepto);
    groups.set(key, [...(groups.get(key) ?? []), concepto]);
  }
  return [...groups.values()].map((conceptos) => {
    const first = conceptos[0]!;
    const discounts = conceptos.flatMap((c) => (c.Descuento ? [c.Descuento] : []));
    const traslados = (first.Impuestos?.Traslados ?? []).map((t, i) => {
      const all = conceptos.map((c) => c.Impuestos!.Traslados![i]!);
      const importes = all.flatMap((x) => (x.Importe ? [x.Importe] : []));
      return {
        ...t,
        Base: sum(all.map((x) => x.Base)),
        ...(t.Importe !== undefined ? { Importe: sum(importes) } : {}),
      };
    });
    const discount = discounts.length ? sum(discounts) : undefined;
    return {
      unitPrice: sum(conceptos.map((c) => c.Importe)),
      ...(discount && !new Dec(discount).isZero() ? { discount } : {}),
      taxObject: first.ObjetoImp,
      traslados,
    };
  });
}

/** The request items of a receipt's lines (docs/invoice-request.md, global). */
export function ticketItems(receipt: Receipt, ticket: TicketLine[], currencyDecimals: number) {
  return ticket.map((line) => ({
    product_key: '01010101',
    unit_key: 'ACT',
    sku: receipt.ticket,
    description: 'Venta',
    quantity: '1',
    unit_price: line.unitPrice,
    ...(line.discount ? { discount: line.discount } : {}),
    tax_object: line.taxObject,
    ...(line.traslados.length ? { taxes: line.traslados.map((t) => requestTax(t, currencyDecimals)) } : {}),
  }));
}

const TYPE: Record<string, string> = { '001': 'ISR', '002': 'IVA', '003': 'IEPS' };

function requestTax(t: TrasladoConcepto, currencyDecimals: number) {
  const type = TYPE[t.Impuesto]!;
  if (t.TipoFactor === 'Exento') return { type, factor: 'Exento' };
  const tax: Record<string, unknown> = { type, factor: t.TipoFactor, rate: t.TasaOCuota };
  if (t.TipoFactor === 'Cuota') tax.base = t.Base;
  // The summed amount, when SAT's limits for the summed Base allow it; else the engine rounds Base x rate.
  // (IVA over IEPS: the engine derives IVA's Base as the line's plus the IEPS given, the same sum.)
  if (t.Importe !== undefined) {
    const limits = importeLimits(t.Base, t.TasaOCuota!, decimalsOf(t.Base), currencyDecimals);
    if (limits.lower.lte(t.Importe) && limits.upper.gte(t.Importe)) tax.amount = t.Importe;
  }
  return tax;
}
