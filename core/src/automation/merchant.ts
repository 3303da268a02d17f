/**
 * Merchants: created from their CSD (the RFC and legal name come from the certificate; a wrong password,
 * an e.firma or an expired certificate is a coded CredentialError), with the key and its password
 * encrypted through the SecretBox and two API keys (test, live) shown once and stored hashed.
 */
import { getCatalogs } from '../catalogs/index.js';
import type { ErrorDetail } from '../errors.js';
import { codigoPostalExists } from '../fiscal/codigo-postal.js';
import { type Csd, loadCsd } from '../fiscal/csd/index.js';
import { findRegimenCapital } from '../fiscal/receptor-nombre.js';
import { regimenAllowedFor } from '../fiscal/regimen.js';
import { parseRfc } from '../fiscal/rfc.js';
import type { MailMerchant } from '../notify/email/branding.js';
import type { PdfBranding } from '../pdf/theme.js';
import type { ApiKeyRecord, Merchant } from '../store/types.js';
import type { Context } from './context.js';
import { defaultBranding, defaultSettings, mergeSettings } from './defaults.js';
import { detail, invalid, notFound } from './errors.js';
import { newId } from './ids.js';
import { API_KEY_PREFIX_LENGTH, hashApiKey, newApiKey, sameHash } from './tokens.js';
import type { CreatedMerchant, CreateMerchantInput } from './types.js';

export async function createMerchant(ctx: Context, input: CreateMerchantInput): Promise<CreatedMerchant> {
  const csd = loadCsd({
    certificate: input.certificate,
    privateKey: input.privateKey,
    password: input.password,
  });
  const now = ctx.clock.now();
  csd.assertValidAt(now);
  const catalogs = getCatalogs();
  const tipo = parseRfc(csd.rfc)?.tipo ?? (csd.rfc.length === 12 ? 'moral' : 'fisica');
  const problems: ErrorDetail[] = [];
  const regime = String(input.regime ?? '').trim();
  if (!regimenAllowedFor(catalogs, regime, tipo)) {
    problems.push(
      detail(
        'MERCHANT_REGIME',
        'regime',
        `El régimen fiscal "${regime}" no existe o no aplica a una persona ${tipo === 'fisica' ? 'física' : 'moral'} (RFC ${csd.rfc}); usa el de tu Constancia de Situación Fiscal, p. ej. 601 o 612.`,
        `Tax regime "${regime}" does not exist or does not apply to a ${tipo === 'fisica' ? 'natural person' : 'company'} (RFC ${csd.rfc}); use the one in your Constancia de Situación Fiscal, e.g. 601 or 612.`,
      ),
    );
  }
  const zip = String(input.zip ?? '').trim();
  if (!codigoPostalExists(catalogs, zip)) {
    problems.push(
      detail(
        'MERCHANT_ZIP',
        'zip',
        `El código postal "${zip}" no está en el catálogo c_CodigoPostal; escribe el del lugar de expedición (5 dígitos).`,
        `Postal code "${zip}" is not in c_CodigoPostal; give the place of issue's (5 digits).`,
      ),
    );
  }
  if (problems.length > 0) throw invalid(problems);
  const name = (input.name?.trim() || legalNameWithoutCapital(csd.legalName)).toUpperCase();
  const at = now.toISOString();
  const keys = { test: newApiKey('test'), live: newApiKey('live') };
  const apiKeys: ApiKeyRecord[] = (['test', 'live'] as const).map((mode) => ({
    id: newId('key'),
    prefix: keys[mode].slice(0, API_KEY_PREFIX_LENGTH),
    hash: hashApiKey(keys[mode]),
    mode,
    createdAt: at,
  }));
  const merchant: Merchant = {
    id: newId('mer'),
    rfc: csd.rfc,
    name,
    regime,
    zip,
    csd: {
      certificate: csd.certificateBase64,
      noCertificado: csd.noCertificado,
      validFrom: csd.validFrom.toISOString(),
      validTo: csd.validTo.toISOString(),
      key: ctx.secrets.encrypt(input.privateKey),
      password: ctx.secrets.encrypt(input.password),
    },
    settings: mergeSettings(defaultSettings(), input.settings),
    branding: defaultBranding(name, input.branding),
    apiKeys,
    secrets: {},
    createdAt: at,
    updatedAt: at,
  };
  const stored = await ctx.store.merchants.create(merchant);
  return { merchant: stored, apiKeys: keys };
}

/** "ESCUELA KEMPER URGATE SA DE CV" -> "ESCUELA KEMPER URGATE" (CFDI 4.0 names go without it). */
function legalNameWithoutCapital(legalName: string): string {
  return findRegimenCapital(legalName)?.nameWithout ?? legalName;
}

export async function authenticate(
  ctx: Context,
  apiKey: string,
): Promise<{ merchant: Merchant; mode: 'test' | 'live' } | null> {
  if (typeof apiKey !== 'string' || apiKey.length <= API_KEY_PREFIX_LENGTH) return null;
  const found = await ctx.store.merchants.findByApiKeyPrefix(apiKey.slice(0, API_KEY_PREFIX_LENGTH));
  if (!found || found.key.revokedAt || !sameHash(found.key.hash, hashApiKey(apiKey))) return null;
  return { merchant: found.merchant, mode: found.key.mode };
}

export async function requireMerchant(ctx: Context, merchantId: string): Promise<Merchant> {
  const merchant = await ctx.store.merchants.get(merchantId);
  if (!merchant) throw notFound.merchant(merchantId);
  return merchant;
}

const csdCache = new WeakMap<Context, Map<string, Csd>>();

/** The merchant's CSD, decrypted once per process and certificate. */
export function merchantCsd(ctx: Context, merchant: Merchant): Csd {
  let cache = csdCache.get(ctx);
  if (!cache) {
    cache = new Map();
    csdCache.set(ctx, cache);
  }
  const key = `${merchant.id}|${merchant.csd.noCertificado}|${merchant.csd.key}`;
  let csd = cache.get(key);
  if (!csd) {
    csd = loadCsd({
      certificate: merchant.csd.certificate,
      privateKey: ctx.secrets.decrypt(merchant.csd.key),
      password: ctx.secrets.decryptString(merchant.csd.password),
    });
    cache.set(key, csd);
  }
  return csd;
}

async function logo(ctx: Context, merchant: Merchant): Promise<Buffer | undefined> {
  if (!merchant.branding.logoBlob) return undefined;
  return (await ctx.store.blobs.get(merchant.branding.logoBlob)) ?? undefined;
}

export async function mailMerchant(ctx: Context, merchant: Merchant): Promise<MailMerchant> {
  const image = await logo(ctx, merchant);
  return {
    tradeName: merchant.branding.tradeName || merchant.name,
    rfc: merchant.rfc,
    ...(merchant.branding.color ? { color: merchant.branding.color } : {}),
    ...(image ? { logo: image } : {}),
    ...(merchant.branding.supportEmail ? { supportEmail: merchant.branding.supportEmail } : {}),
  };
}

export async function pdfBranding(ctx: Context, merchant: Merchant): Promise<PdfBranding> {
  const image = await logo(ctx, merchant);
  return {
    tradeName: merchant.branding.tradeName || merchant.name,
    ...(merchant.branding.color ? { color: merchant.branding.color } : {}),
    ...(image ? { logo: image } : {}),
  };
}
