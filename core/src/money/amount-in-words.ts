/**
 * An amount written out in words, as Mexican invoices print it under the total ("importe con letra"):
 *   amountInWords('1160.00', 'MXN')            -> 'MIL CIENTO SESENTA PESOS 00/100 M.N.'
 *   amountInWords('50.50', 'USD')              -> 'CINCUENTA DÓLARES 50/100 USD'
 *   amountInWords('1000', 'JPY')               -> 'MIL YENES JPY' (c_Moneda gives JPY no decimals)
 *   amountInWords('1000000', 'MXN')            -> 'UN MILLÓN DE PESOS 00/100 M.N.'
 *   amountInWords('21', 'MXN', { lang: 'en' }) -> 'TWENTY-ONE PESOS 00/100 MXN'
 * The fraction has as many digits as the currency admits in a CFDI (c_Moneda); the amount is rounded half
 * up to them. Currencies without a name here are written with their ISO code only
 * ('CIEN 00/100 COP'). Amounts up to 18 integer digits (the most a CFDI Total has).
 */
import { getCatalogs } from '../catalogs/index.js';
import type { Catalogs } from '../catalogs/types.js';
import { ValidationError } from '../errors.js';
import { currencyDecimals } from './currency.js';
import { Dec, roundTo } from './decimal.js';
import { readDecimal } from './parse-decimal.js';

export interface AmountInWordsOptions {
  lang?: 'es' | 'en';
  /** c_Moneda, for the currency's decimals (default: getCatalogs()). */
  catalogs?: Catalogs;
}

interface CurrencyName {
  es: [singular: string, plural: string];
  /** Spanish grammatical gender of the noun ("UNA LIBRA", "DOSCIENTAS LIBRAS"). */
  feminine?: boolean;
  en: [singular: string, plural: string];
}

const NAMES: Record<string, CurrencyName> = {
  MXN: { es: ['PESO', 'PESOS'], en: ['PESO', 'PESOS'] },
  USD: { es: ['DÓLAR', 'DÓLARES'], en: ['DOLLAR', 'DOLLARS'] },
  EUR: { es: ['EURO', 'EUROS'], en: ['EURO', 'EUROS'] },
  CAD: { es: ['DÓLAR CANADIENSE', 'DÓLARES CANADIENSES'], en: ['CANADIAN DOLLAR', 'CANADIAN DOLLARS'] },
  GBP: {
    es: ['LIBRA ESTERLINA', 'LIBRAS ESTERLINAS'],
    feminine: true,
    en: ['POUND STERLING', 'POUNDS STERLING'],
  },
  JPY: { es: ['YEN', 'YENES'], en: ['YEN', 'YEN'] },
  CHF: { es: ['FRANCO SUIZO', 'FRANCOS SUIZOS'], en: ['SWISS FRANC', 'SWISS FRANCS'] },
  CNY: { es: ['YUAN', 'YUANES'], en: ['YUAN', 'YUAN'] },
};

const MAX_INTEGER = 10n ** 18n;

export function amountInWords(amount: string, currency: string, options: AmountInWordsOptions = {}): string {
  const lang = options.lang ?? 'es';
  const decimals = currencyDecimals(currency, options.catalogs ?? getCatalogs());
  const rounded = roundTo(readAmount(amount), decimals).toFixed(decimals);
  const [integerText, fraction = ''] = rounded.split('.');
  const integer = BigInt(integerText as string);
  if (integer >= MAX_INTEGER) throw invalid(amount);

  const name = NAMES[currency];
  const noun = name ? (integer === 1n ? name[lang][0] : name[lang][1]) : undefined;
  let words: string;
  if (lang === 'en') {
    words = englishNumber(integer);
  } else {
    const one: OneForm = noun === undefined ? 'uno' : name?.feminine ? 'una' : 'un';
    words = spanishNumber(integer, one);
    // "UN MILLÓN DE PESOS", "DOS MIL MILLONES DE PESOS": a noun right after millón/billón takes "de".
    if (noun !== undefined && /(MILLÓN|MILLONES|BILLÓN|BILLONES)$/.test(words)) words += ' DE';
  }
  const parts = [words];
  if (noun !== undefined) parts.push(noun);
  if (decimals > 0) parts.push(`${fraction}/1${'0'.repeat(decimals)}`);
  parts.push(currency === 'MXN' && lang === 'es' ? 'M.N.' : currency);
  return parts.join(' ');
}

function readAmount(amount: string): Dec {
  const read = readDecimal(amount);
  if (!read.ok || read.value.isNegative()) throw invalid(amount);
  return new Dec(read.value);
}

function invalid(amount: string): ValidationError {
  return new ValidationError({
    code: 'AMOUNT_IN_WORDS_INVALID',
    message: `No se puede escribir con letra el importe "${amount}": debe ser un número decimal no negativo de hasta 18 dígitos enteros, p. ej. "1160.00".`,
    messageEn: `Cannot write the amount "${amount}" in words: it must be a non-negative decimal number of up to 18 integer digits, e.g. "1160.00".`,
  });
}

/** How the number one is written where the amount ends: standalone, before a masculine or a feminine noun. */
type OneForm = 'uno' | 'un' | 'una';

