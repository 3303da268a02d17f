/**
 * Every credential of SAT's test pack (python-satcfdi's copy): each `*_csd.cer` loads with its key and each
 * plain `*.cer` (e.firma) is refused. RFC and NoCertificado are checked against openssl's reading.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { CredentialError } from '../../../core/src/errors.js';
import { Csd, readCertificate } from '../../../core/src/fiscal/csd/index.js';
import { CERTS_DIR, cert, PASSWORD } from './fixture-certs.js';

interface OpensslReading {
  uniqueIdentifier: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
}

function openssl(path: string): OpensslReading {
  const out = execFileSync('openssl', [
    'x509',
    '-inform',
    'DER',
    '-in',
    path,
    '-noout',
    '-serial',
    '-startdate',
    '-enddate',
    '-dateopt',
    'iso_8601',
    '-subject',
    '-nameopt',
    'multiline,utf8,-esc_msb',
  ]).toString('utf8');
  const iso = (name: string) => (/NAME=(\S+) (\S+)/.exec(out.replace(name, 'NAME')) ?? []).slice(1).join('T');
  return {
    uniqueIdentifier: /x500UniqueIdentifier\s*=\s*(.+)/.exec(out)?.[1]?.trim() ?? '',
    serialHex: /serial=([0-9A-F]+)/.exec(out)?.[1] ?? '',
    notBefore: iso('notBefore'),
    notAfter: iso('notAfter'),
  };
}

const folders = ['sat-test-pack/Personas Fisicas', 'sat-test-pack/Personas Morales'];
const cers = folders.flatMap((folder) =>
  readdirSync(CERTS_DIR + folder)
    .filter((name) => name.endsWith('.cer'))
    .map((name) => `${folder}/${name}`),
);

describe('SAT test pack credentials', () => {
  it('has both kinds to test with', () => {
    assert.ok(cers.filter((c) => c.endsWith('_csd.cer')).length >= 20);
    assert.ok(cers.filter((c) => !c.endsWith('_csd.cer')).length >= 20);
  });

  for (const path of cers) {
    const isCsdFile = path.endsWith('_csd.cer');
    it(`${isCsdFile ? 'loads' : 'refuses the e.firma'} ${path}`, () => {
      const oracle = openssl(CERTS_DIR + path);
      const read = readCertificate(cert(path));
      assert.equal(read.rfc, oracle.uniqueIdentifier.split(' / ')[0]);
      assert.equal(read.noCertificado, Buffer.from(oracle.serialHex, 'hex').toString('latin1'));
      assert.equal(read.validFrom.toISOString(), new Date(oracle.notBefore).toISOString());
      assert.equal(read.validTo.toISOString(), new Date(oracle.notAfter).toISOString());
      const input = {
        certificate: cert(path),
        privateKey: cert(path.replace(/\.cer$/, '.key')),
        password: PASSWORD,
      };
      if (isCsdFile) {
        const csd = Csd.create(input);
        assert.equal(csd.rfc, read.rfc);
        assert.match(csd.noCertificado, /^[0-9]{20}$/);
      } else {
        assert.throws(
          () => Csd.create(input),
          (error) => error instanceof CredentialError && error.code === 'CSD_IS_FIEL',
        );
      }
    });
  }

  it('reads an RFC with Ñ and & as written (IAÑL750210963, H&E951128469)', () => {
    assert.equal(
      readCertificate(cert('sat-test-pack/Personas Fisicas/iañl750210963_csd.cer')).rfc,
      'IAÑL750210963',
    );
    assert.equal(
      readCertificate(cert('sat-test-pack/Personas Morales/h&e951128469_csd.cer')).rfc,
      'H&E951128469',
    );
  });

  it('takes the first RFC of "RFC / legal representative RFC" and a legal name with Ñ', () => {
    const read = readCertificate(cert('phpcfdi-credentials/00001000000413053762.cer'));
    assert.equal(read.rfc, 'SMA0112284B2');
    assert.equal(read.legalName, 'COMPAÑIA SANTA MARIA SA DE CV');
  });
});
