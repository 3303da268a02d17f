import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildComprobante, type SealedCfdi, sealComprobante } from '../../../core/src/cfdi/build.js';
import { loadCsd } from '../../../core/src/fiscal/csd/index.js';
import { EKU, opensslVerifies, pool, xmllintInvalid, xsltprocCadena } from '../../support/oracles.js';
import { invoiceRequest } from '../../support/random-requests.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 500);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261128);
const NOW = new Date('2026-11-28T18:00:00Z');

describe('CFDI engine property test (#2)', function () {
  this.timeout(600_000);

  it(`${RUNS} random requests build, seal and pass SAT's XSD, SAT's XSLT and openssl (seed ${SEED})`, async () => {
    const csd = loadCsd({
      certificate: readFileSync(EKU.cer),
      privateKey: readFileSync(EKU.key),
      password: EKU.password,
    });
    const requests = fc.sample(invoiceRequest, { numRuns: RUNS, seed: SEED });
    const dir = await mkdtemp(join(tmpdir(), 'autofactura-property-'));
    const built = [];
    for (const [index, request] of requests.entries()) {
      let sealed: SealedCfdi;
      try {
        sealed = sealComprobante(buildComprobante(request, { now: NOW }).comprobante, csd);
      } catch (error) {
        const details = (error as { details?: unknown }).details ?? error;
        assert.fail(
          `request #${index} (seed ${SEED}) failed: ${JSON.stringify(details)}\n${JSON.stringify(request)}`,
        );
      }
      const file = join(dir, `cfdi-${String(index).padStart(4, '0')}.xml`);
      await writeFile(file, sealed.xml);
      built.push({ file, sealed, request });
    }

    const invalid = await xmllintInvalid(built.map((b) => b.file));
    assert.equal(invalid.size, 0, `XSD-invalid documents:\n${[...invalid.values()].slice(0, 5).join('\n')}`);

    await pool(built, 4, async ({ file, sealed, request }) => {
      const satCadena = await xsltprocCadena(file);
      assert.equal(
        sealed.cadena,
        satCadena,
        `cadena differs from SAT's XSLT for ${file}\n${JSON.stringify(request)}`,
      );
      const ok = await opensslVerifies(sealed.comprobante.Certificado!, satCadena, sealed.comprobante.Sello!);
      assert.ok(ok, `openssl does not verify the Sello of ${file}`);
    });
  });
});
