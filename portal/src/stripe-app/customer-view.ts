/**
 * The app's customer page: the fiscal data autofactura keeps for a Stripe customer (found by its cus_
 * id as a 'stripe' source id) and its edit. Data is validated by core (RFC, régimen, uso, CP) before
 * anything is written: a refused edit changes nothing.
 */
import { validateFiscal } from '../../../core/src/automation/fiscal-data.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Customer, FiscalData, Merchant, Store } from '../../../core/src/store/types.js';
import { apiError } from '../http-error.js';
import { STRIPE_SOURCE } from './payment-view.js';

const FIELDS = [
  ['rfc', 'rfc'],
  ['name', 'name'],
  ['tax_regime', 'taxRegime'],
  ['zip', 'zip'],
  ['cfdi_use', 'cfdiUse'],
] as const;

export function customerView(customer: Customer | null) {
  return {
    found: customer !== null,
    customer: customer
      ? {
          id: customer.id,
          email: customer.email ?? null,
          name: customer.name ?? null,
          fiscal: customer.fiscal
            ? {
                rfc: customer.fiscal.rfc,
                name: customer.fiscal.name,
                tax_regime: customer.fiscal.taxRegime,
                zip: customer.fiscal.zip,
                cfdi_use: customer.fiscal.cfdiUse,
              }
            : null,
          fiscal_validated_at: customer.fiscalValidatedAt ?? null,
        }
      : null,
  };
}

export function findStripeCustomer(store: Store, merchant: Merchant, stripeId: string) {
  return store.customers.findBySourceId(merchant.id, STRIPE_SOURCE, stripeId);
}

function fiscalOf(body: Record<string, unknown>): Partial<FiscalData> {
  const raw = (body.fiscal ?? {}) as Record<string, unknown>;
  const fiscal: Partial<FiscalData> = {};
  for (const [wire, key] of FIELDS) {
    if (typeof raw[wire] === 'string') fiscal[key] = (raw[wire] as string).trim();
  }
  return fiscal;
}

/** Validates, then saves the fiscal data (and email) of the Stripe customer, creating its record. */
export async function saveStripeCustomer(
  af: Autofactura,
  store: Store,
  merchant: Merchant,
  stripeId: string,
  body: Record<string, unknown>,
): Promise<Customer> {
  const fiscal = fiscalOf(body);
  const email = typeof body.email === 'string' && body.email.trim() ? body.email.trim() : undefined;
  if (Object.keys(fiscal).length === 0 && !email) {
    throw apiError(
      400,
      'CUSTOMER_FIELDS_MISSING',
      'Envía los datos fiscales del cliente (RFC, nombre, régimen, CP y uso del CFDI) o su correo.',
      "Send the customer's fiscal data (RFC, name, regime, postal code and CFDI use) or their email.",
      'fiscal',
    );
  }
  const existing = await findStripeCustomer(store, merchant, stripeId);
  if (existing) {
    return af.updateCustomer(merchant.id, existing.id, {
      ...(email ? { email } : {}),
      ...(Object.keys(fiscal).length ? { fiscal } : {}),
    });
  }
  // A new record: the data is validated first (nothing is written when it is wrong), then the customer
  // is found by RFC or email, or created, with the Stripe id joined, and the data kept on it.
  const valid = Object.keys(fiscal).length ? validateFiscal(fiscal) : undefined;
  const customer = await af.upsertCustomer(merchant.id, {
    source: STRIPE_SOURCE,
    externalId: stripeId,
    ...(email ? { email } : {}),
    ...(valid ? { rfc: valid.rfc, name: valid.name } : {}),
  });
  return valid ? af.updateCustomer(merchant.id, customer.id, { fiscal: valid }) : customer;
}