const ES_UNITS = ['', 'UNO', 'DOS', 'TRES', 'CUATRO', 'CINCO', 'SEIS', 'SIETE', 'OCHO', 'NUEVE'];
const ES_TEENS = [
  'DIEZ',
  'ONCE',
  'DOCE',
  'TRECE',
  'CATORCE',
  'QUINCE',
  'DIECISÉIS',
  'DIECISIETE',
  'DIECIOCHO',
  'DIECINUEVE',
];
const ES_TWENTIES = [
  'VEINTE',
  'VEINTIUNO',
  'VEINTIDÓS',
  'VEINTITRÉS',
  'VEINTICUATRO',
  'VEINTICINCO',
  'VEINTISÉIS',
  'VEINTISIETE',
  'VEINTIOCHO',
  'VEINTINUEVE',
];
const ES_TENS = ['', '', '', 'TREINTA', 'CUARENTA', 'CINCUENTA', 'SESENTA', 'SETENTA', 'OCHENTA', 'NOVENTA'];
const ES_HUNDREDS = [
  '',
  'CIENTO',
  'DOSCIENTOS',
  'TRESCIENTOS',
  'CUATROCIENTOS',
  'QUINIENTOS',
  'SEISCIENTOS',
  'SETECIENTOS',
  'OCHOCIENTOS',
  'NOVECIENTOS',
];

/** 1..999 in Spanish; a final "uno" takes the form `one` (VEINTIÚN, VEINTIUNA, Y UN, Y UNA). */
function spanishBelow1000(n: number, one: OneForm): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const words: string[] = [];
  if (hundreds > 0) {
    const word = n === 100 ? 'CIEN' : (ES_HUNDREDS[hundreds] as string);
    words.push(one === 'una' ? word.replace(/IENTOS$/, 'IENTAS').replace('QUINIENTOS', 'QUINIENTAS') : word);
  }
  if (rest >= 30) {
    const unit = rest % 10;
    words.push(
      unit === 0
        ? (ES_TENS[Math.floor(rest / 10)] as string)
        : `${ES_TENS[Math.floor(rest / 10)]} Y ${unitWord(unit, one)}`,
    );
  } else if (rest >= 20) {
    words.push(
      rest === 21
        ? ({ uno: 'VEINTIUNO', un: 'VEINTIÚN', una: 'VEINTIUNA' } as const)[one]
        : (ES_TWENTIES[rest - 20] as string),
    );
  } else if (rest >= 10) {
    words.push(ES_TEENS[rest - 10] as string);
  } else if (rest > 0) {
    words.push(unitWord(rest, one));
  }
  return words.join(' ');
}

function unitWord(unit: number, one: OneForm): string {
  return unit === 1 ? one.toUpperCase() : (ES_UNITS[unit] as string);
}

/** 0..999 999 in Spanish: thousands ("MIL", "VEINTIÚN MIL", "DOSCIENTAS MIL" before a feminine noun). */
function spanishBelowMillion(n: number, one: OneForm): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (thousands === 1) words.push('MIL');
  else if (thousands > 1) words.push(`${spanishBelow1000(thousands, one === 'una' ? 'una' : 'un')} MIL`);
  if (rest > 0) words.push(spanishBelow1000(rest, one));
  return words.join(' ');
}

/** 0 .. 10^18 - 1 in Spanish (long scale: millón = 10^6, billón = 10^12). */
function spanishNumber(n: bigint, one: OneForm): string {
  if (n === 0n) return 'CERO';
  const billions = Number(n / 10n ** 12n);
  const millions = Number((n / 10n ** 6n) % 10n ** 6n);
  const rest = Number(n % 10n ** 6n);
  const words: string[] = [];
  if (billions > 0)
    words.push(billions === 1 ? 'UN BILLÓN' : `${spanishBelowMillion(billions, 'un')} BILLONES`);
  if (millions > 0)
    words.push(millions === 1 ? 'UN MILLÓN' : `${spanishBelowMillion(millions, 'un')} MILLONES`);
  if (rest > 0) words.push(spanishBelowMillion(rest, one));
  return words.join(' ');
}

const EN_SMALL = [
  '',
  'ONE',
  'TWO',
  'THREE',
  'FOUR',
  'FIVE',
  'SIX',
  'SEVEN',
  'EIGHT',
  'NINE',
  'TEN',
  'ELEVEN',
  'TWELVE',
  'THIRTEEN',
  'FOURTEEN',
  'FIFTEEN',
  'SIXTEEN',
  'SEVENTEEN',
  'EIGHTEEN',
  'NINETEEN',
];
const EN_TENS = ['', '', 'TWENTY', 'THIRTY', 'FORTY', 'FIFTY', 'SIXTY', 'SEVENTY', 'EIGHTY', 'NINETY'];
const EN_SCALES = ['', 'THOUSAND', 'MILLION', 'BILLION', 'TRILLION', 'QUADRILLION'];

/** 1..999 in English: "ONE HUNDRED ONE", "TWENTY-ONE". */
function englishBelow1000(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const words: string[] = [];
  if (hundreds > 0) words.push(`${EN_SMALL[hundreds]} HUNDRED`);
  if (rest >= 20)
    words.push(
      rest % 10 === 0
        ? (EN_TENS[rest / 10] as string)
        : `${EN_TENS[Math.floor(rest / 10)]}-${EN_SMALL[rest % 10]}`,
    );
  else if (rest > 0) words.push(EN_SMALL[rest] as string);
  return words.join(' ');
}

/** 0 .. 10^18 - 1 in English (short scale). */
function englishNumber(n: bigint): string {
  if (n === 0n) return 'ZERO';
  const words: string[] = [];
  for (let scale = EN_SCALES.length - 1; scale >= 0; scale--) {
    const group = Number((n / 1000n ** BigInt(scale)) % 1000n);
    if (group > 0)
      words.push(scale === 0 ? englishBelow1000(group) : `${englishBelow1000(group)} ${EN_SCALES[scale]}`);
  }
  return words.join(' ');
}
