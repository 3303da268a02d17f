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
import { loadCsd } from '../../core/src/fiscal/csd/index.js';
import { EKU } from '../../test/support/oracles.js';
import { invoiceRequest } from '../../test/support/random-requests.js';

const NOW = new Date('2026-11-28T18:00:00Z');

function perSecond(count: number, startNs: bigint): number {
  return count / (Number(process.hrtime.bigint() - startNs) / 1e9);
}

export async function benchSeal(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { n: { type: 'string', default: '2000' }, seed: { type: 'string', default: '7' } },
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
  process.stdout.write(`ratio: ${(cfdiPerSecond / rsaPerSecond).toFixed(3)}\n`);
}
