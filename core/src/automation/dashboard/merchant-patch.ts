/**
 * What the dashboard may change on a merchant, and the checks each field passes before anything is
 * stored. Every problem is reported at once (details with the field's path), in plain Spanish first.
 */
import { getCatalogs } from '../../catalogs/index.js';
import type { ErrorDetail } from '../../errors.js';
import { codigoPostalExists } from '../../fiscal/codigo-postal.js';
import { findRegimenCapital } from '../../fiscal/receptor-nombre.js';
import { regimenAllowedFor } from '../../fiscal/regimen.js';
import { parseRfc } from '../../fiscal/rfc.js';
import type { Merchant, MerchantBranding, MerchantSettings } from '../../store/types.js';
import { detail } from '../errors.js';
import { checkBranding } from './branding-checks.js';

export interface MerchantPatch {
  name?: string;
  regime?: string;
  zip?: string;
  settings?: Partial<MerchantSettings>;
  /** Empty strings clear optional fields; the logo has its own use case (setMerchantLogo). */
  branding?: Partial<Omit<MerchantBranding, 'logoBlob'>>;
}

const AUTOMATIONS = ['auto', 'invoice', 'receipt', 'none'];
const PERIODICITIES = ['daily', 'weekly', 'fortnightly', 'monthly', 'bimonthly'];
const SERIES = /^[A-Za-z0-9]{1,25}$/;
const IVA_RATES = ['0.16', '0.08', '0.00', '0'];

export function checkMerchantPatch(merchant: Merchant, patch: MerchantPatch): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const catalogs = getCatalogs();
  if (patch.name !== undefined) {
    const name = patch.name.trim();
    if (name.length < 1 || name.length > 254) {
      problems.push(
        detail(
          'MERCHANT_NAME',
          'name',
          'Escribe la razón social como aparece en tu Constancia de Situación Fiscal.',
          'Enter your legal name as on your Constancia de Situación Fiscal.',
        ),
      );
    } else if (findRegimenCapital(name)) {
      problems.push(
        detail(
          'MERCHANT_NAME_CAPITAL',
          'name',
          `Escribe la razón social sin el régimen de capital: sin "${findRegimenCapital(name)!.suffix}".`,
          `Write the legal name without the capital regime: drop "${findRegimenCapital(name)!.suffix}".`,
        ),
      );
    }
  }
  if (patch.regime !== undefined) {
    const tipo = parseRfc(merchant.rfc)?.tipo ?? (merchant.rfc.length === 12 ? 'moral' : 'fisica');
    if (!regimenAllowedFor(catalogs, patch.regime, tipo)) {
      problems.push(
        detail(
          'MERCHANT_REGIME',
          'regime',
          `El régimen "${patch.regime}" no aplica a una persona ${tipo === 'fisica' ? 'física' : 'moral'}; elige el de tu Constancia de Situación Fiscal.`,
          `Regime "${patch.regime}" does not apply to a ${tipo === 'fisica' ? 'natural person' : 'company'}; pick the one on your Constancia.`,
        ),
      );
    }
  }
  if (patch.zip !== undefined && !codigoPostalExists(catalogs, patch.zip)) {
    problems.push(
      detail(
        'MERCHANT_ZIP',
        'zip',
        `El código postal "${patch.zip}" no existe en el catálogo del SAT; escribe los 5 dígitos de tu domicilio fiscal.`,
        `Postal code "${patch.zip}" is not in SAT's catalog; enter the 5 digits of your tax address.`,
      ),
    );
  }
  if (patch.settings) problems.push(...checkSettings(patch.settings));
  if (patch.branding) problems.push(...checkBranding(patch.branding));
  return problems;
}

