/**
 * A sale row (Airtable fields) -> the body of POST /v1/payments. Only shapes are fixed here (a code out
 * of "612 - Sueldos y salarios", a 5-digit CP); autofactura checks every value and says what to fix.
 */
import type { SaleFields } from './fields.js';

export type RowFields = Record<string, unknown>;

export interface ItemDefaults {
  productKey: string;
  unitKey: string;
}

export const DEFAULT_ITEM: ItemDefaults = { productKey: '01010101', unitKey: 'E48' };

/** The text of a cell: strings trimmed, single selects by name, lookups by their first value. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.length > 0 ? cellText(value[0]) : '';
  if (typeof value === 'object' && 'name' in value) return cellText((value as { name: unknown }).name);
  return String(value).trim();
}

/**
 * An amount as a decimal string. Airtable hands numbers and currency cells over as JSON numbers; they
 * are printed with two decimals (pesos) and never computed with. Text like "$1,160.50" is accepted.
 */
export function amountText(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return value.toFixed(2);
  return cellText(value).replace(/[$,\s]/g, '');
}

/** "612 - Personas Físicas..." -> "612"; "G03 - Gastos en general" -> "G03". */
export function codeOf(value: unknown): string {
  const text = cellText(value);
  const match = /^([A-Za-z]{0,2}\d{2,3})\b/.exec(text);
  return match ? match[1]!.toUpperCase() : text;
}

export function zipText(value: unknown): string {
  const text = cellText(value);
  return /^\d{1,5}$/.test(text) ? text.padStart(5, '0') : text;
}

/** The external id that makes the row one payment, whatever is sent later: base and record. */
export const saleKey = (baseId: string, recordId: string) => `airtable:${baseId}:${recordId}`;

export function paymentBody(
  baseId: string,
  recordId: string,
  row: RowFields,
  fields: SaleFields,
  item: ItemDefaults = DEFAULT_ITEM,
): Record<string, unknown> {
  const customer: Record<string, string> = {};
  const put = (key: string, value: string) => {
    if (value) customer[key] = value;
  };
  put('email', cellText(row[fields.email]));
  put('name', cellText(row[fields.name]).toUpperCase());
  put('rfc', cellText(row[fields.rfc]).toUpperCase());
  put('tax_regime', codeOf(row[fields.regime]));
  put('zip', zipText(row[fields.zip]));
  put('cfdi_use', codeOf(row[fields.cfdiUse]));
  const amount = amountText(row[fields.amount]);
  const concept = cellText(row[fields.concept]);
  const paidAt = cellText(row[fields.paidAt]);
  return {
    amount,
    external_id: saleKey(baseId, recordId),
    ...(paidAt ? { paid_at: isoOrText(paidAt) } : {}),
    customer,
    ...(concept
      ? {
          items: [
            {
              description: concept,
              quantity: '1',
              unit_price: amount,
              tax_included: true,
              product_key: item.productKey,
              unit_key: item.unitKey,
            },
          ],
        }
      : {}),
    metadata: { airtable_base: baseId, airtable_record: recordId },
  };
}

/** A date cell ("2026-11-30" or an ISO instant) as an ISO instant; anything else as typed, for the API to refuse. */
function isoOrText(text: string): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}
