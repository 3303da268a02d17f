/**
 * A customer's fiscal data (Receptor) checked offline with core/src/fiscal: RFC, name without régimen
 * capital, régimen for the person type, CP in c_CodigoPostal, UsoCFDI allowed for the régimen. Used by
 * the portal (completeReceipt), retryPayment and payments that carry the data.
 */
import { getCatalogs } from '../catalogs/index.js';
import type { Catalogs } from '../catalogs/types.js';
import type { ErrorDetail } from '../errors.js';
import { checkReceptor, type ReceptorIssue } from '../fiscal/receptor.js';
import { parseRfc, RFC_FOREIGN, RFC_GENERIC } from '../fiscal/rfc.js';
import type { FiscalData, PaymentCustomerInput } from '../store/types.js';
import { detail, invalid } from './errors.js';

const FIELD_PATHS: Record<ReceptorIssue['field'], keyof FiscalData> = {
  Rfc: 'rfc',
  Nombre: 'name',
  DomicilioFiscalReceptor: 'zip',
  RegimenFiscalReceptor: 'taxRegime',
  UsoCFDI: 'cfdiUse',
};

const REQUIRED: [keyof FiscalData, string, string][] = [
  ['rfc', 'el RFC', 'the RFC'],
  ['name', 'el nombre o razón social', 'the name'],
  ['taxRegime', 'el régimen fiscal', 'the tax regime'],
  ['zip', 'el código postal del domicilio fiscal', 'the tax address postal code'],
  ['cfdiUse', 'el uso del CFDI', 'the CFDI use'],
];

/** Trimmed and upper-cased as SAT writes them. */
export function normalizeFiscal(input: Partial<FiscalData>): Partial<FiscalData> {
  const out: Partial<FiscalData> = {};
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : undefined);
  const rfc = text(input.rfc)?.toUpperCase();
  if (rfc) out.rfc = rfc;
  const name = text(input.name)?.toUpperCase();
  if (name) out.name = name;
  for (const key of ['taxRegime', 'zip', 'cfdiUse', 'taxId'] as const) {
    const value = text(input[key]);
    if (value) out[key] = key === 'cfdiUse' ? value.toUpperCase() : value;
  }
  const country = text(input.country)?.toUpperCase();
  if (country) out.country = country;
  return out;
}

/** Every problem of the data, as coded details with the field's path; empty when it can be invoiced. */
export function fiscalProblems(
  input: Partial<FiscalData>,
  catalogs: Catalogs = getCatalogs(),
): ErrorDetail[] {
  const data = normalizeFiscal(input);
  const missing = REQUIRED.filter(([key]) => !data[key]).map(([key, es, en]) =>
    detail(
      'FISCAL_DATA_REQUIRED',
      key,
      `Falta ${es}; cópialo de la Constancia de Situación Fiscal.`,
      `${en[0]!.toUpperCase()}${en.slice(1)} is missing; copy it from the Constancia de Situación Fiscal.`,
    ),
  );
  if (missing.length > 0) return missing;
  const full = data as FiscalData;
  if (full.rfc === RFC_GENERIC) {
    return [
      detail(
        'FISCAL_RFC_GENERIC',
        'rfc',
        'El RFC genérico XAXX010101000 (público en general) no sirve para una factura a tu nombre; escribe tu RFC. Si no lo necesitas, tu compra se incluirá en la factura global.',
        'The generic RFC XAXX010101000 (general public) cannot be used for an invoice in your name; enter your RFC. If you do not need one, your purchase goes into the global invoice.',
      ),
    ];
  }
  const issues = checkReceptor(
    {
      Rfc: full.rfc,
      Nombre: full.name,
      DomicilioFiscalReceptor: full.zip,
      RegimenFiscalReceptor: full.taxRegime,
      UsoCFDI: full.cfdiUse,
    },
    catalogs,
  ).filter((issue) => issue.severity === 'error');
  const problems = issues.map((issue) =>
    detail(issue.code, FIELD_PATHS[issue.field], issue.message, issue.messageEn),
  );
  if (full.rfc === RFC_FOREIGN && !full.country) {
    problems.push(
      detail(
        'FISCAL_COUNTRY_REQUIRED',
        'country',
        'Con el RFC de extranjero XEXX010101000 indica el país de residencia fiscal (clave c_Pais, p. ej. USA).',
        'With the foreign RFC XEXX010101000 give the country of tax residence (c_Pais key, e.g. USA).',
      ),
    );
  }
  return problems;
}

/** The normalized data, or ValidationError (es-MX + English) listing every problem. */
export function validateFiscal(input: Partial<FiscalData>, catalogs?: Catalogs): FiscalData {
  const problems = fiscalProblems(input, catalogs);
  if (problems.length > 0) throw invalid(problems);
  return normalizeFiscal(input) as FiscalData;
}

/** The fiscal part of what a source knows about a customer, or undefined when it carries none. */
export function fiscalFromCustomerInput(
  input: PaymentCustomerInput | undefined,
): Partial<FiscalData> | undefined {
  if (!input) return undefined;
  const data = normalizeFiscal({
    ...(input.rfc ? { rfc: input.rfc } : {}),
    ...(input.rfc && input.name ? { name: input.name } : {}),
    ...(input.taxRegime ? { taxRegime: input.taxRegime } : {}),
    ...(input.zip ? { zip: input.zip } : {}),
    ...(input.cfdiUse ? { cfdiUse: input.cfdiUse } : {}),
  });
  return Object.keys(data).length > 0 ? data : undefined;
}

export function personaOf(rfc: string): 'fisica' | 'moral' | undefined {
  return parseRfc(rfc)?.tipo;
}
