/**
 * The invoice request: one JSON shape for the CLI, the REST API and every connector. Field names and
 * defaults are documented in docs/invoice-request.md. Money and quantities are decimal strings (numbers
 * are read through String(n)); the parsed request keeps them as canonical decimal strings.
 */
import { z } from 'zod';
import { fixed, ONE } from '../../money/fixed-point.js';
import {
  addIssue,
  code,
  decimal,
  FAIL,
  type IssueSink,
  readerOf,
  text,
  upper,
  withReader,
} from './fields.js';
import { itemSchema } from './item.js';
import { checkItem, OBJETO_IMP_WITHOUT_TAXES } from './item-rules.js';
import { customerSchema, issuerSchema } from './parties.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

const dateSchema = z
  .string()
  .trim()
  .refine(isValidDate, {
    params: {
      code: 'REQUEST_INVALID_VALUE',
      messageEn:
        'must be a date "YYYY-MM-DDThh:mm:ss" (local time of issuer.zip) or an ISO instant with Z or offset',
    },
    message:
      'debe ser una fecha "AAAA-MM-DDThh:mm:ss" (hora local de issuer.zip) o un instante ISO con Z u offset',
  });
const date = withReader(dateSchema, (value) => {
  if (typeof value !== 'string') return FAIL;
  const trimmed = value.trim();
  return isValidDate(trimmed) ? trimmed : FAIL;
});

function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  if (m[7] !== undefined && m[8] === undefined) return false; // fractions only on instants
  // An offset must be a real one (hh <= 23, mm <= 59): "+25:00" would reach Fecha as an Invalid Date.
  if (m[8] !== undefined && m[8] !== 'Z' && (Number(m[8].slice(1, 3)) > 23 || Number(m[8].slice(4)) > 59)) {
    return false;
  }
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    probe.getUTCFullYear() === y &&
    probe.getUTCMonth() === mo - 1 &&
    probe.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60
  );
}

const twoDigits = (es: string, en: string) => code(/^\d{2}$/, es, en);

function yearField() {
  const toText = (value: unknown) => (typeof value === 'number' ? String(value) : value);
  const year = code(/^\d{4}$/, 'un año de 4 dígitos, p. ej. "2026"', 'a 4-digit year, e.g. "2026"');
  const readYear = readerOf(year)!;
  return withReader(z.preprocess(toText, year), (value) => readYear(toText(value)));
}

/** The request's fields, each checked on its own; `invoiceRequestSchema` adds the checks across fields. */
export const baseSchema = z.strictObject({
  type: z.enum(['I', 'E']).default('I'),
  issuer: issuerSchema,
  customer: customerSchema,
  series: text(25).optional(),
  folio: text(40).optional(),
  date: date.optional(),
  currency: code(
    /^[A-Z]{3}$/,
    'una clave de c_Moneda de 3 letras, p. ej. "MXN"',
    'a 3-letter c_Moneda key, e.g. "MXN"',
    upper,
  ).default('MXN'),
  exchange_rate: decimal({ sign: 'positive', maxDecimals: 6 }).optional(),
  payment_form: twoDigits(
    'una clave de c_FormaPago de 2 dígitos, p. ej. "04" (tarjeta de crédito)',
    'a 2-digit c_FormaPago key, e.g. "04" (credit card)',
  ).optional(),
  payment_method: z.enum(['PUE', 'PPD']).default('PUE'),
  payment_conditions: text(1000).optional(),
  export: twoDigits('una clave de c_Exportacion, p. ej. "01"', 'a c_Exportacion key, e.g. "01"').default(
    '01',
  ),
  global: z
    .strictObject({
      periodicity: twoDigits(
        'una clave de c_Periodicidad, "01" a "05"',
        'a c_Periodicidad key, "01" to "05"',
      ),
      months: twoDigits('una clave de c_Meses, "01" a "18"', 'a c_Meses key, "01" to "18"'),
      /** A number or a string; zod's own union message was English and spoke of decimals. */
      year: yearField(),
    })
    .optional(),
  related: z
    .array(
      z.strictObject({
        relationship: twoDigits(
          'una clave de c_TipoRelacion, p. ej. "01" (nota de crédito)',
          'a c_TipoRelacion key, e.g. "01" (credit note)',
        ),
        uuids: z
          .array(
            code(
              UUID,
              'un UUID (folio fiscal) de 36 caracteres',
              'a 36-character UUID (folio fiscal)',
              upper,
            ),
          )
          .min(1),
      }),
    )
    .min(1)
    .optional(),
  items: z.array(itemSchema).min(1),
});

