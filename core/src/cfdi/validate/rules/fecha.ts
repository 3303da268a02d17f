import { error } from '../finding.js';
import type { Rule } from '../types.js';

/** tdCFDI:t_FechaH; the date must also exist (no 31 of April), which the pattern alone lets through. */
const FECHA =
  /^(20[1-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function realDate(fecha: string): boolean {
  const year = Number(fecha.slice(0, 4));
  const month = Number(fecha.slice(5, 7));
  const day = Number(fecha.slice(8, 10));
  if (day > (DAYS[month - 1] ?? 0)) return false;
  return !(month === 2 && day === 29 && (year % 4 !== 0 || (year % 100 === 0 && year % 400 !== 0)));
}

export const fecha: Rule = {
  codes: ['CFDI40101'],
  meaning: 'Fecha con el patrón AAAA-MM-DDThh:mm:ss, sin zona horaria, y una fecha que exista.',
  check(cfdi) {
    if (FECHA.test(cfdi.Fecha) && realDate(cfdi.Fecha)) return [];
    return [
      error(
        'CFDI40101',
        `La Fecha "${cfdi.Fecha}" no cumple el patrón AAAA-MM-DDThh:mm:ss (hora local del lugar de expedición, sin zona horaria ni milisegundos).`,
        `Fecha "${cfdi.Fecha}" does not match YYYY-MM-DDThh:mm:ss (local time where issued, no offset or milliseconds).`,
        'Fecha',
      ),
    ];
  },
};
