/**
 * The portal's fiscal form: reads the posted fields, checks them with core's fiscal rules (the same
 * checks completeReceipt makes; the server is authoritative) and words each problem for a customer —
 * what to fix, in plain Spanish or English — by its stable code. Also the régimen and uso options a
 * given RFC and régimen allow.
 */
import { fiscalProblems, normalizeFiscal } from '../../../core/src/automation/fiscal-data.js';
import { getCatalogs } from '../../../core/src/catalogs/index.js';
import {
  findRegimenCapital,
  parseRfc,
  regimenAllowedFor,
  usoCfdiAllowedFor,
} from '../../../core/src/fiscal/index.js';
import type { FiscalData } from '../../../core/src/store/types.js';
import type { Lang } from '../web/index.js';

export const FIELDS = ['rfc', 'name', 'taxRegime', 'zip', 'cfdiUse', 'email'] as const;
export type Field = (typeof FIELDS)[number];
export type FiscalValues = Record<Field, string>;
export type FieldErrors = Partial<Record<Field, string>>;

const MAX_LENGTH: Record<Field, number> = {
  rfc: 13,
  name: 254,
  taxRegime: 3,
  zip: 5,
  cfdiUse: 4,
  email: 254,
};

function text(value: unknown, max: number): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string'
    ? first
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, max * 2)
    : '';
}

export function readFiscalForm(body: Record<string, unknown>): FiscalValues {
  const values = {} as FiscalValues;
  for (const field of FIELDS) values[field] = text(body[field], MAX_LENGTH[field]);
  values.rfc = values.rfc.toUpperCase().replace(/[\s-]/g, '');
  values.cfdiUse = values.cfdiUse.toUpperCase();
  return values;
}

type Words = [es: string, en: string];

function persona(rfc: string): Words {
  const tipo = parseRfc(rfc)?.tipo;
  if (tipo === 'moral')
    return ['una empresa (persona moral, RFC de 12 caracteres)', 'a company (RFC of 12 characters)'];
  return ['una persona física (RFC de 13 caracteres)', 'an individual (RFC of 13 characters)'];
}

/** Customer wording for a core problem code; undefined keeps core's message. */
function words(code: string, field: Field, v: FiscalValues): Words | undefined {
  switch (code) {
    case 'FISCAL_DATA_REQUIRED':
      return {
        rfc: ['Escribe tu RFC.', 'Type your RFC.'] as Words,
        name: [
          'Escribe tu nombre o razón social como aparece en tu Constancia.',
          'Type your name or company name as on your Constancia.',
        ] as Words,
        taxRegime: ['Elige tu régimen fiscal.', 'Choose your tax regime.'] as Words,
        zip: [
          'Escribe el código postal de tu domicilio fiscal (5 dígitos).',
          'Type the postal code of your tax address (5 digits).',
        ] as Words,
        cfdiUse: ['Elige el uso del CFDI.', 'Choose the CFDI use.'] as Words,
        email: [
          'Escribe tu correo para enviarte la factura.',
          'Type your email so we can send you the invoice.',
        ] as Words,
      }[field];
    case 'RFC_INVALID':
      if (v.rfc.length !== 12 && v.rfc.length !== 13) {
        return [
          `Tu RFC tiene ${v.rfc.length} caracteres; debe tener 13 si eres persona física o 12 si es una empresa.`,
          `Your RFC has ${v.rfc.length} characters; it must have 13 for an individual or 12 for a company.`,
        ];
      }
      return [
        'Ese RFC no es válido: revisa las letras, la fecha (AAMMDD) y la homoclave como aparecen en tu Constancia.',
        'That RFC is not valid: check the letters, the date (YYMMDD) and the homoclave as on your Constancia.',
      ];
    case 'FISCAL_RFC_GENERIC':
      return [
        'XAXX010101000 es el RFC genérico de público en general; escribe tu propio RFC.',
        'XAXX010101000 is the generic general-public RFC; type your own RFC.',
      ];
    case 'RECEPTOR_NOMBRE_REGIMEN_CAPITAL': {
      const found = findRegimenCapital(v.name);
      const suffix = found?.suffix ?? 'S.A. DE C.V.';
      const without = found?.nameWithout ?? '';
      return [
        `Escribe la razón social sin el régimen de capital: sin "${suffix}". Queda así: ${without}`,
        `Write the company name without the capital regime: no "${suffix}". Like this: ${without}`,
      ];
    }
    case 'RECEPTOR_CODIGO_POSTAL':
      return /^\d{5}$/.test(v.zip)
        ? [
            `El código postal ${v.zip} no existe en el catálogo del SAT; escribe el de tu Constancia.`,
            `Postal code ${v.zip} is not in SAT's catalog; type the one on your Constancia.`,
          ]
        : ['El código postal debe tener 5 dígitos.', 'The postal code must have 5 digits.'];
    case 'CFDI40157':
      return ['Elige un régimen de la lista.', 'Choose a regime from the list.'];
    case 'CFDI40158': {
      const [es, en] = persona(v.rfc);
      return [
        `Ese régimen no aplica a ${es}; elige uno de la lista.`,
        `That regime does not apply to ${en}; choose one from the list.`,
      ];
    }
    case 'CFDI40160':
      return ['Elige un uso de la lista.', 'Choose a use from the list.'];
    case 'CFDI40161':
      return [
        'Ese uso del CFDI no se permite con tu régimen; elige uno de la lista.',
        'That CFDI use is not allowed with your regime; choose one from the list.',
      ];
    case 'FISCAL_COUNTRY_REQUIRED':
      return [
        'Para facturar a un cliente extranjero, escribe al comercio.',
        'To invoice a foreign customer, contact the merchant.',
      ];
    case 'FISCAL_EMAIL_INVALID':
      return [
        'Escribe un correo válido, como nombre@dominio.com.',
        'Type a valid email, like name@domain.com.',
      ];
    default:
      return undefined;
  }
}

