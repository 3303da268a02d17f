/**
 * A merchant's settings when they choose nothing (issue #4): invoice automatically when the customer's
 * fiscal data is complete, otherwise a receipt whose link lives 7 days (never past the global period),
 * monthly factura global, the usual c_FormaPago per payment method, one generic product with IVA 16%
 * included in the price, series A / NC / G, credit notes for refunds, Spanish.
 */
import { randomBytes } from 'node:crypto';
import type { MerchantBranding, MerchantSettings } from '../store/types.js';

export function defaultSettings(): MerchantSettings {
  return {
    automation: 'auto',
    receiptDays: 7,
    reinvoiceDays: 30,
    globalPeriodicity: 'monthly',
    paymentForms: {
      card_credit: '04',
      card_debit: '28',
      cash: '01',
      transfer: '03',
      wallet: '06',
      other: '99',
    },
    defaultProduct: {
      productKey: '01010101',
      unitKey: 'ACT',
      description: 'Venta',
      taxObject: '02',
      taxes: [{ type: 'IVA', rate: '0.16' }],
      taxIncluded: true,
    },
    refundPolicy: 'credit_note',
    series: { invoice: 'A', creditNote: 'NC', global: 'G' },
    lang: 'es',
  };
}

/** The defaults with the merchant's choices on top; nested maps are merged key by key. */
export function mergeSettings(
  base: MerchantSettings,
  patch: Partial<MerchantSettings> = {},
): MerchantSettings {
  return {
    ...base,
    ...patch,
    paymentForms: { ...base.paymentForms, ...patch.paymentForms },
    defaultProduct: { ...base.defaultProduct, ...patch.defaultProduct },
    series: { ...base.series, ...patch.series },
  };
}

/**
 * Every merchant gets a portal address from the start: the trade name folded to [a-z0-9-] plus six
 * random hex digits (unique in practice; the store refuses a taken one), e.g. escuela-kemper-3f9a0c.
 */
export function suggestSlug(tradeName: string): string {
  const base = tradeName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30)
    .replace(/-+$/, '');
  return `${base || 'portal'}-${randomBytes(3).toString('hex')}`;
}

export function defaultBranding(name: string, patch: Partial<MerchantBranding> = {}): MerchantBranding {
  const tradeName = patch.tradeName?.trim() || name;
  return { ...patch, tradeName, slug: patch.slug ?? suggestSlug(tradeName) };
}