type BaseRequest = z.output<typeof baseSchema>;

/** Checks across fields (currency and exchange rate, payment form and method, each item's taxes). */
export function checkRequest(request: BaseRequest, ctx: IssueSink): void {
  const { currency, exchange_rate: rate } = request;
  if (currency !== 'MXN' && currency !== 'XXX' && rate === undefined) {
    addIssue(
      ctx,
      'REQUEST_REQUIRED',
      `es obligatorio con moneda ${currency}: pesos por 1 ${currency}, p. ej. "17.2508"`,
      `is required with currency ${currency}: pesos per 1 ${currency}, e.g. "17.2508"`,
      ['exchange_rate'],
    );
  }
  if (currency === 'MXN' && rate !== undefined && fixed(rate) !== ONE) {
    addIssue(
      ctx,
      'REQUEST_INVALID_VALUE',
      'debe ser 1 (o no darse) con moneda MXN',
      'must be 1 (or absent) with currency MXN',
      ['exchange_rate'],
    );
  }
  if (currency === 'XXX' && rate !== undefined) {
    addIssue(ctx, 'REQUEST_INVALID_VALUE', 'no se da con moneda XXX', 'is not given with currency XXX', [
      'exchange_rate',
    ]);
  }
  if (request.payment_form === undefined && request.payment_method === 'PUE') {
    addIssue(
      ctx,
      'REQUEST_REQUIRED',
      'es obligatorio con payment_method PUE: la clave c_FormaPago de cómo se pagó, p. ej. "04"',
      'is required with payment_method PUE: the c_FormaPago key of how it was paid, e.g. "04"',
      ['payment_form'],
    );
  }
  if (
    request.payment_method === 'PPD' &&
    request.payment_form !== undefined &&
    request.payment_form !== '99'
  ) {
    addIssue(
      ctx,
      'REQUEST_INVALID_VALUE',
      'debe ser "99" (por definir) con payment_method PPD; la forma real va en el complemento de pago',
      'must be "99" (to be defined) with payment_method PPD; the actual form goes in the payment complement',
      ['payment_form'],
    );
  }
  for (const [index, item] of request.items.entries()) checkItem(item, index, ctx);
}

/**
 * Defaults that depend on other fields: payment_form "99", each item's tax_object, and no taxes on an
 * ObjetoImp that carries none (01, 03, 04, 08).
 */
export function withDefaults(request: BaseRequest) {
  return {
    ...request,
    payment_form: request.payment_form ?? '99',
    items: request.items.map((item) => {
      const taxes = item.taxes ?? [];
      const taxObject = item.tax_object ?? (taxes.length > 0 ? '02' : '01');
      return { ...item, tax_object: taxObject, taxes: OBJETO_IMP_WITHOUT_TAXES.has(taxObject) ? [] : taxes };
    }),
  };
}

export const invoiceRequestSchema = baseSchema.superRefine(checkRequest).transform(withDefaults);

/** The request as accepted from JSON (defaults may be absent). */
export type InvoiceRequestInput = z.input<typeof invoiceRequestSchema>;
/** The parsed request: defaults applied, decimals as canonical strings, every item with tax_object and taxes. */
export type InvoiceRequest = z.output<typeof invoiceRequestSchema>;
export type InvoiceItem = InvoiceRequest['items'][number];
export type InvoiceTax = InvoiceItem['taxes'][number];
