/**
 * Which instants a CFDI Fecha names, read as a PAC reads it: the local time of LugarExpedicion's zone
 * (c_CodigoPostal). A postal code without a known zone falls back to every instant the Fecha may name
 * in Mexico (fiscal/csd/fecha-instants.ts).
 */
import type { Catalogs } from '../../catalogs/types.js';
import { localDateTime } from '../../cfdi/compute/fecha.js';
import { type FechaInstants, fechaInstants } from '../../fiscal/csd/fecha-instants.js';

/** The UTC instant of a local "YYYY-MM-DDThh:mm:ss" in an IANA zone. */
export function zonedInstant(local: string, timeZone: string): Date {
  const asUtc = Date.parse(`${local}Z`);
  let instant = asUtc;
  // Two rounds settle the offset also next to a change of offset.
  for (let round = 0; round < 2; round++) {
    const offset = Date.parse(`${localDateTime(new Date(instant), timeZone)}Z`) - instant;
    instant = asUtc - offset;
  }
  return new Date(instant);
}

export function fechaInstantsAt(fecha: string, lugarExpedicion: string, catalogs: Catalogs): FechaInstants {
  const timeZone = catalogs.codigoPostal.get(lugarExpedicion)?.timeZone;
  if (timeZone === undefined) return fechaInstants(fecha);
  const instant = zonedInstant(fecha, timeZone);
  return { earliest: instant, latest: instant };
}

/** Mexico City time, as FechaTimbrado is written. */
export function mexicoCityTime(instant: Date): string {
  return localDateTime(instant, 'America/Mexico_City');
}
