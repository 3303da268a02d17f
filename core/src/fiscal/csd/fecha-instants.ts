/**
 * A CFDI Fecha ("2024-05-01T10:30:00") is the local time where the invoice is issued, without an offset.
 * Mainland Mexico spans UTC-5 (Quintana Roo) to UTC-8 (Baja California in winter), so without knowing the
 * zone a Fecha names any instant from local+5h to local+8h. Callers that know the zone of
 * LugarExpedicion pass its offset and get one instant.
 */
import { ValidationError } from '../../errors.js';

export interface FechaInstants {
  /** The earliest UTC instant the Fecha may name. */
  earliest: Date;
  /** The latest UTC instant the Fecha may name. */
  latest: Date;
}

const HOUR = 3_600_000;
const FECHA = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * @param fecha CFDI Fecha (no offset), an ISO date-time with offset, or a Date.
 * @param utcOffsetMinutes offset of the issuing place, e.g. -360 for UTC-6; only used for a Fecha without offset.
 */
export function fechaInstants(fecha: string | Date, utcOffsetMinutes?: number): FechaInstants {
  if (fecha instanceof Date) return { earliest: fecha, latest: fecha };
  if (WITH_OFFSET.test(fecha)) {
    const instant = new Date(fecha);
    return { earliest: instant, latest: instant };
  }
  const match = FECHA.exec(fecha);
  const [y, mo, d, h, mi, s] = (match?.slice(1) ?? []).map(Number);
  const localAsUtc = match === null ? Number.NaN : Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  // Date.UTC rolls 2025-13-01 over to 2026-01-01: a real date reads back the same.
  if (Number.isNaN(localAsUtc) || new Date(localAsUtc).toISOString().slice(0, 19) !== fecha) {
    throw new ValidationError({
      code: 'CFDI40101',
      message: `La Fecha "${fecha}" no es una fecha válida con formato AAAA-MM-DDThh:mm:ss (hora local, sin zona horaria).`,
      messageEn: `Fecha "${fecha}" is not a valid date in the YYYY-MM-DDThh:mm:ss format (local time, no time zone).`,
    });
  }
  if (utcOffsetMinutes !== undefined) {
    const instant = new Date(localAsUtc - utcOffsetMinutes * 60_000);
    return { earliest: instant, latest: instant };
  }
  return { earliest: new Date(localAsUtc + 5 * HOUR), latest: new Date(localAsUtc + 8 * HOUR) };
}
