import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signCadena, verifySello } from '../../../core/src/cfdi/sello/index.js';
import { Csd } from '../../../core/src/fiscal/csd/index.js';
import { cert, csd01, eku, PASSWORD } from '../csd/fixture-certs.js';

const SAMPLES = new URL('../../fixtures/sat/samples/', import.meta.url);
const csd = Csd.create({ certificate: eku.certificate(), privateKey: eku.privateKey(), password: PASSWORD });
const other = Csd.create({
  certificate: csd01.certificate(),
  privateKey: csd01.privateKey(),
  password: PASSWORD,
});

/** openssl dgst -sha256 -verify: the oracle for our signatures. */
function opensslVerifies(cadena: string, selloBase64: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'sello-'));
  try {
    writeFileSync(join(dir, 'cadena.txt'), cadena, 'utf8');
    writeFileSync(join(dir, 'sig.bin'), Buffer.from(selloBase64, 'base64'));
    const pub = execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-pubkey'], {
      input: eku.certificate(),
    });
    writeFileSync(join(dir, 'pub.pem'), pub);
    const args = ['dgst', '-sha256', '-verify', 'pub.pem', '-signature', 'sig.bin', 'cadena.txt'];
    const out = execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    return out.trim() === 'Verified OK';
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cadena =
  '||4.0|A|123|2025-06-01T12:00:00|01|30001000000500003416|1000.00|MXN|1160.00|I|01|PUE|42501|EKU9003173C9|ESCUELA KEMPER URGATE SA DE CV|601|CAÑF770131PA3|FERNANDO CASTILLO ÑABARRO|H&E S.A. <"x">||';

describe('sello', () => {
  it('signs a cadena so that openssl verifies it (UTF-8 bytes, SHA-256, PKCS#1 v1.5)', () => {
    const sello = signCadena(cadena, csd);
    assert.equal(Buffer.from(sello, 'base64').length, 256);
    assert.ok(opensslVerifies(cadena, sello));
    assert.ok(!opensslVerifies(cadena.replace('1160.00', '1160.01'), sello));
  });

  it("gives exactly openssl's signature of CfdiUtils' golden data", () => {
    const data = cert('cfdiutils/data-to-sign.txt').toString('utf8');
    const golden = cert('cfdiutils/data-sha256.txt').toString('utf8').replace(/\s+/g, '');
    assert.equal(signCadena(data, csd), golden);
    assert.deepEqual(Buffer.from(signCadena(data, csd), 'base64'), cert('cfdiutils/data-sha256.bin'));
  });

  it('verifies its own signature and refuses a changed cadena, another certificate or a damaged sello', () => {
    const sello = signCadena(cadena, csd);
    assert.equal(verifySello(cadena, sello, csd.certificateBase64), true);
    assert.equal(verifySello(`${cadena} `, sello, csd.certificateBase64), false);
    assert.equal(verifySello(cadena.replace('Ñ', 'N'), sello, csd.certificateBase64), false);
    assert.equal(verifySello(cadena, sello, other.certificateBase64), false);
    assert.equal(verifySello(cadena, `A${sello.slice(1)}`, csd.certificateBase64), false);
    assert.equal(verifySello(cadena, '', csd.certificateBase64), false);
    assert.equal(verifySello(cadena, sello, 'bm90IGEgY2VydGlmaWNhdGU='), false);
  });

  it("verifies a PAC-stamped CFDI's Sello against SAT's cadena original (xsltproc output beside the sample)", () => {
    for (const name of [
      'cfdiutils/cfdi40-real',
      'nodecfdi-cfdi-validator/cfdi40-real',
      'generated/factura-global',
    ]) {
      const xml = readFileSync(new URL(`${name}.xml`, SAMPLES), 'utf8');
      const satCadena = readFileSync(new URL(`${name}.cadena.txt`, SAMPLES), 'utf8');
      const sello = /\sSello="([^"]+)"/.exec(xml)?.[1] ?? '';
      const certificado = /\sCertificado="([^"]+)"/.exec(xml)?.[1] ?? '';
      assert.equal(verifySello(satCadena, sello, certificado), true, name);
    }
  });

  it('reproduces the Sello of a sample sealed with the EKU CSD (PKCS#1 v1.5 is deterministic)', () => {
    const xml = readFileSync(new URL('generated/factura-global.xml', SAMPLES), 'utf8');
    const satCadena = readFileSync(new URL('generated/factura-global.cadena.txt', SAMPLES), 'utf8');
    assert.equal(signCadena(satCadena, csd), /\sSello="([^"]+)"/.exec(xml)?.[1]);
  });
});
