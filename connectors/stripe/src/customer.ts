/**
 * The customer's fiscal data as Stripe carries it: RFC from a tax id of type `mx_rfc`, the name, the
 * postal code of the address, and régimen/uso from metadata `sat_tax_regime` / `sat_cfdi_use` — read from
 * the Checkout Session (its metadata or custom fields), then the PaymentIntent, then the Customer, the
 * first that has it winning.
 */
import type Stripe from 'stripe';
import type { PaymentCustomerInput } from '../../../core/src/store/types.js';

export const METADATA_KEYS = {
  taxRegime: 'sat_tax_regime',
  cfdiUse: 'sat_cfdi_use',
  rfc: 'sat_rfc',
  zip: 'sat_zip',
  name: 'sat_name',
} as const;

type Meta = Stripe.Metadata | null | undefined;

/** The first non-empty value of `key` across the sources, in order. */
function first(sources: Meta[], key: string): string | undefined {
  for (const source of sources) {
    const value = source?.[key]?.trim();
    if (value) return value;
  }
  return undefined;
}

export function rfcFromTaxIds(taxIds: { type: string; value: string | null }[] | null | undefined) {
  return taxIds
    ?.find((taxId) => taxId.type === 'mx_rfc' && taxId.value)
    ?.value?.trim()
    .toUpperCase();
}

/** Checkout custom fields named like the metadata keys (text or dropdown) as metadata. */
export function customFieldsMetadata(fields: Stripe.Checkout.Session.CustomField[] | null | undefined) {
  const out: Record<string, string> = {};
  for (const field of fields ?? []) {
    const value = field.dropdown?.value ?? field.text?.value ?? field.numeric?.value;
    if (value) out[field.key] = value;
  }
  return out;
}

export interface CustomerSources {
  /** Stripe customer id (cus_...). */
  stripeCustomer?: string | null;
  email?: string | null;
  name?: string | null;
  zip?: string | null;
  rfc?: string | null;
  /** Metadata in order of precedence: Checkout Session, PaymentIntent, Customer. */
  metadata: Meta[];
}

export function customerInput(sources: CustomerSources): PaymentCustomerInput {
  const out: PaymentCustomerInput = {};
  const set = (key: keyof PaymentCustomerInput, value: string | null | undefined) => {
    if (value?.trim()) out[key] = value.trim();
  };
  set('externalId', sources.stripeCustomer);
  set('email', sources.email);
  set('rfc', sources.rfc ?? first(sources.metadata, METADATA_KEYS.rfc)?.toUpperCase());
  set('name', first(sources.metadata, METADATA_KEYS.name) ?? sources.name);
  set('zip', sources.zip ?? first(sources.metadata, METADATA_KEYS.zip));
  set('taxRegime', first(sources.metadata, METADATA_KEYS.taxRegime));
  set('cfdiUse', first(sources.metadata, METADATA_KEYS.cfdiUse)?.toUpperCase());
  return out;
}

export const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? undefined);

/** The Customer object's metadata when the event carries it expanded. */
export function customerMetadata(
  value: string | Stripe.Customer | Stripe.DeletedCustomer | null | undefined,
) {
  return value && typeof value === 'object' && !('deleted' in value && value.deleted)
    ? (value as Stripe.Customer).metadata
    : undefined;
}
