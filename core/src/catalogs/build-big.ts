import { readCsvTable } from './csv-table.js';
import type { TimeZoneRow } from './data-format.js';
import { timeZoneFor } from './time-zones.js';

const clean = (value: string | undefined) => (value ?? '').replace(/[\t\r\n]+/g, ' ');
const line = (fields: (string | undefined)[]) => fields.map(clean).join('\t');

/** c_ClaveProdServ.csv -> clave-prod-serv.tsv text (columns: CLAVE_PROD_SERV_COLUMNS). */
export function buildClaveProdServ(dir: string): { text: string; count: number } {
  const key = 'c_ClaveProdServ';
  const rows = readCsvTable(dir, 'c_ClaveProdServ.csv', [
    key,
    'Descripción',
    'Incluir IVA trasladado',
    'Incluir IEPS trasladado',
    'Complemento que debe incluir',
    'FechaInicioVigencia',
    'FechaFinVigencia',
    'Estímulo Franja Fronteriza',
  ]);
  const lines = rows.map((row) =>
    line([
      row[key],
      row.Descripción,
      row['Incluir IVA trasladado'],
      row['Incluir IEPS trasladado'],
      row['Complemento que debe incluir'],
      row.FechaInicioVigencia,
      row.FechaFinVigencia,
      row['Estímulo Franja Fronteriza'] === '1' ? '1' : '0',
      row['Palabras similares'],
    ]),
  );
  return { text: `${lines.join('\n')}\n`, count: rows.length };
}

/**
 * c_CodigoPostal.csv -> codigo-postal.tsv text (columns: CODIGO_POSTAL_COLUMNS) and the table of
 * (huso horario, IANA zone) pairs the `zone` column points into.
 */
export function buildCodigoPostal(dir: string): { text: string; count: number; timeZones: TimeZoneRow[] } {
  const rows = readCsvTable(dir, 'c_CodigoPostal.csv', [
    'c_CodigoPostal',
    'c_Estado',
    'c_Municipio',
    'c_Localidad',
    'Estímulo Franja Fronteriza',
    'Fecha inicio de vigencia',
    'Fecha fin de vigencia',
    'Descripción del Huso Horario',
  ]);
  const timeZones: TimeZoneRow[] = [];
  const zoneIndex = new Map<string, number>();
  const juarezGuess = chihuahuaBorderMunicipios(rows);
  const lines = rows.map((row) => {
    const description = row['Descripción del Huso Horario'] as string;
    const estado = row.c_Estado as string;
    const municipio = row.c_Municipio || juarezGuess.get(row.c_CodigoPostal as string);
    const timeZone = timeZoneFor(description, estado, municipio);
    const pair = `${description}\t${timeZone}`;
    let zone = zoneIndex.get(pair);
    if (zone === undefined) {
      zone = timeZones.push({ description, timeZone }) - 1;
      zoneIndex.set(pair, zone);
    }
    return line([
      row.c_CodigoPostal,
      estado,
      row.c_Municipio,
      row.c_Localidad,
      row['Estímulo Franja Fronteriza'] === '1' ? '1' : '0',
      row['Fecha inicio de vigencia'],
      row['Fecha fin de vigencia'],
      String(zone),
    ]);
  });
  return { text: `${lines.join('\n')}\n`, count: rows.length, timeZones };
}

/**
 * In Chihuahua's border strip the zone depends on the municipio (Juárez or not), but many rows leave
 * c_Municipio empty. For those, take the municipio of the nearest postal code (by number) in the strip
 * that has one: SAT numbers postal codes by area, so neighbours share the municipio. Used for the zone
 * only; the stored c_Municipio stays as SAT wrote it.
 */
function chihuahuaBorderMunicipios(rows: Record<string, string>[]): Map<string, string> {
  const strip = rows.filter(
    (row) => row['Descripción del Huso Horario'] === 'Tiempo del Pacífico en Frontera',
  );
  const known = strip
    .filter((row) => row.c_Municipio)
    .map((row) => ({ cp: Number(row.c_CodigoPostal), municipio: row.c_Municipio as string }));
  const guesses = new Map<string, string>();
  if (known.length === 0) return guesses;
  for (const row of strip) {
    if (row.c_Municipio) continue;
    const cp = Number(row.c_CodigoPostal);
    let best = known[0] as { cp: number; municipio: string };
    for (const candidate of known) if (Math.abs(candidate.cp - cp) < Math.abs(best.cp - cp)) best = candidate;
    guesses.set(row.c_CodigoPostal as string, best.municipio);
  }
  return guesses;
}
