/**
 * What portal views show, built from core records: the merchant's public face (only safe links: http(s)
 * URLs, mailto, tel, wa.me; colors only as #RRGGBB) and purchases (money from decimal strings, never
 * floats; dates in Mexico City).
 */
import { createHash } from 'node:crypto';
import type { Invoice, Merchant, Payment, Receipt } from '../../../core/src/store/types.js';
import type { Lang } from '../web/index.js';

export interface PortalMerchant {
  slug: string;
  tradeName: string;
  logoUrl?: string;
  welcomeText?: string;
  supportEmail?: string;
  phone?: string;
  phoneHref?: string;
  whatsappUrl?: string;
  social: { name: string; label: string; url: string }[];
  theme: { primary: string; secondary: string; onPrimary: string };
  hasContact: boolean;
}

const HEX = /^#[0-9a-fA-F]{6}$/;
const SOCIAL_LABELS: Record<string, string> = {
  website: 'Sitio web',
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  tiktok: 'TikTok',
};

function safeUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
function readableOn(hex: string): string {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.42 ? '#111827' : '#ffffff';
}

export function portalMerchant(merchant: Merchant, slug: string, lang: Lang): PortalMerchant {
  const b = merchant.branding;
  const primary = b.color && HEX.test(b.color) ? b.color : '#4F46E5';
  const secondary = b.secondaryColor && HEX.test(b.secondaryColor) ? b.secondaryColor : primary;
  const phoneDigits = b.phone?.replace(/[^\d+]/g, '');
  const whatsapp = b.whatsapp?.replace(/\D/g, '');
  const social = Object.entries(b.social ?? {})
    .map(([name, value]) => ({ name, url: safeUrl(value) }))
    .filter((link): link is { name: string; url: string } => link.url !== undefined)
    .map((link) => ({
      ...link,
      label: link.name === 'website' && lang === 'en' ? 'Website' : (SOCIAL_LABELS[link.name] ?? link.name),
    }));
  const email = b.supportEmail && /^[^\s@<>"]+@[^\s@<>"]+$/.test(b.supportEmail) ? b.supportEmail : undefined;
  const view: PortalMerchant = {
    slug,
    tradeName: b.tradeName || merchant.name,
    social,
    theme: { primary, secondary, onPrimary: readableOn(primary) },
    hasContact: Boolean(email || phoneDigits || whatsapp || social.length),
  };
  if (b.logoBlob) {
    view.logoUrl = `/${slug}/logo?v=${createHash('sha256').update(b.logoBlob).digest('hex').slice(0, 10)}`;
  }
  if (b.welcomeText?.trim()) view.welcomeText = b.welcomeText.trim();
  if (email) view.supportEmail = email;
  if (b.phone && phoneDigits) {
    view.phone = b.phone;
    view.phoneHref = phoneDigits;
  }
  if (whatsapp && whatsapp.length >= 8) view.whatsappUrl = `https://wa.me/${whatsapp}`;
  return view;
}

/** "1160.5" -> "$1,160.50 MXN" (exact: digits only, no float). */
export function formatMoney(amount: string, currency: string): string {
  const negative = amount.startsWith('-');
  const [int = '0', frac = ''] = amount.replace(/^-/, '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${frac.padEnd(2, '0')} ${currency}`;
}

// Building an Intl.DateTimeFormat costs ~100 µs (the portal page's largest cost in the HTTP bench):
// one per language, made once.
const DATE_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  es: new Intl.DateTimeFormat('es-MX', { timeZone: 'America/Mexico_City', dateStyle: 'long' }),
  en: new Intl.DateTimeFormat('en-US', { timeZone: 'America/Mexico_City', dateStyle: 'long' }),
};

export function formatDate(iso: string, lang: Lang): string {
  return (DATE_FORMATS[lang] ?? DATE_FORMATS.es).format(new Date(iso));
}

export interface PortalPurchase {
  token: string;
  ticket: string;
  paidAt: string;
  expires: string;
  amount: string;
  currency: string;
  lines: { description: string; quantity: string }[];
}

export function portalPurchase(
  receipt: Receipt,
  payment: Payment,
  token: string,
  lang: Lang,
): PortalPurchase {
  const lines = (payment.items ?? []).map((item) => ({
    description: item.description,
    quantity: item.quantity.replace(/\.0+$/, ''),
  }));
  return {
    token,
    ticket: receipt.ticket,
    paidAt: formatDate(receipt.paidAt, lang),
    expires: formatDate(receipt.expiresAt, lang),
    amount: formatMoney(receipt.amount, receipt.currency),
    currency: receipt.currency,
    lines,
  };
}

/** Sum of decimal strings with at most 6 places, exactly (BigInt). */
export function sumAmounts(amounts: string[]): string {
  const scale = 6;
  const total = amounts.reduce((acc, amount) => {
    const [int = '0', frac = ''] = amount.split('.');
    return acc + BigInt(int + frac.padEnd(scale, '0').slice(0, scale));
  }, 0n);
  const text = total.toString().padStart(scale + 1, '0');
  const frac = text.slice(-scale).replace(/0+$/, '').padEnd(2, '0');
  return `${text.slice(0, -scale)}.${frac}`;
}

export interface PortalInvoice {
  uuid?: string;
  folio: string;
  total: string;
  stamped: boolean;
  /** Issued in test mode (sandbox PAC): the page says it has no fiscal validity. */
  test: boolean;
}

export function portalInvoice(invoice: Invoice): PortalInvoice {
  return {
    ...(invoice.uuid ? { uuid: invoice.uuid } : {}),
    folio: invoice.series ? `${invoice.series}-${invoice.folio}` : String(invoice.folio),
    total: formatMoney(invoice.total, invoice.currency),
    stamped: invoice.status === 'stamped',
    test: invoice.mode === 'test',
  };
}
