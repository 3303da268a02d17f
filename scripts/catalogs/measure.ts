/**
 * Measures, in a fresh process, what loading a catalog set costs: the small catalogs at load time and
 * each big catalog on its first lookup (time and heap growth). Prints JSON.
 *   node --import tsx scripts/catalogs/measure.ts DIR
 */
import { performance } from 'node:perf_hooks';
import { loadCatalogs } from '../../core/src/catalogs/load.js';

export interface Measurement {
  ms: number;
  /** Growth of the JS heap. */
  heapMb: number;
  /** Growth of memory outside the heap (Buffers). */
  externalMb: number;
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: measure.ts DIR');

const memory = () => {
  globalThis.gc?.();
  return process.memoryUsage();
};
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
function measure(step: () => void): Measurement {
  const before = memory();
  const start = performance.now();
  step();
  const ms = performance.now() - start;
  const after = memory();
  return {
    ms: Math.round(ms * 10) / 10,
    heapMb: mb(after.heapUsed - before.heapUsed),
    externalMb: mb(after.arrayBuffers - before.arrayBuffers),
  };
}

const warm = loadCatalogs(dir); // warm up module loading and the JIT once
warm.formaPago.get('01');
let catalogs = warm;
const small = measure(() => {
  catalogs = loadCatalogs(dir);
});
const claveProdServ = measure(() => catalogs.claveProdServ.get('84111506'));
const codigoPostal = measure(() => catalogs.codigoPostal.get('06600'));
const lookups = 100_000;
const start = performance.now();
for (let i = 0; i < lookups; i++) catalogs.codigoPostal.get(String(10000 + (i % 89999)).padStart(5, '0'));
const lookupUs = Math.round(((performance.now() - start) / lookups) * 1000 * 100) / 100;
console.log(
  JSON.stringify({
    warm: warm.meta.generatedAt === catalogs.meta.generatedAt,
    small,
    claveProdServ,
    codigoPostal,
    lookupUs,
  }),
);
