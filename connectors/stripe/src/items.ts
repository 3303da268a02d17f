/**
 * Line items from Checkout or Billing -> conceptos. SAT keys come from the product's metadata
 * (`sat_product_key`, `sat_unit_key`) when the event carries the product expanded, or from the line's
 * metadata, else the merchant's default product. Lines are used only when they add up to what was paid
 * (discounts and taxes Stripe computed elsewhere would not): otherwise the default product covers it.
 */
import type Stripe from 'stripe';
import type { PaymentItem } from '../../../core/src/store/types.js';
import { fromMinorUnits } from './amounts.js';

export interface ProductDefaults {
  productKey: string;
  unitKey: string;
}

interface LineLike {
  description?: string | null;
  quantity?: number | null;
  amount?: number;
  amount_total?: number;
  metadata?: Stripe.Metadata | null;
  price?: string | { product?: string | { metadata?: Stripe.Metadata; name?: string } | null } | null;
}

function productOf(line: LineLike) {
  const price = line.price && typeof line.price === 'object' ? line.price : undefined;
  return price?.product && typeof price.product === 'object' ? price.product : undefined;
}

export function invoiceItems(
  lines: readonly unknown[],
  paid: number,
  currency: string,
  defaults: ProductDefaults,
): PaymentItem[] | undefined {
  const items: PaymentItem[] = [];
  let sum = 0n;
  for (const raw of lines as LineLike[]) {
    const total = BigInt(raw.amount_total ?? raw.amount ?? 0);
    if (total <= 0n) return undefined;
    sum += total;
    const quantity = BigInt(raw.quantity && raw.quantity > 0 ? raw.quantity : 1);
    const exact = total % quantity === 0n;
    const product = productOf(raw);
    const meta = { ...raw.metadata, ...product?.metadata };
    items.push({
      productKey: meta.sat_product_key ?? defaults.productKey,
      unitKey: meta.sat_unit_key ?? defaults.unitKey,
      description: (raw.description ?? product?.name ?? 'Producto').slice(0, 1000),
      quantity: exact ? quantity.toString() : '1',
      unitPrice: fromMinorUnits(exact ? total / quantity : total, currency),
      ...(meta.sku ? { sku: meta.sku } : {}),
    });
  }
  return items.length > 0 && sum === BigInt(paid) ? items : undefined;
}
