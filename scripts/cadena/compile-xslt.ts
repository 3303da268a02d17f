/**
 * Compiles SAT's cadena-original XSLT (CFDI 4.0 with every complement it includes, and
 * TimbreFiscalDigital 1.1) into core/data/cadena/spec.json, which core's cadena walker executes.
 *
 *   node --import tsx scripts/cadena/compile-xslt.ts          # writes the spec
 *   node --import tsx scripts/cadena/compile-xslt.ts --check  # fails if the committed spec is stale
 *
 * Input: SAT's published tree copied in test/fixtures/sat/xml (see its SOURCES.tsv).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { CadenaSpec } from '../../core/src/cfdi/cadena/spec.js';
import { compileStylesheet } from './compile-stylesheet.js';
import { PrefixTable } from './prefix-table.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAT_XML_ROOT = join(REPO, 'test', 'fixtures', 'sat', 'xml');
export const SPEC_PATH = join(REPO, 'core', 'data', 'cadena', 'spec.json');
const CFD = join(SAT_XML_ROOT, 'www.sat.gob.mx', 'sitio_internet', 'cfd');

export const ENTRY_SHEETS = {
  cfdi40: join(CFD, '4', 'cadenaoriginal_4_0', 'cadenaoriginal_4_0.xslt'),
  tfd11: join(CFD, 'TimbreFiscalDigital', 'cadenaoriginal_TFD_1_1.xslt'),
};

export function compileCadenaSpec(xmlRoot = SAT_XML_ROOT): CadenaSpec {
  const prefixes = new PrefixTable();
  const cfdi40 = compileStylesheet(ENTRY_SHEETS.cfdi40.replace(SAT_XML_ROOT, xmlRoot), xmlRoot, prefixes);
  const tfd11 = compileStylesheet(ENTRY_SHEETS.tfd11.replace(SAT_XML_ROOT, xmlRoot), xmlRoot, prefixes);
  return {
    generatedBy: 'scripts/cadena/compile-xslt.ts',
    warning: 'Generated from SAT XSLT (files and sha256 under stylesheets.*.sources). Do not edit by hand.',
    namespaces: prefixes.toJSON(),
    stylesheets: { cfdi40, tfd11 },
  };
}

/** JSON with one line per instruction: arrays of scalars stay inline, everything else is indented. */
function formatJson(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function main(): void {
  const spec = compileCadenaSpec();
  if (process.argv.includes('--check')) {
    const committed: unknown = JSON.parse(readFileSync(SPEC_PATH, 'utf8'));
    if (!isDeepStrictEqual(committed, spec)) {
      console.error(`${SPEC_PATH} is stale: run node --import tsx scripts/cadena/compile-xslt.ts`);
      process.exit(1);
    }
    console.log('cadena spec is up to date');
    return;
  }
  mkdirSync(dirname(SPEC_PATH), { recursive: true });
  writeFileSync(SPEC_PATH, `${formatJson(spec, '')}\n`);
  const { cfdi40, tfd11 } = spec.stylesheets;
  console.log(
    `wrote ${SPEC_PATH}: cfdi40 ${Object.keys(cfdi40.templates).length} templates from ` +
      `${cfdi40.sources.length} files (${cfdi40.refused.length} refused), tfd11 ${Object.keys(tfd11.templates).length} templates`,
  );
  for (const refusal of [...cfdi40.refused, ...tfd11.refused])
    console.log(`refused ${refusal.file}: ${refusal.reason}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
