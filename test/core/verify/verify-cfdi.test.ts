import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cadenaOriginal } from '../../../core/src/cfdi/cadena/index.js';
import { signCadena } from '../../../core/src/cfdi/sello/index.js';
import { pacCertificatesFrom, verifyCfdi } from '../../../core/src/cfdi/verify/index.js';
import { XmlError } from '../../../core/src/errors.js';
import { Csd } from '../../../core/src/fiscal/csd/index.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { NS } from '../../../core/src/xml/tree.js';
import { CERTS_DIR, eku, PASSWORD } from '../csd/fixture-certs.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/sat/', import.meta.url));
const sample = (path: string) => readFileSync(join(FIXTURES, path));

/** VERIFY-RESULTS.txt: what an independent check (xsltproc + openssl) found for every sample. */
interface Expected {
  path: string;
  status: 'OK' | 'FAIL' | 'NOSIG';
  v40: boolean;
  selloCfdMatches?: boolean;
  selloSat?: 'valid' | 'invalid' | 'unknown-certificate';
  line: string;
}

const expected: Expected[] = readFileSync(join(FIXTURES, 'samples/VERIFY-RESULTS.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [, status, path, rest] = /^(OK|FAIL|NOSIG)\s+(\S+)\s*(.*)$/.exec(line) ?? [];
    const entry: Expected = {
      path: path!,
      status: status as Expected['status'],
      v40: rest!.includes('v4.0'),
      line,
    };
    if (rest!.includes('SelloCFD==Sello')) entry.selloCfdMatches = true;
    if (rest!.includes('SelloCFD differs')) entry.selloCfdMatches = false;
    if (rest!.includes('SelloSAT OK')) entry.selloSat = 'valid';
    // test_mysuite_stamp.xml is listed "SelloSAT FAIL" because that check put the Comprobante's Sello in the
    // timbre's cadena; its SelloCFD differs from the Sello, and over the timbre's own fields SelloSAT verifies
    // (SAT's cadenaoriginal_TFD_1_1.xslt + openssl: "Verified OK", pinned below).
    if (rest!.includes('SelloSAT FAIL'))
      entry.selloSat = path!.endsWith('test_mysuite_stamp.xml') ? 'valid' : 'invalid';
    if (rest!.includes('SelloSAT not checked')) entry.selloSat = 'unknown-certificate';
    return entry;
  });

