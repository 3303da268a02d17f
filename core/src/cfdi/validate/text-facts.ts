/**
 * The XSD's string facets (length and "no pipe" patterns) as one check, so rules can say which attribute
 * breaks them. The pipe is forbidden because it separates fields in the cadena original.
 */
import { error } from './finding.js';
import type { Finding } from './types.js';

/** True when `value` is absent or passes checkText (so callers can skip writing its path). */
export function textOk(value: string | undefined, max: number): boolean {
  if (value === undefined) return true;
  const length = value.length > max ? [...value].length : value.length;
  return length >= 1 && length <= max && !value.includes('|');
}

/** [^|]{min,max}: length in characters (code points, as XSD counts) and no '|'. */
export function checkText(value: string | undefined, path: string, max: number, out: Finding[]): void {
  if (textOk(value, max)) return;
  if (value === undefined) return;
  const length = value.length > max ? [...value].length : value.length;
  out.push(
    error(
      'XSD',
      length === 0
        ? `${path} no puede estar vacío; omítelo o escribe un valor.`
        : value.includes('|')
          ? `${path} no puede contener el carácter "|"; quítalo.`
          : `${path} admite hasta ${max} caracteres; tiene ${length}.`,
      length === 0
        ? `${path} cannot be empty; omit it or write a value.`
        : value.includes('|')
          ? `${path} cannot contain the "|" character; remove it.`
          : `${path} allows up to ${max} characters; it has ${length}.`,
      path,
    ),
  );
}

/** A value that must match a pattern the XSD sets; `what` describes the expected shape in Spanish and English. */
export function checkPattern(
  value: string | undefined,
  pattern: RegExp,
  path: string,
  what: [es: string, en: string],
  out: Finding[],
): void {
  if (value === undefined || pattern.test(value)) return;
  out.push(
    error(
      'XSD',
      `${path} "${value}" no es válido: ${what[0]}.`,
      `${path} "${value}" is not valid: ${what[1]}.`,
      path,
    ),
  );
}
