import assert from 'node:assert/strict';
import { getCatalogs } from '../../../core/src/catalogs/index.js';

/** UTC offset of `timeZone` at `iso`, as Intl renders it (e.g. "GMT-6"). */
function offset(timeZone: string, iso: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(
    new Date(iso),
  );
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

describe('catalogs: time zone of a código postal', () => {
  const catalogs = getCatalogs();
  const zone = (cp: string) => catalogs.codigoPostal.get(cp)?.timeZone;

  it('gives each SAT huso horario its zone under the 2022 law', () => {
    assert.equal(zone('06600'), 'America/Mexico_City'); // CDMX, Tiempo del Centro
    assert.equal(zone('44600'), 'America/Mexico_City'); // Guadalajara
    assert.equal(zone('77500'), 'America/Cancun'); // Cancún, Tiempo del Sureste
    assert.equal(zone('22000'), 'America/Tijuana'); // Tijuana, Noroeste en Frontera
    assert.equal(zone('83000'), 'America/Hermosillo'); // Hermosillo, Pacífico Sonora
    assert.equal(zone('82000'), 'America/Mazatlan'); // Mazatlán, Pacífico
    assert.equal(zone('87300'), 'America/Matamoros'); // Matamoros, Centro en Frontera
    assert.equal(zone('26200'), 'America/Matamoros'); // Ciudad Acuña, Coahuila
  });

  it('puts Chihuahua outside the border strip on UTC-6 although SAT still says Pacífico', () => {
    assert.equal(catalogs.codigoPostal.get('31000')?.timeZoneDescription, 'Tiempo del Pacífico');
    assert.equal(zone('31000'), 'America/Chihuahua');
  });

  it('tells Ciudad Juárez from the rest of Chihuahua’s border, also for rows without municipio', () => {
    assert.equal(zone('32000'), 'America/Ciudad_Juarez');
    assert.equal(catalogs.codigoPostal.get('32001')?.municipio, undefined);
    assert.equal(zone('32001'), 'America/Ciudad_Juarez');
    assert.equal(zone('32880'), 'America/Ojinaga'); // Ojinaga
    assert.equal(catalogs.codigoPostal.get('32881')?.municipio, undefined);
    assert.equal(zone('32881'), 'America/Ojinaga');
  });

  it('keeps Bahía de Banderas (Nayarit) on Tiempo del Centro as SAT lists it', () => {
    assert.equal(zone('63732'), 'America/Mexico_City');
  });

  it('gives offsets that match the law in winter and summer 2026', () => {
    const expected: [string, string, string][] = [
      ['06600', 'GMT-6', 'GMT-6'],
      ['77500', 'GMT-5', 'GMT-5'],
      ['22000', 'GMT-8', 'GMT-7'],
      ['83000', 'GMT-7', 'GMT-7'],
      ['82000', 'GMT-7', 'GMT-7'],
      ['87300', 'GMT-6', 'GMT-5'],
      ['31000', 'GMT-6', 'GMT-6'],
      ['32000', 'GMT-7', 'GMT-6'],
    ];
    for (const [cp, winter, summer] of expected) {
      const timeZone = zone(cp) as string;
      assert.deepEqual(
        [cp, offset(timeZone, '2026-01-15T12:00:00Z'), offset(timeZone, '2026-07-15T12:00:00Z')],
        [cp, winter, summer],
      );
    }
  });

  it('uses only zones Node knows', () => {
    const zones = new Set(catalogs.codigoPostal.keys().map((cp) => zone(cp)));
    assert.ok(zones.size >= 9);
    for (const timeZone of zones) {
      assert.doesNotThrow(() => new Intl.DateTimeFormat('es-MX', { timeZone }), String(timeZone));
    }
  });
});
