/**
 * The SAT sample documents under test/fixtures/sat/samples (sources in test/fixtures/sat/SOURCES.tsv),
 * each with the golden cadena original produced by SAT's XSLT beside it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'sat');
export const SAMPLES = join(FIXTURES, 'samples');
export const SAT_CFD = join(FIXTURES, 'xml', 'www.sat.gob.mx', 'sitio_internet', 'cfd');
export const XSLT_CFDI40 = join(SAT_CFD, '4', 'cadenaoriginal_4_0', 'cadenaoriginal_4_0.xslt');
export const XSLT_TFD11 = join(SAT_CFD, 'TimbreFiscalDigital', 'cadenaoriginal_TFD_1_1.xslt');

export interface Sample {
  /** Path relative to test/fixtures/sat, e.g. `samples/cfdiutils/cfdi40-real.xml`. */
  name: string;
  path: string;
  xml: Buffer;
  /** `X.xml` -> `X.cadena.txt` (`Y.xml.xml` -> `Y.xml.cadena.txt`), when present. */
  cadenaPath: string | undefined;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (entry.endsWith('.xml')) yield path;
  }
}

export function allSamples(): Sample[] {
  return [...walk(SAMPLES)].map((path) => {
    const cadenaPath = path.replace(/\.xml$/, '.cadena.txt');
    return {
      name: relative(FIXTURES, path),
      path,
      xml: readFileSync(path),
      cadenaPath: existsSync(cadenaPath) ? cadenaPath : undefined,
    };
  });
}

/** Samples VERIFY-RESULTS.txt lists as `OK ... [v4.0 ...]`: real, correctly signed CFDI 4.0. */
export function signedCfdi40Names(): string[] {
  return readFileSync(join(SAMPLES, 'VERIFY-RESULTS.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('OK') && line.includes('[v4.0'))
    .map((line) => (line.split(/\s+/)[1] as string).trim());
}

/** Where two strings first differ, with a little context, for assertion messages. */
export function firstDifference(actual: string, expected: string): string {
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  if (i === actual.length && i === expected.length) return 'identical';
  const from = Math.max(0, i - 40);
  return (
    `first difference at offset ${i} (lengths ${actual.length} vs ${expected.length})\n` +
    `  actual:   …${JSON.stringify(actual.slice(from, i + 40))}\n` +
    `  expected: …${JSON.stringify(expected.slice(from, i + 40))}`
  );
}
