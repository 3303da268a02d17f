import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { certificateKind, subjectFields } from '../../../core/src/fiscal/csd/index.js';
import { cert } from './fixture-certs.js';

describe('certificate subject and kind', () => {
  it('reads the RFC before " / " and unescapes RFC 2253 values', () => {
    const fields = subjectFields(
      'CN=ACME\\, S.A.\nname=ACME\\, S.A.\nx500UniqueIdentifier=AAA010101AAA / HEGT7610034S2\nserialNumber=\\ / HEGT761003MDFRNN09',
    );
    assert.deepEqual(fields, { rfc: 'AAA010101AAA', legalName: 'ACME, S.A.' });
  });

  it('tells an e.firma from a CSD by key usage, not by the OU a CSD usually carries', () => {
    const read = (path: string) => certificateKind(new X509Certificate(cert(path)));
    assert.equal(read('phpcfdi-credentials/FIEL_AAA010101AAA/certificate.cer'), 'fiel');
    assert.equal(read('phpcfdi-credentials/CSD01_AAA010101AAA/certificate.cer'), 'csd');
    // satcfdi's fictitious emisor2021.cer has no OU but only signing usage (no emailProtection/clientAuth).
    assert.equal(read('sat-test-pack/emisor2021.cer'), 'csd');
  });
});
