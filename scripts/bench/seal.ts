/**
 * Seal benchmark (#2): build + validate + seal N random CFDIs on one core and, in the same run, raw
 * RSA-2048 SHA-256 signatures per second with node:crypto on the same key. The last line is
 * `ratio: <cfdi per second / signatures per second>`; the goal is >= 0.85, i.e. everything except the RSA
 * operation costs under 15% of the time.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { getCatalogs } from '../../core/src/catalogs/index.js';
import { buildComprobante, sealComprobante } from '../../core/src/cfdi/build.js';
import { cadenaOriginal } from '../../core/src/cfdi/cadena/index.js';
import { computeComprobante } from '../../core/src/cfdi/compute/index.js';
import { parseInvoiceRequest } from '../../core/src/cfdi/request/index.js';
import { validateComprobante } from '../../core/src/cfdi/validate/index.js';
import { comprobanteToTree } from '../../core/src/cfdi/xml/to-tree.js';
import type { Csd } from '../../core/src/fiscal/csd/index.js';
import { loadCsd } from '../../core/src/fiscal/csd/index.js';
import { serializeXml } from '../../core/src/xml/serialize.js';
import { EKU } from '../../test/support/oracles.js';
import { invoiceRequest } from '../../test/support/random-requests.js';

const NOW = new Date('2026-11-28T18:00:00Z');

function perSecond(count: number, startNs: bigint): number {
  return count / (Number(process.hrtime.bigint() - startNs) / 1e9);
}

export async function benchSeal(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      n: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '7' },
      profile: { type: 'boolean', default: false },
    },
  });
  const n = Number(values.n);
  const csd = loadCsd({
    certificate: readFileSync(EKU.cer),
    privateKey: readFileSync(EKU.key),
    password: EKU.password,
  });
  const rawKey = createPrivateKey({
    key: readFileSync(EKU.key),
    format: 'der',
    type: 'pkcs8',
    passphrase: EKU.password,
  });
  const requests = fc.sample(invoiceRequest, { numRuns: n, seed: Number(values.seed) });
  getCatalogs().codigoPostal.get('06600');
  getCatalogs().claveProdServ.get('01010101');

  const pipeline = (request: unknown) =>
    sealComprobante(buildComprobante(request, { now: NOW }).comprobante, csd);
  let cadenaBytes = 0;
  for (const request of requests.slice(0, 200)) cadenaBytes += Buffer.byteLength(pipeline(request).cadena);
  const sample = Buffer.alloc(Math.round(cadenaBytes / 200), 'a');
  for (let i = 0; i < 200; i++) sign('sha256', sample, rawKey);

  const rsa = (): number => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sign('sha256', sample, rawKey);
    return perSecond(n, start);
  };
  const rsaBefore = rsa();
  const start = process.hrtime.bigint();
  let bytes = 0;
  for (const request of requests) bytes += pipeline(request).xml.length;
  const cfdiPerSecond = perSecond(n, start);
  const rsaAfter = rsa();
  const rsaPerSecond = (rsaBefore + rsaAfter) / 2;

  process.stdout.write(
    `CFDIs: ${n} random requests (seed ${values.seed}), ${Math.round(bytes / n)} bytes of XML on average\n`,
  );
  process.stdout.write(
    `build+validate+seal: ${cfdiPerSecond.toFixed(1)} CFDI/s (${(1e6 / cfdiPerSecond).toFixed(0)} µs each)\n`,
  );
  process.stdout.write(
    `node:crypto RSA-2048 SHA-256: ${rsaPerSecond.toFixed(1)} signatures/s (before ${rsaBefore.toFixed(1)}, after ${rsaAfter.toFixed(1)})\n`,
  );
  if (values.profile) {
    // The figures above include the JIT warming up over the measured pass; a second pass shows the rest.
    const again = process.hrtime.bigint();
    for (const request of requests) pipeline(request);
    const warm = perSecond(n, again);
    process.stdout.write(
      `second pass (JIT warm): ${warm.toFixed(1)} CFDI/s (${(1e6 / warm).toFixed(0)} µs each), ratio ${(warm / rsaPerSecond).toFixed(3)}\n`,
    );
    stageBreakdown(requests, csd);
  }
  process.stdout.write(`ratio: ${(cfdiPerSecond / rsaPerSecond).toFixed(3)}\n`);
}

/**
 * `--profile`: the steps buildComprobante and sealComprobante chain, each timed on its own over every
 * request (the fastest of 5 rounds, so other load on the machine counts less), in µs per CFDI.
 */
function stageBreakdown(requests: unknown[], csd: Csd): void {
  const parsed = requests.map((request) => parseInvoiceRequest(request));
  const computed = parsed.map((request) => computeComprobante(request, { now: NOW }));
  const sealed = computed.map((comprobante) => ({
    ...comprobante,
    Sello: '',
    NoCertificado: csd.noCertificado,
    Certificado: csd.certificateBase64,
  }));
  const trees = sealed.map((comprobante) => comprobanteToTree(comprobante));
  const cadenas = trees.map((tree) => cadenaOriginal(tree));
  const stages: [string, (i: number) => unknown][] = [
    ['parse', (i) => parseInvoiceRequest(requests[i])],
    ['compute', (i) => computeComprobante(parsed[i]!, { now: NOW })],
    ['validate', (i) => validateComprobante(computed[i]!, { now: NOW })],
    ['tree', (i) => comprobanteToTree(sealed[i]!)],
    ['cadena', (i) => cadenaOriginal(trees[i]!)],
    ['sign', (i) => csd.sign(cadenas[i]!).toString('base64')],
    ['serialize', (i) => serializeXml(trees[i]!)],
  ];
  const figures = stages.map(([name, step]) => {
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 5; round++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < requests.length; i++) step(i);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e3 / requests.length);
    }
    return { name, best };
  });
  const nonRsa = figures.filter((f) => f.name !== 'sign').reduce((sum, f) => sum + f.best, 0);
  const list = figures.map((f) => `${f.name} ${f.best.toFixed(1)}`).join(', ');
  process.stdout.write(`stages (µs per CFDI, best of 5): ${list}; all but sign ${nonRsa.toFixed(1)}\n`);
}