function checkSettings(settings: Partial<MerchantSettings>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const catalogs = getCatalogs();
  const bad = (code: string, path: string, es: string, en: string) =>
    problems.push(detail(code, `settings.${path}`, es, en));
  if (settings.automation !== undefined && !AUTOMATIONS.includes(settings.automation)) {
    bad(
      'SETTINGS_AUTOMATION',
      'automation',
      'Elige qué hacer con cada pago: automático, factura, recibo o nada.',
      'Choose what to do with each payment: auto, invoice, receipt or none.',
    );
  }
  if (
    settings.receiptDays !== undefined &&
    !(Number.isInteger(settings.receiptDays) && settings.receiptDays >= 1 && settings.receiptDays <= 90)
  ) {
    bad(
      'SETTINGS_RECEIPT_DAYS',
      'receiptDays',
      'Los días para autofacturarse deben ser un número entero de 1 a 90.',
      'Self-invoice days must be a whole number from 1 to 90.',
    );
  }
  if (settings.globalPeriodicity !== undefined && !PERIODICITIES.includes(settings.globalPeriodicity)) {
    bad(
      'SETTINGS_PERIODICITY',
      'globalPeriodicity',
      'Elige la periodicidad de la factura global: diaria, semanal, quincenal, mensual o bimestral.',
      'Choose the global invoice periodicity: daily, weekly, fortnightly, monthly or bimonthly.',
    );
  }
  for (const [kind, value] of Object.entries(settings.series ?? {})) {
    if (!SERIES.test(String(value))) {
      bad(
        'SETTINGS_SERIES',
        `series.${kind}`,
        'La serie lleva de 1 a 25 letras o números, sin espacios (p. ej. A o FAC).',
        'A series has 1 to 25 letters or digits, no spaces (e.g. A or FAC).',
      );
    }
  }
  if (
    settings.refundPolicy !== undefined &&
    !['credit_note', 'cancel_if_same_month'].includes(settings.refundPolicy)
  ) {
    bad(
      'SETTINGS_REFUNDS',
      'refundPolicy',
      'Elige cómo tratar los reembolsos: nota de crédito o cancelación en el mismo mes.',
      'Choose how to handle refunds: credit note or cancellation within the month.',
    );
  }
  if (settings.pac !== undefined && !['sandbox', 'finkok', 'sw'].includes(settings.pac)) {
    bad(
      'SETTINGS_PAC',
      'pac',
      'Elige un PAC: sandbox, Finkok o SW Sapien.',
      'Choose a PAC: sandbox, Finkok or SW Sapien.',
    );
  }
  const product = settings.defaultProduct;
  if (product) {
    if (product.productKey !== undefined && !catalogs.claveProdServ.has(product.productKey)) {
      bad(
        'SETTINGS_PRODUCT_KEY',
        'defaultProduct.productKey',
        `La clave "${product.productKey}" no está en el catálogo c_ClaveProdServ; búscala por descripción.`,
        `Key "${product.productKey}" is not in c_ClaveProdServ; search it by description.`,
      );
    }
    if (product.unitKey !== undefined && !catalogs.claveUnidad.has(product.unitKey)) {
      bad(
        'SETTINGS_UNIT_KEY',
        'defaultProduct.unitKey',
        `La unidad "${product.unitKey}" no está en c_ClaveUnidad (p. ej. H87 pieza, E48 servicio, ACT actividad).`,
        `Unit "${product.unitKey}" is not in c_ClaveUnidad (e.g. H87 piece, E48 service, ACT activity).`,
      );
    }
    if (
      product.description !== undefined &&
      (product.description.trim().length < 1 || product.description.length > 1000)
    ) {
      bad(
        'SETTINGS_PRODUCT_DESCRIPTION',
        'defaultProduct.description',
        'Escribe la descripción del producto (hasta 1000 caracteres).',
        'Enter the product description (up to 1000 characters).',
      );
    }
    for (const tax of product.taxes ?? []) {
      if (tax.type === 'IVA' && tax.factor !== 'Exento' && !IVA_RATES.includes(tax.rate ?? '')) {
        bad(
          'SETTINGS_IVA',
          'defaultProduct.taxes',
          'La tasa de IVA debe ser 16 %, 8 % (frontera), 0 % o exento.',
          'The IVA rate must be 16%, 8% (border), 0% or exempt.',
        );
      }
    }
  }
  return problems;
}
