/**
 * Sandbox PAC benchmark (#3): seal N random CFDIs, then stamp them one after another with the sandbox
 * PAC (XSD with SAT's schemas, Sello, certificate, Fecha window, SAT's rules, TFD + SelloSAT, state
 * written to a temporary data dir). Prints stamps per second and the median and p95 latency.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { buildComprobante, sealComprobante } from '../../core/src/cfdi/build.js';
import { loadCsd } from '../../core/src/fiscal/csd/index.js';
import { createSandboxPac } from '../../core/src/pac/sandbox/index.js';
import { EKU } from '../../test/support/oracles.js';
import { invoiceRequest } from '../../test/support/random-requests.js';

export async function benchStamp(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { n: { type: 'string', default: '300' }, seed: { type: 'string', default: '7' } },
  });
  const n = Number(values.n);
  const csd = loadCsd({
    certificate: readFileSync(EKU.cer),
    privateKey: readFileSync(EKU.key),
    password: EKU.password,
  });
  const now = new Date('2026-11-28T18:00:00Z');
  const sealed = fc
    .sample(invoiceRequest, { numRuns: n + 5, seed: Number(values.seed) })
    .map((request) => sealComprobante(buildComprobante(request, { now }).comprobante, csd).xml);
  const dataDir = mkdtempSync(join(tmpdir(), 'autofactura-bench-stamp-'));
  try {
    const pac = createSandboxPac({ dataDir, now: () => new Date(now.getTime() + 60_000) });
    for (const xml of sealed.slice(0, 5)) await pac.stamp(xml); // certificate, catalogs, schema
    const latencies: number[] = [];
    const start = process.hrtime.bigint();
    for (const xml of sealed.slice(5)) {
      const t = process.hrtime.bigint();
      await pac.stamp(xml);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    process.stdout.write(
      [
        `sandbox stamps: ${n} in ${seconds.toFixed(2)} s`,
        `stamps/s: ${(n / seconds).toFixed(1)}`,
        `latency ms: median ${at(0.5).toFixed(1)}, p95 ${at(0.95).toFixed(1)}, max ${at(1).toFixed(1)}`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
