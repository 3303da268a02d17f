/** The SAT sample documents of test/fixtures/sat/samples with their golden cadena (SAT's XSLT output). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES } from '../../support/oracles.js';

export const SAMPLES_DIR = join(FIXTURES, 'sat/samples');

export interface Sample {
  name: string;
  file: string;
  xml: string;
  golden?: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** `X.xml` -> `X.cadena.txt`; `Y.xml.xml` -> `Y.xml.cadena.txt`. */
function goldenOf(file: string): string | undefined {
  const golden = file.replace(/\.xml$/, '.cadena.txt');
  return existsSync(golden) ? readFileSync(golden, 'utf8') : undefined;
}

export function cfdi40Samples(): Sample[] {
  return walk(SAMPLES_DIR)
    .filter((file) => file.endsWith('.xml') && !file.includes('/templates/'))
    .map((file) => ({ file, xml: readFileSync(file, 'utf8') }))
    .filter(({ xml }) => /<cfdi:Comprobante[^>]*Version="4\.0"/.test(xml))
    .map(({ file, xml }) => {
      const golden = goldenOf(file);
      return { name: relative(SAMPLES_DIR, file), file, xml, ...(golden === undefined ? {} : { golden }) };
    });
}

/** Samples whose Sello verified with SAT's tools (VERIFY-RESULTS.txt: OK, v4.0). */
export function signedSampleNames(): string[] {
  return readFileSync(join(SAMPLES_DIR, 'VERIFY-RESULTS.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('OK') && line.includes('[v4.0'))
    .map((line) => line.split(/\s+/)[1]!.replace(/^samples\//, ''));
}
