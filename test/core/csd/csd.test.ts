import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { CredentialError } from '../../../core/src/errors.js';
import { Csd, loadCsd } from '../../../core/src/fiscal/csd/index.js';
import { CERTS_DIR, cert, csd01, eku, fiel, PASSWORD } from './fixture-certs.js';

function refusal(create: () => unknown): CredentialError {
  try {
    create();
  } catch (error) {
    assert.ok(error instanceof CredentialError, `expected a CredentialError, got ${String(error)}`);
    assert.ok(error.message.length > 0 && error.messageEn && error.messageEn.length > 0);
    return error;
  }
  assert.fail('expected the CSD to be refused');
}

describe('Csd', () => {
  describe('loads a CSD', () => {
    it('from the DER .cer and the encrypted DER .key SAT hands out', () => {
      const csd = Csd.create({
        certificate: eku.certificate(),
        privateKey: eku.privateKey(),
        password: PASSWORD,
      });
      assert.equal(csd.rfc, 'EKU9003173C9');
      assert.equal(csd.legalName, 'ESCUELA KEMPER URGATE SA DE CV');
      assert.equal(csd.noCertificado, '30001000000500003416');
      assert.equal(csd.validFrom.toISOString(), '2023-05-18T11:43:51.000Z');
      assert.equal(csd.validTo.toISOString(), '2027-05-18T11:43:51.000Z');
      assert.equal(csd.certificateBase64, eku.certificate().toString('base64'));
      assert.equal(csd.isCsd, true);
    });

    it('from PEM certificate and PEM keys (encrypted PKCS#8, traditional encrypted RSA, plain)', () => {
      const pem = cert('cfdiutils/EKU9003173C9.cer.pem').toString('utf8');
      for (const key of ['EKU9003173C9_password.key.pem', 'EKU9003173C9.key.pem']) {
        const csd = loadCsd({ certificate: pem, privateKey: cert(`cfdiutils/${key}`), password: PASSWORD });
        assert.equal(csd.noCertificado, '30001000000500003416');
        assert.equal(csd.certificateBase64, eku.certificate().toString('base64'));
      }
      const protectedRsa = cert('phpcfdi-credentials/CSD01_AAA010101AAA/private_key_protected.key.pem');
      const csd = loadCsd({ certificate: csd01.certificate(), privateKey: protectedRsa, password: PASSWORD });
      assert.equal(csd.noCertificado, '30001000000300023708');
    });

    it('from the base64 text of the certificate (the Certificado attribute)', () => {
      const csd = loadCsd({
        certificate: eku.certificate().toString('base64'),
        privateKey: eku.privateKey(),
        password: PASSWORD,
      });
      assert.equal(csd.rfc, 'EKU9003173C9');
    });

    it('from files', async () => {
      const csd = await Csd.fromFiles({
        certificatePath: `${CERTS_DIR}cfdiutils/EKU9003173C9.cer`,
        privateKeyPath: `${CERTS_DIR}cfdiutils/EKU9003173C9.key`,
        password: PASSWORD,
      });
      assert.equal(csd.noCertificado, '30001000000500003416');
    });
  });

  describe('refuses', () => {
    it('a wrong password', () => {
      for (const password of ['12345678A', '']) {
        const error = refusal(() =>
          Csd.create({ certificate: eku.certificate(), privateKey: eku.privateKey(), password }),
        );
        assert.equal(error.code, 'CSD_KEY_PASSWORD');
        assert.match(error.message, /contraseña/);
      }
      for (const pem of [
        'cfdiutils/EKU9003173C9_password.key.pem',
        'phpcfdi-credentials/CSD01_AAA010101AAA/private_key_protected.key.pem',
      ]) {
        const certificate = pem.startsWith('cfdiutils') ? eku.certificate() : csd01.certificate();
        const error = refusal(() => Csd.create({ certificate, privateKey: cert(pem), password: 'wrong' }));
        assert.equal(error.code, 'CSD_KEY_PASSWORD', pem);
      }
    });

    it('a key that does not belong to the certificate', () => {
      const error = refusal(() =>
        Csd.create({ certificate: eku.certificate(), privateKey: csd01.privateKey(), password: PASSWORD }),
      );
      assert.equal(error.code, 'CSD_KEY_MISMATCH');
      assert.match(error.message, /no corresponde al certificado 30001000000500003416/);
    });

    it('an e.firma (FIEL) in place of a CSD', () => {
      const error = refusal(() =>
        Csd.create({ certificate: fiel.certificate(), privateKey: fiel.privateKey(), password: PASSWORD }),
      );
      assert.equal(error.code, 'CSD_IS_FIEL');
      assert.match(error.message, /e\.firma \(FIEL\)/);
    });

    it('a certificate file that is not a certificate', () => {
      for (const certificate of [Buffer.from('not a certificate'), eku.privateKey(), Buffer.alloc(0)]) {
        const error = refusal(() =>
          Csd.create({ certificate, privateKey: eku.privateKey(), password: PASSWORD }),
        );
        assert.equal(error.code, 'CSD_CERT_INVALID');
      }
      const broken = cert('cfdiutils/certificate-with-error.pem');
      const error = refusal(() =>
        Csd.create({ certificate: broken, privateKey: eku.privateKey(), password: PASSWORD }),
      );
      assert.equal(error.code, 'CSD_CERT_INVALID');
    });

    it('a key file that is not a key', () => {
      for (const privateKey of [eku.certificate(), Buffer.from('garbage'), Buffer.alloc(0)]) {
        const error = refusal(() =>
          Csd.create({ certificate: eku.certificate(), privateKey, password: PASSWORD }),
        );
        assert.equal(error.code, 'CSD_KEY_INVALID');
      }
    });
  });

  it('keeps the key and password out of logs and JSON', () => {
    const csd = Csd.create({
      certificate: eku.certificate(),
      privateKey: eku.privateKey(),
      password: PASSWORD,
    });
    for (const shown of [JSON.stringify(csd), inspect(csd, { depth: 5, showHidden: true })]) {
      assert.ok(!shown.includes(PASSWORD));
      assert.ok(!/PRIVATE|KeyObject/i.test(shown), shown);
    }
    assert.equal(JSON.parse(JSON.stringify(csd)).noCertificado, '30001000000500003416');
  });
});