/** One message for a problem, in the page's language. */
export function fieldMessage(
  problem: { code: string; message: string; messageEn?: string },
  field: Field,
  values: FiscalValues,
  lang: Lang,
): string {
  const custom = words(problem.code, field, values);
  if (custom) return lang === 'en' ? custom[1] : custom[0];
  return lang === 'en' ? (problem.messageEn ?? problem.message) : problem.message;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[A-Za-z]{2,}$/;

/** Stand-ins for empty fields, chosen to agree with what was typed, so the typed ones can be checked. */
function probe(values: FiscalValues): Partial<FiscalData> {
  const catalogs = getCatalogs();
  const tipo =
    parseRfc(values.rfc)?.tipo ??
    (values.taxRegime && catalogs.regimenFiscal.get(values.taxRegime)?.fisica === false ? 'moral' : 'fisica');
  const fits = (regime: string) =>
    regimenAllowedFor(catalogs, regime, tipo) &&
    (!values.cfdiUse || usoCfdiAllowedFor(catalogs, values.cfdiUse, regime, tipo));
  const regime =
    values.taxRegime || catalogs.regimenFiscal.keys().find(fits) || (tipo === 'moral' ? '601' : '612');
  return {
    rfc: values.rfc || (tipo === 'moral' ? 'EKU9003173C9' : 'COSC8001137NA'),
    name: values.name || 'CONTRIBUYENTE',
    taxRegime: regime,
    zip: values.zip || '01000',
    cfdiUse: values.cfdiUse || 'S01',
  };
}

/**
 * Every problem, first one per field (empty when the data can be invoiced). Fields typed so far are
 * checked even while others are still empty (the live check runs on a half-filled form); empty ones
 * get "write it" messages.
 */
export function fiscalErrors(values: FiscalValues, lang: Lang): FieldErrors {
  const errors: FieldErrors = {};
  const missing = new Set(FIELDS.filter((field) => field !== 'email' && !values[field]));
  const data: Partial<FiscalData> =
    missing.size === 0
      ? {
          rfc: values.rfc,
          name: values.name,
          taxRegime: values.taxRegime,
          zip: values.zip,
          cfdiUse: values.cfdiUse,
        }
      : probe(values);
  for (const problem of fiscalProblems(data)) {
    const field = (FIELDS as readonly string[]).includes(problem.path ?? '')
      ? (problem.path as Field)
      : 'rfc';
    if (missing.has(field)) continue;
    errors[field] ??= fieldMessage(problem, field, values, lang);
  }
  for (const field of missing) {
    errors[field] = fieldMessage({ code: 'FISCAL_DATA_REQUIRED', message: '' }, field, values, lang);
  }
  if (!values.email)
    errors.email = fieldMessage({ code: 'FISCAL_DATA_REQUIRED', message: '' }, 'email', values, lang);
  else if (!EMAIL.test(values.email))
    errors.email = fieldMessage({ code: 'FISCAL_EMAIL_INVALID', message: '' }, 'email', values, lang);
  return errors;
}

/** What completeReceipt takes. */
export function toFiscal(values: FiscalValues): FiscalData & { email: string } {
  return { ...(normalizeFiscal(values) as FiscalData), email: values.email };
}

export interface Option {
  key: string;
  label: string;
}

const current = (entry: { to?: string }) => !entry.to || entry.to >= new Date().toISOString().slice(0, 10);

/** Régimen options; only those for the RFC's person type once the RFC is readable. */
export function regimeOptions(rfc: string): Option[] {
  const catalogs = getCatalogs();
  const tipo = parseRfc(rfc)?.tipo;
  return catalogs.regimenFiscal
    .keys()
    .map((key) => catalogs.regimenFiscal.get(key)!)
    .filter((entry) => current(entry) && (!tipo || regimenAllowedFor(catalogs, entry.key, tipo)))
    .map((entry) => ({ key: entry.key, label: `${entry.key} · ${entry.description}` }));
}

/** Uso options allowed for the régimen (and the RFC's person type); all of them before a régimen is chosen. */
export function usoOptions(rfc: string, regime: string): Option[] {
  const catalogs = getCatalogs();
  const tipo = parseRfc(rfc)?.tipo;
  return catalogs.usoCfdi
    .keys()
    .map((key) => catalogs.usoCfdi.get(key)!)
    .filter((entry) => {
      if (!current(entry)) return false;
      if (!regime || !catalogs.regimenFiscal.has(regime))
        return !tipo || (tipo === 'fisica' ? entry.fisica : entry.moral);
      return tipo ? usoCfdiAllowedFor(catalogs, entry.key, regime, tipo) : entry.regimenes.includes(regime);
    })
    .map((entry) => ({ key: entry.key, label: `${entry.key} · ${entry.description}` }));
}

/** The catalogs the form's script needs (GET /:slug/catalogs.json). */
export function catalogsJson() {
  const catalogs = getCatalogs();
  return {
    regimes: catalogs.regimenFiscal
      .keys()
      .map((key) => catalogs.regimenFiscal.get(key)!)
      .filter(current)
      .map((e) => ({ key: e.key, label: `${e.key} · ${e.description}`, fisica: e.fisica, moral: e.moral })),
    uses: catalogs.usoCfdi
      .keys()
      .map((key) => catalogs.usoCfdi.get(key)!)
      .filter(current)
      .map((e) => ({
        key: e.key,
        label: `${e.key} · ${e.description}`,
        fisica: e.fisica,
        moral: e.moral,
        regimes: e.regimenes,
      })),
  };
}
