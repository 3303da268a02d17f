/**
 * What the dashboard changes on a merchant (contracts.md, H4): onboarding from a CSD, fiscal data,
 * settings and branding, a new CSD, the logo, API keys and connection secrets. Every change re-reads
 * the merchant and writes it whole; secrets are encrypted by the SecretBox before they reach the store.
 */
import { AutofacturaError, isAutofacturaError } from '../../errors.js';
import { loadCsd } from '../../fiscal/csd/index.js';
import type { ApiKeyRecord, Merchant } from '../../store/types.js';
import type { Context } from '../context.js';
import { mergeSettings } from '../defaults.js';
import { invalid } from '../errors.js';
import { newId } from '../ids.js';
import { createMerchant, requireMerchant } from '../merchant.js';
import { API_KEY_PREFIX_LENGTH, hashApiKey, newApiKey } from '../tokens.js';
import type { CreatedMerchant, CreateMerchantInput } from '../types.js';
import { linkDashboardUser } from './auth.js';
import { applyBranding } from './branding-checks.js';
import { checkMerchantPatch, type MerchantPatch } from './merchant-patch.js';

export type { MerchantPatch };

function slugTaken(slug: string): AutofacturaError {
  return new AutofacturaError({
    code: 'BRANDING_SLUG_TAKEN',
    status: 409,
    message: `La dirección "${slug}" ya la usa otro comercio; elige otra.`,
    messageEn: `Address "${slug}" is already used by another merchant; pick another.`,
    details: [
      {
        code: 'BRANDING_SLUG_TAKEN',
        path: 'branding.slug',
        message: `La dirección "${slug}" ya la usa otro comercio; elige otra.`,
        messageEn: `Address "${slug}" is already used by another merchant; pick another.`,
      },
    ],
  });
}

async function save(ctx: Context, merchant: Merchant): Promise<Merchant> {
  try {
    return await ctx.store.merchants.update({ ...merchant, updatedAt: ctx.clock.now().toISOString() });
  } catch (error) {
    if (isAutofacturaError(error) && error.code === 'STORE_DUPLICATE' && merchant.branding.slug) {
      throw slugTaken(merchant.branding.slug);
    }
    throw error;
  }
}

/** Onboarding's first step: the user's CSD creates their merchant, and the account is linked to it. */
export async function onboardMerchant(
  ctx: Context,
  userId: string,
  input: CreateMerchantInput,
): Promise<CreatedMerchant> {
  const user = await ctx.store.dashboardUsers.get(userId);
  if (user?.merchantId) {
    throw new AutofacturaError({
      code: 'USER_HAS_MERCHANT',
      status: 409,
      message: 'Tu cuenta ya tiene un comercio; cambia el CSD en Configuración › CSD.',
      messageEn: 'Your account already has a merchant; change the CSD under Settings › CSD.',
    });
  }
  const created = await createMerchant(ctx, input);
  await linkDashboardUser(ctx, userId, created.merchant.id);
  return created;
}

export async function updateMerchant(
  ctx: Context,
  merchantId: string,
  patch: MerchantPatch,
): Promise<Merchant> {
  const merchant = await requireMerchant(ctx, merchantId);
  const problems = checkMerchantPatch(merchant, patch);
  if (problems.length > 0) throw invalid(problems);
  return save(ctx, {
    ...merchant,
    ...(patch.name !== undefined ? { name: patch.name.trim().toUpperCase() } : {}),
    ...(patch.regime !== undefined ? { regime: patch.regime } : {}),
    ...(patch.zip !== undefined ? { zip: patch.zip } : {}),
    settings: mergeSettings(merchant.settings, patch.settings),
    branding: patch.branding ? applyBranding(merchant.branding, patch.branding) : merchant.branding,
  });
}

/** A new CSD (renewal): same checks as onboarding, and it must belong to the merchant's RFC. */
export async function replaceCsd(
  ctx: Context,
  merchantId: string,
  input: { certificate: Buffer; privateKey: Buffer; password: string },
): Promise<Merchant> {
  const merchant = await requireMerchant(ctx, merchantId);
  const csd = loadCsd(input);
  csd.assertValidAt(ctx.clock.now());
  if (csd.rfc !== merchant.rfc) {
    throw new AutofacturaError({
      code: 'CSD_RFC_MISMATCH',
      status: 422,
      message: `El CSD es del RFC ${csd.rfc}, pero este comercio factura con ${merchant.rfc}. Sube el CSD de ${merchant.rfc}.`,
      messageEn: `The CSD belongs to RFC ${csd.rfc}, but this merchant invoices as ${merchant.rfc}. Upload ${merchant.rfc}'s CSD.`,
    });
  }
  return save(ctx, {
    ...merchant,
    csd: {
      certificate: csd.certificateBase64,
      noCertificado: csd.noCertificado,
      validFrom: csd.validFrom.toISOString(),
      validTo: csd.validTo.toISOString(),
      key: ctx.secrets.encrypt(input.privateKey),
      password: ctx.secrets.encrypt(input.password),
    },
  });
}

/** A new API key of `mode`; the whole key is returned this once, the store keeps its sha256. */
export async function createApiKey(
  ctx: Context,
  merchantId: string,
  mode: 'test' | 'live',
): Promise<{ key: string; record: ApiKeyRecord; merchant: Merchant }> {
  const merchant = await requireMerchant(ctx, merchantId);
  const key = newApiKey(mode === 'live' ? 'live' : 'test');
  const record: ApiKeyRecord = {
    id: newId('key'),
    prefix: key.slice(0, API_KEY_PREFIX_LENGTH),
    hash: hashApiKey(key),
    mode,
    createdAt: ctx.clock.now().toISOString(),
  };
  const saved = await save(ctx, { ...merchant, apiKeys: [...merchant.apiKeys, record] });
  return { key, record, merchant: saved };
}

export async function revokeApiKey(ctx: Context, merchantId: string, keyId: string): Promise<Merchant> {
  const merchant = await requireMerchant(ctx, merchantId);
  if (!merchant.apiKeys.some((key) => key.id === keyId)) {
    throw new AutofacturaError({
      code: 'API_KEY_NOT_FOUND',
      status: 404,
      message: 'No existe esa llave API en tu comercio.',
      messageEn: 'There is no such API key in your merchant.',
    });
  }
  const at = ctx.clock.now().toISOString();
  return save(ctx, {
    ...merchant,
    apiKeys: merchant.apiKeys.map((key) =>
      key.id === keyId && !key.revokedAt ? { ...key, revokedAt: at } : key,
    ),
  });
}

/** Stores (encrypted) or removes (null) a connection secret, e.g. `stripe.webhook_secret`. */
export async function setMerchantSecret(
  ctx: Context,
  merchantId: string,
  name: string,
  value: string | null,
): Promise<Merchant> {
  if (!/^[a-z0-9_.:-]{1,64}$/.test(name)) throw new TypeError(`Invalid secret name ${name}`);
  const merchant = await requireMerchant(ctx, merchantId);
  const secrets = { ...merchant.secrets };
  if (value === null || value === '') delete secrets[name];
  else secrets[name] = ctx.secrets.encrypt(value);
  return save(ctx, { ...merchant, secrets });
}
