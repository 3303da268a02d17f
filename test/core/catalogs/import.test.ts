import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCatalogs, loadCatalogs } from '../../../core/src/catalogs/index.js';
import { type AutofacturaError, isAutofacturaError } from '../../../core/src/errors.js';

const FIXTURE_CSV = new URL('../../fixtures/catalogs/csv/', import.meta.url).pathname;

describe('catalogs: import from SAT CSVs', () => {
  let work: string;
  let src: string;
  let out: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'autofactura-import-'));
    src = join(work, 'csv');
    out = join(work, 'data', 'catalogs');
    cpSync(FIXTURE_CSV, src, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const rejects = (pattern: RegExp) => (error: unknown) => {
    assert.ok(isAutofacturaError(error), String(error));
    assert.equal((error as AutofacturaError).code, 'CATALOG_IMPORT_INVALID');
    assert.match((error as AutofacturaError).message, pattern);
    assert.ok((error as AutofacturaError).messageEn);
    return true;
  };

  it('imports a set that loads back with the rows of the CSVs', () => {
    const progress: string[] = [];
    const meta = importCatalogs(src, out, {
      revision: 'fixture',
      source: 'test/fixtures/catalogs/csv',
      now: new Date('2026-11-28T00:00:00Z'),
      onProgress: (line) => progress.push(line),
    });
    assert.equal(meta.counts.codigoPostal, 16);
    assert.ok(progress.length >= 4);

    const catalogs = loadCatalogs(out);
    assert.deepEqual(catalogs.meta, {
      source: 'test/fixtures/catalogs/csv',
      revision: 'fixture',
      generatedAt: '2026-11-28T00:00:00.000Z',
    });
    assert.deepEqual(catalogs.claveProdServ.keys().sort(), [
      '01010101',
      '10101500',
      '10101702',
      '52161557',
      '81112100',
      '84111506',
      '84121603',
      '84121604',
    ]);
    assert.equal(catalogs.claveProdServ.get('84121603')?.iva, 'Sí');
    assert.equal(catalogs.codigoPostal.get('77500')?.timeZone, 'America/Cancun');
    assert.equal(catalogs.claveUnidad.get('H87')?.description, 'Pieza');
    assert.equal(catalogs.usoCfdi.keys().length, 24);
  });

  it('gives the same rows as the bundled data for the rows they share', async () => {
    importCatalogs(src, out);
    const fresh = loadCatalogs(out);
    const { getCatalogs } = await import('../../../core/src/catalogs/index.js');
    const bundled = getCatalogs();
    for (const cp of fresh.codigoPostal.keys())
      assert.deepEqual(fresh.codigoPostal.get(cp), bundled.codigoPostal.get(cp));
    for (const key of fresh.claveProdServ.keys()) {
      assert.deepEqual(fresh.claveProdServ.get(key), bundled.claveProdServ.get(key));
    }
    assert.deepEqual(fresh.tasaOCuota, bundled.tasaOCuota);
    assert.deepEqual(fresh.formaPago.get('99'), bundled.formaPago.get('99'));
  });

  it('replaces a previous import and keeps files it does not produce', () => {
    importCatalogs(src, out, { revision: 'uno' });
    writeFileSync(join(out, 'NOTAS.md'), 'notas del comerciante');
    importCatalogs(src, out, { revision: 'dos' });
    assert.equal(loadCatalogs(out).meta.revision, 'dos');
    assert.equal(readFileSync(join(out, 'NOTAS.md'), 'utf8'), 'notas del comerciante');
    assert.deepEqual(readdirSync(join(work, 'data')), ['catalogs'], 'no temporary folders left behind');
  });

  it('names the missing file and leaves the previous data intact', () => {
    importCatalogs(src, out, { revision: 'anterior' });
    unlinkSync(join(src, 'c_CodigoPostal.csv'));
    assert.throws(
      () => importCatalogs(src, out, { revision: 'nueva' }),
      rejects(/No se encontró el archivo c_CodigoPostal\.csv/),
    );
    assert.equal(loadCatalogs(out).meta.revision, 'anterior');
    assert.equal(loadCatalogs(out).codigoPostal.has('06600'), true);
    assert.deepEqual(readdirSync(join(work, 'data')), ['catalogs']);
  });

  it('names the file and the column a CSV lacks', () => {
    const file = join(src, 'cfdi_40_monedas.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('decimales', 'decimals'));
    assert.throws(() => importCatalogs(src, out), rejects(/cfdi_40_monedas\.csv.*columna "decimales"/));
    assert.equal(existsSync(out), false);
  });

  it('names the file and the row whose field count does not match the header', () => {
    const file = join(src, 'c_ClaveProdServ.csv');
    writeFileSync(file, `${readFileSync(file, 'utf8')}12345678,Renglón cortado,Opcional\n`);
    assert.throws(() => importCatalogs(src, out), rejects(/renglón 10 de c_ClaveProdServ\.csv/i));
  });

  it('rejects a time zone it cannot map instead of guessing', () => {
    const file = join(src, 'c_CodigoPostal.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Tiempo del Sureste', 'Tiempo de Marte'));
    assert.throws(() => importCatalogs(src, out), rejects(/huso horario desconocido: "Tiempo de Marte"/));
  });

  it('rejects a tax it does not know in the TasaOCuota rules', () => {
    const file = join(src, 'cfdi_40_reglas_tasa_cuota.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('0.350000,ISR', '0.350000,IVAX'));
    assert.throws(
      () => importCatalogs(src, out),
      rejects(/cfdi_40_reglas_tasa_cuota\.csv.*impuesto desconocido: "IVAX"/),
    );
  });
});
