import { catalogImportError } from './csv-table.js';

/**
 * SAT's "Descripción del Huso Horario" (c_CodigoPostal) -> IANA zone, as Mexican law stands since the
 * Ley de los Husos Horarios (DOF 28-oct-2022, no DST) and its amendment of 30-nov-2022 (Chihuahua's border):
 *
 * - Tiempo del Centro: America/Mexico_City (UTC-6 all year).
 * - Tiempo del Sureste (Quintana Roo): America/Cancun (UTC-5).
 * - Tiempo del Pacífico (BCS, Nayarit, Sinaloa): America/Mazatlan (UTC-7). In Chihuahua SAT's 2022 rows
 *   still say Pacífico, but the whole state outside the border strip moved to UTC-6: America/Chihuahua.
 * - Tiempo del Pacífico Sonora: America/Hermosillo (UTC-7).
 * - Tiempo del Noroeste en Frontera (Baja California): America/Tijuana (UTC-8, US DST).
 * - Tiempo del Centro en Frontera (border of Coahuila, Nuevo León, Tamaulipas): America/Matamoros
 *   (UTC-6, US DST).
 * - Tiempo del Pacífico en Frontera (border of Chihuahua): Ciudad Juárez (municipio 037) keeps US
 *   Mountain time, America/Ciudad_Juarez (UTC-7, US DST); the other border municipalities follow US
 *   Central time, America/Ojinaga (UTC-6, US DST).
 */
export function timeZoneFor(description: string, estado: string, municipio: string | undefined): string {
  switch (description) {
    case 'Tiempo del Centro':
      return 'America/Mexico_City';
    case 'Tiempo del Sureste':
      return 'America/Cancun';
    case 'Tiempo del Pacífico':
      return estado === 'CHH' ? 'America/Chihuahua' : 'America/Mazatlan';
    case 'Tiempo del Pacífico Sonora':
      return 'America/Hermosillo';
    case 'Tiempo del Noroeste en Frontera':
    case 'Tiempo del Noroeste':
      return 'America/Tijuana';
    case 'Tiempo del Centro en Frontera':
      return 'America/Matamoros';
    case 'Tiempo del Pacífico en Frontera':
      return municipio === CIUDAD_JUAREZ ? 'America/Ciudad_Juarez' : 'America/Ojinaga';
    default:
      throw catalogImportError(
        `c_CodigoPostal.csv tiene un huso horario desconocido: "${description}". Actualiza autofactura.`,
        `c_CodigoPostal.csv has an unknown time zone: "${description}". Update autofactura.`,
      );
  }
}

/** c_Municipio of Juárez, Chihuahua. */
export const CIUDAD_JUAREZ = '037';
