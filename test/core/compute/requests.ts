/** Small request builders for the compute tests: real parties from SAT's test data, fixed clock. */
import { type BuiltComprobante, buildComprobante } from '../../../core/src/cfdi/build.js';
import type { Comprobante } from '../../../core/src/cfdi/model.js';

export const NOW = new Date('2026-11-28T18:00:00Z');
export const ISSUER = { rfc: 'EKU9003173C9', name: 'ESCUELA KEMPER URGATE', tax_regime: '601', zip: '06600' };
export const KIJ = { rfc: 'KIJ0906199R1', name: 'KIJ', tax_regime: '601', zip: '59820', cfdi_use: 'G03' };

// biome-ignore lint/suspicious/noExplicitAny: the tests reshape free-form request JSON
export type Json = Record<string, any>;

export function item(fields: Json = {}): Json {
  return {
    product_key: '01010101',
    unit_key: 'H87',
    description: 'Artículo',
    quantity: '1',
    unit_price: '100.00',
    ...fields,
  };
}

export function request(items: Json[], fields: Json = {}): Json {
  return { issuer: ISSUER, customer: KIJ, payment_form: '03', items, ...fields };
}

export function build(items: Json[], fields: Json = {}, now: Date = NOW): BuiltComprobante {
  return buildComprobante(request(items, fields), { now });
}

export function built(items: Json[], fields: Json = {}, now: Date = NOW): Comprobante {
  return build(items, fields, now).comprobante;
}

export const IVA16 = { type: 'IVA', rate: '0.16' } as const;
