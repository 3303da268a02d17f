import type { TimeZoneRow } from './data-format.js';
import type { ClaveProdServ, CodigoPostal, Entry, Validity } from './types.js';

function validity(from: string | undefined, to: string | undefined): Validity {
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** One line of clave-prod-serv.tsv (CLAVE_PROD_SERV_COLUMNS) -> ClaveProdServ. */
export function decodeClaveProdServ(fields: string[]): ClaveProdServ {
  const [key = '', description = '', iva = '', ieps = '', complement, from, to, border, similar] = fields;
  return {
    key,
    description,
    iva,
    ieps,
    ...(complement ? { complement } : {}),
    borderStimulus: border === '1',
    ...(similar ? { similar } : {}),
    ...validity(from, to),
  };
}

/** Decoder of codigo-postal.tsv lines (CODIGO_POSTAL_COLUMNS), with the zone table of the same set. */
export function codigoPostalDecoder(timeZones: TimeZoneRow[]): (fields: string[]) => CodigoPostal & Entry {
  return (fields) => {
    const [key = '', estado = '', municipio, localidad, border, from, to, zone] = fields;
    const tz = timeZones[Number(zone)] ?? { description: '', timeZone: 'America/Mexico_City' };
    return {
      key,
      description: key,
      estado,
      ...(municipio ? { municipio } : {}),
      ...(localidad ? { localidad } : {}),
      borderStimulus: border === '1',
      timeZone: tz.timeZone,
      timeZoneDescription: tz.description,
      ...validity(from, to),
    };
  };
}