describe('verifyCfdi', () => {
  describe('every signed CFDI 4.0 sample that an independent check found valid', () => {
    const ok = expected.filter((e) => e.status === 'OK' && e.v40);
    it('is a real list (the 8 stamped by a real PAC among them)', () => {
      assert.ok(ok.length >= 80, `${ok.length}`);
      const stampedByRealPac = ok.filter((e) => e.line.includes('SelloSAT OK'));
      assert.equal(stampedByRealPac.length, 8);
      assert.ok(stampedByRealPac.every((e) => e.selloSat === 'valid'));
    });
    for (const entry of ok) {
      it(`verifies ${entry.path}`, () => {
        const result = verifyCfdi(sample(entry.path));
        assert.equal(result.sello, 'valid', JSON.stringify(result.problems));
        assert.equal(result.noCertificado, 'match');
        if (entry.selloCfdMatches === undefined) {
          assert.equal(result.tfd, undefined);
          assert.equal(result.ok, true);
          assert.deepEqual(result.problems, []);
          return;
        }
        assert.equal(result.tfd?.selloCfdMatches, entry.selloCfdMatches);
        assert.equal(result.tfd?.selloSat, entry.selloSat);
        assert.equal(result.ok, entry.selloCfdMatches && entry.selloSat !== 'invalid');
      });
    }
  });

  it("agrees with SAT's TFD XSLT and openssl on every SelloSAT whose certificate is known", () => {
    const xslt = join(
      FIXTURES,
      'xml/www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/cadenaoriginal_TFD_1_1.xslt',
    );
    const dir = mkdtempSync(join(tmpdir(), 'tfd-'));
    let checked = 0;
    try {
      for (const entry of expected.filter((e) => e.v40 && e.selloSat !== undefined)) {
        const xml = sample(entry.path).toString('utf8');
        const result = verifyCfdi(xml);
        if (result.tfd?.selloSat === 'unknown-certificate') continue;
        let tfd = /<tfd:TimbreFiscalDigital\b[^>]*\/>/.exec(xml)![0];
        for (const [prefix, uri] of [
          ['tfd', NS.tfd],
          ['xsi', NS.xsi],
        ]) {
          if (!tfd.includes(`xmlns:${prefix}=`)) {
            tfd = tfd.replace(
              '<tfd:TimbreFiscalDigital',
              `<tfd:TimbreFiscalDigital xmlns:${prefix}="${uri}"`,
            );
          }
        }
        writeFileSync(join(dir, 'tfd.xml'), tfd);
        writeFileSync(
          join(dir, 'cadena.txt'),
          execFileSync('xsltproc', [xslt, join(dir, 'tfd.xml')], { stdio: ['ignore', 'pipe', 'ignore'] }),
        );
        writeFileSync(join(dir, 'sig.bin'), Buffer.from(/SelloSAT="([^"]+)"/.exec(tfd)![1]!, 'base64'));
        const noCertificadoSat = /NoCertificadoSAT="(\d+)"/.exec(tfd)![1]!;
        const der = readFileSync(join(FIXTURES, `certs/pac/${noCertificadoSat}.cer`));
        writeFileSync(
          join(dir, 'pub.pem'),
          execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-pubkey'], { input: der }),
        );
        const args = ['dgst', '-sha256', '-verify', 'pub.pem', '-signature', 'sig.bin', 'cadena.txt'];
        const oracle = spawnSync('openssl', args, { cwd: dir }).stdout.toString().trim() === 'Verified OK';
        assert.equal(result.tfd?.selloSat, oracle ? 'valid' : 'invalid', entry.path);
        checked++;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(checked, 9);
  });

  it('fails a sample whose Sello does not match its content (satcfdi stamped_pue)', () => {
    const result = verifyCfdi(sample('samples/satcfdi/invoices/h&e951128469_ingreso_iva16_stamped_pue.xml'));
    assert.equal(result.ok, false);
    assert.equal(result.sello, 'invalid');
    assert.deepEqual(
      result.problems.map((p) => p.code),
      ['CFDI40102'],
    );
    assert.match(result.problems[0]!.message, /El Sello no corresponde a la cadena original/);
  });

  it('fails a sample altered by one character in an attribute', () => {
    const xml = sample('samples/cfdiutils/cfdi40-valid.xml').toString('utf8');
    const altered = xml.replace(/ Total="(\d)/, (_, digit: string) => ` Total="${digit === '9' ? '8' : '9'}`);
    assert.notEqual(altered, xml);
    const result = verifyCfdi(altered);
    assert.equal(result.ok, false);
    assert.equal(result.sello, 'invalid');
    assert.equal(result.noCertificado, 'match');
  });

  it("fails a timbre altered by one character (UUID) while the CFDI's own Sello stays valid", () => {
    const xml = sample('samples/cfdiutils/cfdi40-real.xml').toString('utf8');
    const altered = xml.replace(/ UUID="([0-9A-Fa-f])/, (_, c: string) => ` UUID="${c === 'A' ? 'B' : 'A'}`);
    assert.notEqual(altered, xml);
    const result = verifyCfdi(altered);
    assert.equal(result.sello, 'valid');
    assert.equal(result.tfd?.selloSat, 'invalid');
    assert.equal(result.ok, false);
    assert.ok(result.problems.some((p) => p.code === 'TFD_SELLOSAT_INVALID'));
  });

  it('reports a NoCertificado that is not the embedded certificate', () => {
    const xml = sample('samples/generated/factura-global.xml').toString('utf8');
    const result = verifyCfdi(
      xml.replace('NoCertificado="30001000000500003416"', 'NoCertificado="30001000000500003417"'),
    );
    assert.equal(result.noCertificado, 'mismatch');
    assert.equal(result.ok, false);
    assert.ok(
      result.problems.some(
        (p) => p.code === 'NOCERTIFICADO_MISMATCH' && p.message.includes('30001000000500003416'),
      ),
    );
  });

  it('reports unsigned samples as sello missing', () => {
    const unsigned = expected.filter((e) => e.status === 'NOSIG');
    assert.ok(unsigned.length > 30);
    for (const entry of unsigned) {
      const result = verifyCfdi(sample(entry.path));
      assert.equal(result.sello, 'missing', entry.path);
      assert.equal(result.ok, false);
      assert.equal(result.problems[0]?.code, 'SELLO_MISSING');
    }
  });

  it('refuses a document that is not a CFDI 4.0', () => {
    assert.throws(
      () => verifyCfdi(sample('samples/cfdiutils/cfdi33-real.xml')),
      (error) => error instanceof XmlError && error.code === 'CFDI_NOT_40',
    );
  });

  it('verifies what signCadena seals (round trip with the EKU CSD)', () => {
    const csd = Csd.create({
      certificate: eku.certificate(),
      privateKey: eku.privateKey(),
      password: PASSWORD,
    });
    const root = parseXml(sample('samples/generated/egreso-nota-credito.xml'));
    const original = root.attrs.Sello;
    root.attrs.Sello = '';
    assert.equal(verifyCfdi(root).sello, 'missing');
    root.attrs.Sello = signCadena(cadenaOriginal(root), csd);
    assert.equal(root.attrs.Sello, original);
    assert.equal(verifyCfdi(root).ok, true);
  });

  describe('PAC certificates', () => {
    // satcfdi stamped its test samples with the e.firma 30001000000400002460 as a stand-in PAC certificate.
    const stampedBySatcfdi = 'samples/satcfdi/test_create_cfdi40/h&e951128469_ingreso_iva16_stamped.xml';
    let dir = '';
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'pac-certs-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("uses an operator's folder of <NoCertificado>.cer files", () => {
      const withoutIt = verifyCfdi(sample(stampedBySatcfdi));
      assert.equal(withoutIt.tfd?.selloSat, 'unknown-certificate');
      assert.equal(withoutIt.ok, true);
      copyFileSync(
        join(CERTS_DIR, 'sat-test-pack/Personas Morales/h&e951128469.cer'),
        join(dir, '30001000000400002460.cer'),
      );
      const withIt = verifyCfdi(sample(stampedBySatcfdi), { pacCertificates: pacCertificatesFrom([dir]) });
      assert.equal(withIt.tfd?.selloSat, 'valid');
    });

    it('ignores a file whose certificate is not the number in its name', () => {
      copyFileSync(join(CERTS_DIR, 'cfdiutils/EKU9003173C9.cer'), join(dir, '30001000000400002460.cer'));
      const certificates = pacCertificatesFrom([dir]);
      assert.equal(certificates.find('30001000000400002460'), undefined);
      assert.equal(
        verifyCfdi(sample(stampedBySatcfdi), { pacCertificates: certificates }).tfd?.selloSat,
        'unknown-certificate',
      );
    });
  });
});
