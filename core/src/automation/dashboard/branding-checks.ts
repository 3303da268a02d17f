/** Checks of the portal's branding: slug, colors, texts, contact and social links (https only). */
import type { ErrorDetail } from '../../errors.js';
import type { MerchantBranding } from '../../store/types.js';
import { detail } from '../errors.js';

/** Paths the server uses itself: a merchant with one of these slugs could never be reached. */
export const RESERVED_SLUGS = new Set([
  'dashboard',
  'v1',
  'health',
  'assets',
  'webhooks',
  'api',
  'login',
  'logout',
  'signup',
  'static',
  'admin',
  'favicon.ico',
  'robots.txt',
]);
const SLUG = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[A-Za-z]{2,}$/;
const PHONE = /^\+?[0-9][0-9 ()-]{6,22}[0-9]$/;
const WHATSAPP = /^[0-9]{10,15}$/;
const SOCIAL = ['website', 'facebook', 'instagram', 'x', 'tiktok'] as const;

export function checkBranding(branding: Partial<Omit<MerchantBranding, 'logoBlob'>>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const bad = (code: string, path: string, es: string, en: string) =>
    problems.push(detail(code, `branding.${path}`, es, en));
  const given = (value: string | undefined) => value !== undefined && value !== '';
  if (
    branding.tradeName !== undefined &&
    (branding.tradeName.trim() === '' || branding.tradeName.length > 120)
  ) {
    bad(
      'BRANDING_TRADE_NAME',
      'tradeName',
      'Escribe el nombre comercial que verán tus clientes (hasta 120 caracteres).',
      'Enter the trade name your customers will see (up to 120 characters).',
    );
  }
  if (given(branding.slug) && (!SLUG.test(branding.slug!) || RESERVED_SLUGS.has(branding.slug!))) {
    bad(
      'BRANDING_SLUG',
      'slug',
      'La dirección del portal lleva de 3 a 40 minúsculas, números o guiones (p. ej. mi-tienda) y no puede ser una palabra reservada.',
      'The portal address has 3 to 40 lowercase letters, digits or hyphens (e.g. my-shop) and cannot be a reserved word.',
    );
  }
  for (const field of ['color', 'secondaryColor'] as const) {
    if (given(branding[field]) && !COLOR.test(branding[field]!)) {
      bad(
        'BRANDING_COLOR',
        field,
        'Escribe el color en formato #RRGGBB, p. ej. #0F766E.',
        'Write the color as #RRGGBB, e.g. #0F766E.',
      );
    }
  }
  if (branding.welcomeText !== undefined && branding.welcomeText.length > 600) {
    bad(
      'BRANDING_WELCOME',
      'welcomeText',
      'El texto de bienvenida admite hasta 600 caracteres.',
      'The welcome text takes up to 600 characters.',
    );
  }
  if (given(branding.supportEmail) && !EMAIL.test(branding.supportEmail!)) {
    bad(
      'BRANDING_EMAIL',
      'supportEmail',
      'Escribe un correo de soporte válido, p. ej. ayuda@tuempresa.mx.',
      'Enter a valid support email, e.g. help@yourcompany.mx.',
    );
  }
  if (given(branding.phone) && !PHONE.test(branding.phone!)) {
    bad(
      'BRANDING_PHONE',
      'phone',
      'Escribe el teléfono con lada, p. ej. +52 55 1234 5678.',
      'Enter the phone with area code, e.g. +52 55 1234 5678.',
    );
  }
  if (given(branding.whatsapp) && !WHATSAPP.test(branding.whatsapp!)) {
    bad(
      'BRANDING_WHATSAPP',
      'whatsapp',
      'Escribe el WhatsApp solo con dígitos y código de país, p. ej. 5215512345678.',
      'Enter WhatsApp as digits with country code, e.g. 5215512345678.',
    );
  }
  for (const network of SOCIAL) {
    const url = branding.social?.[network];
    if (given(url) && !isHttpsUrl(url!)) {
      bad(
        'BRANDING_SOCIAL',
        `social.${network}`,
        'Los enlaces deben ser direcciones completas que empiecen con https://',
        'Links must be full addresses starting with https://',
      );
    }
  }
  return problems;
}

function isHttpsUrl(value: string): boolean {
  if (value.length > 300) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Empty strings remove optional fields; social links are merged one by one. */
export function applyBranding(
  current: MerchantBranding,
  patch: Partial<Omit<MerchantBranding, 'logoBlob'>>,
): MerchantBranding {
  const next: MerchantBranding = { ...current };
  for (const [key, value] of Object.entries(patch) as [keyof MerchantBranding, unknown][]) {
    if (key === 'social' || key === 'logoBlob') continue;
    if (value === undefined) continue;
    const text = String(value).trim();
    if (text === '' && key !== 'tradeName') delete next[key];
    else (next as unknown as Record<string, string>)[key] = text;
  }
  if (patch.social) {
    const social: NonNullable<MerchantBranding['social']> = { ...current.social };
    for (const network of SOCIAL) {
      const value = patch.social[network];
      if (value === undefined) continue;
      if (value.trim() === '') delete social[network];
      else social[network] = value.trim();
    }
    if (Object.keys(social).length > 0) next.social = social;
    else delete next.social;
  }
  return next;
}
