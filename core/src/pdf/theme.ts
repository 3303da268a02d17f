/**
 * The merchant's branding turned into the colors the PDF draws with. The brand color fills bands and
 * headings; text on it is white or near-black, whichever reads better; a very light brand color is
 * darkened where it colors text on white paper. Checks the logo (PNG or JPEG) and the color (#RRGGBB).
 */
import { ValidationError } from '../errors.js';

export interface PdfBranding {
  /** PNG or JPEG bytes. */
  logo?: Buffer;
  /** #RRGGBB. */
  color?: string;
  /** Commercial name shown above the legal name (e.g. "Panadería La Espiga"). */
  tradeName?: string;
}

export interface Theme {
  brand: string;
  /** Text drawn on a brand fill. */
  onBrand: string;
  /** Brand color as text on white (darkened when the brand is too light). */
  brandInk: string;
  /** A pale tint of the brand for box headings and table stripes. */
  tint: string;
  stripe: string;
  text: string;
  muted: string;
  rule: string;
  danger: string;
}

const DEFAULT_BRAND = '#1F4E79';
/** Luminance at which white and black text reach the same contrast (about 4.6:1) on the color. */
const READABLE = 0.18;
const COLOR = /^#[0-9a-fA-F]{6}$/;

export function themeFor(color: string | undefined): Theme {
  if (color !== undefined && !COLOR.test(color)) {
    throw new ValidationError({
      code: 'PDF_BRAND_COLOR',
      message: `El color de marca "${color}" no es válido: escríbelo como #RRGGBB, p. ej. #1F4E79.`,
      messageEn: `The brand color "${color}" is not valid: write it as #RRGGBB, e.g. #1F4E79.`,
    });
  }
  const brand = (color ?? DEFAULT_BRAND).toUpperCase();
  const rgb = toRgb(brand);
  return {
    brand,
    onBrand: luminance(rgb) > READABLE ? '#111111' : '#FFFFFF',
    brandInk: toHex(darkenUntilReadable(rgb)),
    tint: toHex(mix(rgb, [255, 255, 255], 0.86)),
    stripe: toHex(mix(rgb, [255, 255, 255], 0.95)),
    text: '#1A1A1A',
    muted: '#555E68',
    rule: '#B8C0C8',
    danger: '#C62828',
  };
}

/** The logo's bytes when they are a PNG or a JPEG; otherwise a ValidationError that says what to upload. */
export function checkLogo(logo: Buffer): Buffer {
  const png = logo.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = logo.length > 3 && logo[0] === 0xff && logo[1] === 0xd8 && logo[2] === 0xff;
  if (png || jpeg) return logo;
  throw logoError();
}

export function logoError(cause?: unknown): ValidationError {
  return new ValidationError({
    code: 'PDF_LOGO_FORMAT',
    message: 'El logotipo no es una imagen PNG o JPEG legible. Sube el logo en formato PNG o JPEG.',
    messageEn: 'The logo is not a readable PNG or JPEG image. Upload the logo as PNG or JPEG.',
    ...(cause === undefined ? {} : { cause }),
  });
}

type Rgb = [number, number, number];

function toRgb(hex: string): Rgb {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

function mix(a: Rgb, b: Rgb, amount: number): Rgb {
  return a.map((v, i) => v + ((b[i] as number) - v) * amount) as Rgb;
}

function darkenUntilReadable(rgb: Rgb): Rgb {
  let out = rgb;
  for (let step = 0; step < 10 && luminance(out) > READABLE; step++) out = mix(out, [0, 0, 0], 0.15);
  return out;
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
