/**
 * RFC (Registro Federal de Contribuyentes): syntax as tdCFDI:t_RFC writes it, date part and check digit
 * through @nodecfdi/rfc. A wrong check digit is only a warning: SAT issued real RFCs whose last digit does
 * not match the algorithm (MCI7306249Y1), and SAT's own list is the authority, not the checksum.
 */
import { Rfc } from '@nodecfdi/rfc';
import type { FiscalIssue } from './issue.js';

export const RFC_GENERIC = 'XAXX010101000';
export const RFC_FOREIGN = 'XEXX010101000';

export type PersonaTipo = 'fisica' | 'moral';

export interface RfcInfo {
  rfc: string;
  /** 13 characters: persona física; 12: persona moral. Generic RFCs are 13 characters (física). */
  tipo: PersonaTipo;
  /** XAXX010101000, público en general. */
  generic: boolean;
  /** XEXX010101000, residente en el extranjero. */
  foreign: boolean;
  /** The last character matches the check digit algorithm (always true for the generic RFCs). */
  checksumMatches: boolean;
}

/** tdCFDI:t_RFC, uppercase only (SAT's schema does not accept lowercase). */
const RFC_PATTERN = /^[A-Z&Ñ]{3,4}[0-9]{2}(0[1-9]|1[012])(0[1-9]|[12][0-9]|3[01])[A-Z0-9]{2}[0-9A]$/;
const CACHE_LIMIT = 2048;
const cache = new Map<string, RfcInfo | null>();

/** Parses an RFC; undefined when it is malformed (pattern or impossible date). Results are cached. */
export function parseRfc(value: string): RfcInfo | undefined {
  const cached = cache.get(value);
  if (cached !== undefined) return cached ?? undefined;
  const info = parseUncached(value);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, info ?? null);
  return info;
}

function parseUncached(value: string): RfcInfo | undefined {
  if (!RFC_PATTERN.test(value)) return undefined;
  if (value === RFC_GENERIC || value === RFC_FOREIGN) {
    return {
      rfc: value,
      tipo: 'fisica',
      generic: value === RFC_GENERIC,
      foreign: value === RFC_FOREIGN,
      checksumMatches: true,
    };
  }
  const parsed = Rfc.parseOrNull(value);
  if (parsed === null) return undefined;
  return {
    rfc: value,
    tipo: parsed.isFisica() ? 'fisica' : 'moral',
    generic: false,
    foreign: false,
    checksumMatches: parsed.doesCheckSumMatch(),
  };
}

/** RFC_INVALID (error) when malformed, RFC_CHECKSUM (warning) when only the check digit is off. */
export function checkRfc(value: string, field = 'RFC'): FiscalIssue[] {
  const info = parseRfc(value);
  if (info === undefined) {
    return [
      {
        code: 'RFC_INVALID',
        severity: 'error',
        message: `El ${field} "${value}" no es un RFC válido: debe tener 12 caracteres (persona moral) o 13 (persona física), en mayúsculas, con una fecha AAMMDD real y homoclave; cópialo de la Constancia de Situación Fiscal.`,
        messageEn: `${field} "${value}" is not a valid RFC: it must be 12 characters (company) or 13 (individual), uppercase, with a real YYMMDD date and homoclave; copy it from the Constancia de Situación Fiscal.`,
      },
    ];
  }
  if (!info.checksumMatches) {
    return [
      {
        code: 'RFC_CHECKSUM',
        severity: 'warning',
        message: `El dígito verificador del ${field} "${value}" no coincide con el cálculo; hay RFC reales así, pero confirma que esté escrito como en la Constancia de Situación Fiscal.`,
        messageEn: `The check digit of ${field} "${value}" does not match the algorithm; some real RFCs are like that, but confirm it is written as in the Constancia de Situación Fiscal.`,
      },
    ];
  }
  return [];
}
