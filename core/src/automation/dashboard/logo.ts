/**
 * The merchant's logo: PNG or JPEG recognised by its first bytes (a renamed file is refused), at most
 * LOGO_MAX_BYTES, stored as a blob under a fresh key (so caches of the old one never show the new one);
 * the old blob is deleted after the merchant points at the new one.
 */
import { AutofacturaError } from '../../errors.js';
import type { Merchant } from '../../store/types.js';
import type { Context } from '../context.js';
import { requireMerchant } from '../merchant.js';
import { randomToken } from '../tokens.js';

export const LOGO_MAX_BYTES = 512 * 1024;

export interface LogoInput {
  data: Buffer;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function logoType(data: Buffer): 'image/png' | 'image/jpeg' | null {
  if (data.length > 8 && data.subarray(0, 8).equals(PNG)) return 'image/png';
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return null;
}

function logoError(code: string, es: string, en: string): AutofacturaError {
  return new AutofacturaError({
    code,
    status: 422,
    message: es,
    messageEn: en,
    details: [{ code, path: 'logo', message: es, messageEn: en }],
  });
}

export async function setMerchantLogo(
  ctx: Context,
  merchantId: string,
  logo: LogoInput | null,
): Promise<Merchant> {
  const merchant = await requireMerchant(ctx, merchantId);
  const previous = merchant.branding.logoBlob;
  let logoBlob: string | undefined;
  if (logo) {
    if (logo.data.length > LOGO_MAX_BYTES) {
      throw logoError(
        'LOGO_TOO_LARGE',
        `El logo pesa ${Math.ceil(logo.data.length / 1024)} KB; el máximo es ${LOGO_MAX_BYTES / 1024} KB. Redúcelo (p. ej. 400 px de ancho).`,
        `The logo is ${Math.ceil(logo.data.length / 1024)} KB; the limit is ${LOGO_MAX_BYTES / 1024} KB. Make it smaller (e.g. 400 px wide).`,
      );
    }
    const type = logoType(logo.data);
    if (!type)
      throw logoError(
        'LOGO_TYPE',
        'El logo debe ser una imagen PNG o JPEG.',
        'The logo must be a PNG or JPEG image.',
      );
    logoBlob = `${merchantId}/branding/logo-${randomToken().slice(0, 16)}.${type === 'image/png' ? 'png' : 'jpg'}`;
    await ctx.store.blobs.put(logoBlob, logo.data, type);
  }
  const branding = { ...merchant.branding };
  if (logoBlob) branding.logoBlob = logoBlob;
  else delete branding.logoBlob;
  const saved = await ctx.store.merchants.update({
    ...merchant,
    branding,
    updatedAt: ctx.clock.now().toISOString(),
  });
  if (previous && previous !== logoBlob) await ctx.store.blobs.delete(previous).catch(() => {});
  return saved;
}

export async function merchantLogo(
  ctx: Context,
  merchantId: string,
): Promise<{ data: Buffer; contentType: string } | null> {
  const merchant = await ctx.store.merchants.get(merchantId);
  if (!merchant?.branding.logoBlob) return null;
  const data = await ctx.store.blobs.get(merchant.branding.logoBlob);
  const contentType = data ? logoType(data) : null;
  return data && contentType ? { data, contentType } : null;
}
