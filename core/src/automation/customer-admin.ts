/**
 * Customers as the merchant manages them through the API: create, update (fiscal data checked with
 * core/src/fiscal before anything is written: name without régimen capital, régimen for the RFC type,
 * uso for the régimen, CP in c_CodigoPostal) and validate. Stored fiscal data is always data that passed
 * these checks; `validateCustomer` re-checks it (catalogs change) or checks a candidate without saving.
 */

import type { ErrorDetail } from '../errors.js';
import type { Customer, FiscalData } from '../store/types.js';
import { type Context, nowIso } from './context.js';
import { EMAIL } from './email-addresses.js';
import { conflict, detail, invalid } from './errors.js';
import { fiscalProblems, normalizeFiscal } from './fiscal-data.js';
import { newId } from './ids.js';
import { missingRecord } from './resource-errors.js';

export interface CustomerInput {
  email?: string;
  name?: string;
  /** The customer's id in the merchant's system (kept as sourceIds.api). */
  externalId?: string;
  fiscal?: Partial<FiscalData>;
}

function checkEmail(email: string | undefined): string | undefined {
  if (email === undefined) return undefined;
  const clean = email.trim().toLowerCase();
  if (!EMAIL.test(clean)) {
    throw invalid(
      [
        detail(
          'EMAIL_INVALID',
          'email',
          `"${email}" no es un correo válido; escribe una dirección como cliente@ejemplo.com.`,
          `"${email}" is not a valid email; write an address such as customer@example.com.`,
        ),
      ],
      400,
    );
  }
  return clean;
}

function checkedFiscal(fiscal: Partial<FiscalData>): FiscalData {
  const problems = fiscalProblems(fiscal).map((d) => ({ ...d, path: `fiscal.${d.path}` }));
  if (problems.length > 0) throw invalid(problems);
  return normalizeFiscal(fiscal) as FiscalData;
}

async function taken(ctx: Context, customer: Customer): Promise<void> {
  const others = await Promise.all([
    customer.fiscal ? ctx.store.customers.findByRfc(customer.merchantId, customer.fiscal.rfc) : null,
    customer.email ? ctx.store.customers.findByEmail(customer.merchantId, customer.email) : null,
    customer.sourceIds.api
      ? ctx.store.customers.findBySourceId(customer.merchantId, 'api', customer.sourceIds.api)
      : null,
  ]);
  const other = others.find((found) => found && found.id !== customer.id);
  if (other) {
    throw conflict(
      'CUSTOMER_EXISTS',
      `Ya existe el cliente ${other.id} con ese RFC, correo o identificador externo; actualízalo con PATCH /v1/customers/${other.id}.`,
      `Customer ${other.id} already has that RFC, email or external id; update it with PATCH /v1/customers/${other.id}.`,
    );
  }
}

export async function createCustomer(
  ctx: Context,
  merchantId: string,
  input: CustomerInput,
): Promise<Customer> {
  const email = checkEmail(input.email);
  const fiscal = input.fiscal ? checkedFiscal(input.fiscal) : undefined;
  const externalId = input.externalId?.trim();
  if (!email && !fiscal && !externalId) {
    throw invalid([
      detail(
        'CUSTOMER_UNIDENTIFIED',
        'email',
        'Indica al menos el correo, los datos fiscales o el identificador externo del cliente.',
        "Give at least the customer's email, fiscal data or external id.",
      ),
    ]);
  }
  const now = nowIso(ctx);
  const name = input.name?.trim() || fiscal?.name;
  const customer: Customer = {
    id: newId('cus'),
    merchantId,
    ...(email ? { email } : {}),
    ...(name ? { name } : {}),
    sourceIds: externalId ? { api: externalId } : {},
    ...(fiscal ? { fiscal, fiscalValidatedAt: now } : {}),
    createdAt: now,
    updatedAt: now,
  };
  await taken(ctx, customer);
  return ctx.store.customers.create(customer);
}

export async function updateCustomer(
  ctx: Context,
  merchantId: string,
  customerId: string,
  patch: CustomerInput,
): Promise<Customer> {
  const email = checkEmail(patch.email);
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await ctx.store.customers.get(merchantId, customerId);
    if (!current) throw missingRecord.customer(customerId);
    const now = nowIso(ctx);
    const fiscal = patch.fiscal ? checkedFiscal({ ...current.fiscal, ...patch.fiscal }) : undefined;
    const externalId = patch.externalId?.trim();
    const next: Customer = {
      ...current,
      ...(email ? { email } : {}),
      ...(patch.name?.trim() ? { name: patch.name.trim() } : {}),
      sourceIds: { ...current.sourceIds, ...(externalId ? { api: externalId } : {}) },
      ...(fiscal ? { fiscal, fiscalValidatedAt: now } : {}),
      updatedAt: now,
    };
    await taken(ctx, next);
    const written = await ctx.store.customers.update(next, current.updatedAt);
    if (written) return written;
  }
  throw conflict(
    'CUSTOMER_BUSY',
    `El cliente ${customerId} cambia sin parar; vuelve a intentar.`,
    `Customer ${customerId} keeps changing; try again.`,
  );
}

/** The stored fiscal data, with `candidate` fields over it, checked; nothing is written. */
export async function validateCustomer(
  ctx: Context,
  merchantId: string,
  customerId: string,
  candidate: Partial<FiscalData> = {},
): Promise<{ valid: boolean; errors: ErrorDetail[] }> {
  const customer = await ctx.store.customers.get(merchantId, customerId);
  if (!customer) throw missingRecord.customer(customerId);
  const errors = fiscalProblems({ ...customer.fiscal, ...candidate }).map((d) => ({
    ...d,
    path: `fiscal.${d.path}`,
  }));
  return { valid: errors.length === 0, errors };
}
