/**
 * The merchant as an email shows it: trade name, RFC, brand color (the same theme as the PDF) and logo,
 * sent as an inline image (Content-ID) so mail clients show it without loading anything remote.
 */
import { type Theme, themeFor } from '../../pdf/theme.js';
import { parseMailbox } from '../address.js';
import { invalidContent } from '../errors.js';
import type { MailAttachment } from '../message.js';

export interface MailMerchant {
  /** Name the customer knows the business by, e.g. "Panadería La Espiga". */
  tradeName: string;
  rfc: string;
  /** Brand color, #RRGGBB. */
  color?: string;
  /** PNG or JPEG bytes. */
  logo?: Buffer;
  /** Where the customer's reply goes (default: supportEmail). */
  replyTo?: string;
  /** Shown in the footer for questions. */
  supportEmail?: string;
}

export interface Branding {
  merchant: MailMerchant;
  theme: Theme;
  /** The inline logo attachment, when there is a logo. */
  logo?: MailAttachment;
  replyTo?: string;
}

export const LOGO_CID = 'merchant-logo@autofactura';
const COLOR = /^#[0-9a-fA-F]{6}$/;

export function branding(merchant: MailMerchant): Branding {
  if (typeof merchant?.tradeName !== 'string' || merchant.tradeName.trim() === '') {
    throw invalidContent(
      'merchant.tradeName',
      'Falta el nombre comercial del comercio; el correo lo muestra como remitente.',
      "The merchant's trade name is missing; the email shows it as the sender.",
    );
  }
  if (merchant.color !== undefined && !COLOR.test(merchant.color)) {
    throw invalidContent(
      'merchant.color',
      `El color de marca "${merchant.color}" no es válido: escríbelo como #RRGGBB, p. ej. #1F4E79.`,
      `The brand color "${merchant.color}" is not valid: write it as #RRGGBB, e.g. #1F4E79.`,
    );
  }
  const replyTo = merchant.replyTo ?? merchant.supportEmail;
  if (replyTo !== undefined)
    parseMailbox(replyTo, merchant.replyTo ? 'merchant.replyTo' : 'merchant.supportEmail');
  if (merchant.supportEmail !== undefined) parseMailbox(merchant.supportEmail, 'merchant.supportEmail');
  return {
    merchant,
    theme: themeFor(merchant.color),
    ...(merchant.logo ? { logo: logoAttachment(merchant.logo) } : {}),
    ...(replyTo ? { replyTo } : {}),
  };
}

function logoAttachment(logo: Buffer): MailAttachment {
  const png = logo.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = logo.length > 3 && logo[0] === 0xff && logo[1] === 0xd8 && logo[2] === 0xff;
  if (!png && !jpeg) {
    throw invalidContent(
      'merchant.logo',
      'El logotipo no es una imagen PNG o JPEG. Sube el logo en formato PNG o JPEG.',
      'The logo is not a PNG or JPEG image. Upload the logo as PNG or JPEG.',
    );
  }
  return {
    filename: png ? 'logo.png' : 'logo.jpg',
    content: logo,
    contentType: png ? 'image/png' : 'image/jpeg',
    cid: LOGO_CID,
  };
}
