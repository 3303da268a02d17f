import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyCfdi } from '../../../../core/src/cfdi/verify/index.js';
import {
  pacCertificatesFrom,
  sandboxPacCertsDir,
} from '../../../../core/src/cfdi/verify/pac-certificates.js';
import { readCertificate } from '../../../../core/src/fiscal/csd/index.js';
import {
  createSandboxPac,
  sandboxCertificatePem,
  sandboxKeysDir,
} from '../../../../core/src/pac/sandbox/index.js';
import { cdmx, openssl, sealedWith, tempDir } from './sandbox-fixtures.js';

const YEAR = 365 * 24 * 3_600_000;

describe('sandbox PAC: its certificate', function () {
  this.timeout(60_000);

  it('is created on first use in <dataDir>/pac-sandbox, the key readable only by its owner', async () => {
    const dataDir = await tempDir();
    assert.deepEqual(await readdir(dataDir), []);
    const pem = sandboxCertificatePem(dataDir);
    const [certificate] = await readdir(sandboxPacCertsDir(dataDir));
    const number = certificate!.replace('.cer', '');
    assert.match(number, /^90001\d{15}$/);
    const keyFile = join(sandboxKeysDir(dataDir), `${number}.key`);
    assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
    assert.equal((await stat(sandboxKeysDir(dataDir))).mode & 0o777, 0o700);
    assert.equal(sandboxCertificatePem(dataDir), pem, 'the same certificate on the next call');
    assert.equal(
      createSandboxPac({ dataDir }).certificatePem(),
      pem,
      'and for a new sandbox on the data dir',
    );
    assert.doesNotMatch(pem, /PRIVATE KEY/);
  });

  it('is an X.509 v3 certificate openssl accepts, shaped like a SAT CSD', async () => {
    const dataDir = await tempDir();
    const pem = sandboxCertificatePem(dataDir);
    const file = join(dataDir, 'sandbox.pem');
    await writeFile(file, pem);
    const { stdout: text } = await openssl(['x509', '-in', file, '-noout', '-text', '-serial']);
    const number = (await readdir(sandboxPacCertsDir(dataDir)))[0]!.replace('.cer', '');
    // SAT writes NoCertificado as the ASCII digits of the serial number.
    const serialHex = /serial=([0-9A-F]+)/.exec(text)![1]!;
    assert.equal(Buffer.from(serialHex, 'hex').toString('latin1'), number);
    assert.match(text, /Version: 3 \(0x2\)/);
    assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.match(text, /x500UniqueIdentifier = SPR190613I52/);
    assert.match(text, /Basic Constraints: critical\s+CA:FALSE/);
    assert.match(text, /Key Usage: critical\s+Digital Signature, Non Repudiation/);
    assert.doesNotMatch(text, /Extended Key Usage/);
    // Its self-signature checks out.
    const { stdout: verified } = await openssl(['verify', '-check_ss_sig', '-CAfile', file, file]);
    assert.match(verified, /: OK/);
    // core reads it as a CSD of SPR190613I52 with that number.
    const read = readCertificate(pem);
    assert.deepEqual([read.kind, read.rfc, read.noCertificado], ['csd', 'SPR190613I52', number]);
  });

  it('is renewed when it expires, and timbres signed with the old one still verify', async () => {
    const dataDir = await tempDir();
    let now = cdmx('2026-11-28T10:20:00');
    const pac = createSandboxPac({ dataDir, now: () => now });
    const first = await pac.stamp(sealedWith('2026-11-28T10:15:00').xml);
    const firstPem = pac.certificatePem();
    const firstValidTo = new Date(new X509Certificate(firstPem).validTo);

    now = new Date(firstValidTo.getTime() + 1_000);
    const secondPem = pac.certificatePem();
    assert.notEqual(secondPem, firstPem);
    assert.ok(new Date(new X509Certificate(secondPem).validTo).getTime() > now.getTime() + 3 * YEAR);
    assert.equal((await readdir(sandboxPacCertsDir(dataDir))).length, 2);

    const certificates = pacCertificatesFrom([sandboxPacCertsDir(dataDir)]);
    assert.equal(verifyCfdi(first.xml, { pacCertificates: certificates }).tfd?.selloSat, 'valid');
  });
});
