/**
 * The settings sections as forms: the values a form shows (from the merchant, or what was just typed
 * when saving failed) and the MerchantPatch a submitted form asks for. Pure functions, no I/O.
 */
import type { MerchantPatch } from '../../../core/src/automation/dashboard/types.js';
import type { Merchant } from '../../../core/src/store/types.js';
import { webError } from '../web/web-error.js';

export type FormValues = Record<string, string | boolean | Record<string, string>>;
type Body = Record<string, string | undefined>;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const SOCIAL = ['website', 'facebook', 'instagram', 'x', 'tiktok'] as const;

export function valuesOf(section: string, merchant: Merchant): FormValues {
  const s = merchant.settings;
  const b = merchant.branding;
  switch (section) {
    case 'fiscal':
      return {
        name: merchant.name,
        regime: merchant.regime,
        zip: merchant.zip,
        seriesInvoice: s.series.invoice,
        seriesCreditNote: s.series.creditNote,
        seriesGlobal: s.series.global,
        nextFolio: '',
      };
    case 'branding':
      return {
        tradeName: b.tradeName,
        slug: b.slug ?? '',
        color: b.color ?? '',
        secondaryColor: b.secondaryColor ?? '',
        welcomeText: b.welcomeText ?? '',
        supportEmail: b.supportEmail ?? '',
        phone: b.phone ?? '',
        whatsapp: b.whatsapp ?? '',
        social: { ...b.social },
      };
    case 'product': {
      const p = s.defaultProduct;
      const iva = p.taxes.find((tax) => tax.type === 'IVA' && !tax.withholding);
      return {
        productKey: p.productKey,
        unitKey: p.unitKey,
        description: p.description,
        iva: iva?.factor === 'Exento' ? 'exento' : (iva?.rate ?? '0.16'),
        taxIncluded: p.taxIncluded,
      };
    }
    case 'automation':
      return {
        automation: s.automation,
        receiptDays: String(s.receiptDays),
        globalPeriodicity: s.globalPeriodicity,
        refundPolicy: s.refundPolicy,
      };
    case 'pac':
      return { pac: s.pac ?? 'sandbox' };
    default:
      return {};
  }
}

/** What the user typed, shown again when saving failed. */
export function valuesFromBody(section: string, merchant: Merchant, body: Body): FormValues {
  const values = valuesOf(section, merchant);
  for (const key of Object.keys(values)) {
    if (key === 'social')
      values.social = Object.fromEntries(SOCIAL.map((n) => [n, text(body[`social_${n}`])]));
    else if (key === 'taxIncluded') values.taxIncluded = body.taxIncluded === '1';
    else if (body[key] !== undefined) values[key] = text(body[key]);
  }
  return values;
}

export function patchOf(section: string, merchant: Merchant, body: Body): MerchantPatch {
  switch (section) {
    case 'fiscal':
      return {
        name: text(body.name),
        regime: text(body.regime),
        zip: text(body.zip),
        settings: {
          series: {
            invoice: text(body.seriesInvoice).toUpperCase(),
            creditNote: text(body.seriesCreditNote).toUpperCase(),
            global: text(body.seriesGlobal).toUpperCase(),
          },
        },
      };
    case 'branding':
      return {
        branding: {
          tradeName: text(body.tradeName),
          slug: text(body.slug).toLowerCase(),
          color: text(body.color),
          secondaryColor: text(body.secondaryColor),
          welcomeText: text(body.welcomeText),
          supportEmail: text(body.supportEmail),
          phone: text(body.phone),
          whatsapp: text(body.whatsapp).replace(/[\s+()-]/g, ''),
          social: Object.fromEntries(SOCIAL.map((n) => [n, text(body[`social_${n}`])])),
        },
      };
    case 'product': {
      const iva = text(body.iva);
      return {
        settings: {
          defaultProduct: {
            ...merchant.settings.defaultProduct,
            productKey: text(body.productKey),
            unitKey: text(body.unitKey),
            description: text(body.description),
            taxObject: '02',
            taxes: [iva === 'exento' ? { type: 'IVA', factor: 'Exento' } : { type: 'IVA', rate: iva }],
            taxIncluded: body.taxIncluded === '1',
          },
        },
      };
    }
    case 'automation':
      return {
        settings: {
          automation: text(body.automation) as never,
          receiptDays: /^\d{1,3}$/.test(text(body.receiptDays)) ? Number(text(body.receiptDays)) : Number.NaN,
          globalPeriodicity: text(body.globalPeriodicity) as never,
          refundPolicy:
            text(body.refundPolicy) === 'cancel_if_same_month' ? 'cancel_if_same_month' : 'credit_note',
        },
      };
    default:
      return {};
  }
}

/** The fiscal form's next folio: empty keeps the numbering; otherwise a positive 32-bit integer. */
export function parseFolio(value: string | undefined): number | undefined {
  const text = (value ?? '').trim();
  if (text === '') return undefined;
  if (!/^\d{1,10}$/.test(text) || Number(text) < 1 || Number(text) > 2_147_483_647) {
    throw webError(
      422,
      'INVALID_FOLIO',
      'El siguiente folio debe ser un número entero positivo (p. ej. 1201).',
      'The next folio must be a positive whole number (e.g. 1201).',
    );
  }
  return Number(text);
}
