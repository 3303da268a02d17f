import assert from 'node:assert/strict';
import { startCall } from '../../../../core/src/pac/http.js';
import { PacError } from '../../../../core/src/pac/port.js';
import { readSealed, stampResultFrom, withTimbre } from '../../../../core/src/pac/stamped-cfdi.js';
import { FakeStamper } from '../../../support/fakes/fake-pac.js';
import { fakeClock, sealedCfdi } from '../../../support/fakes/sealed-cfdi.js';

/** What the adapters check before they trust a PAC's answer (core/src/pac/stamped-cfdi.ts). */
describe('stamped CFDI checks shared by the real PAC adapters', () => {
  let stamper: FakeStamper;
  const call = () => startCall('finkok', 'Finkok', 'stamp', 5000, []);
  const badResponse = (run: () => unknown) =>
    assert.throws(
      run,
      (error: unknown) => error instanceof PacError && error.code === 'PAC_BAD_RESPONSE' && error.retriable,
    );

  before(async () => {
    stamper = await FakeStamper.create({
      noCertificado: '99003000000000000001',
      rfcProvCertif: 'AAA010101AAA',
      clock: fakeClock,
    });
  });

  it('accepts the CFDI that was sent with its timbre, and keeps the PAC’s bytes', () => {
    const sealed = sealedCfdi(undefined, (r) => {
      r.folio = 'S1';
    });
    const { record } = stamper.stamp(sealed.xml);
    const result = stampResultFrom(call(), readSealed(call(), sealed.xml), record.xml, {
      duplicate: false,
      reportedUuid: record.uuid.toLowerCase(),
    });
    assert.deepEqual(result, {
      uuid: record.uuid,
      stampedAt: record.fechaTimbrado,
      xml: record.xml,
      duplicate: false,
    });
  });

  it('refuses another CFDI, a timbre of another Sello, or a UUID other than the one reported', () => {
    const sealed = sealedCfdi(undefined, (r) => {
      r.folio = 'S2';
    });
    const other = sealedCfdi(undefined, (r) => {
      r.folio = 'S3';
    });
    const mine = stamper.stamp(sealed.xml).record;
    const theirs = stamper.stamp(other.xml).record;
    const document = readSealed(call(), sealed.xml);
    badResponse(() => stampResultFrom(call(), document, theirs.xml, { duplicate: false }));
    const foreignTimbre = withTimbre(call(), document, theirs.tfd);
    badResponse(() => stampResultFrom(call(), document, foreignTimbre, { duplicate: true }));
    badResponse(() =>
      stampResultFrom(call(), document, mine.xml, { duplicate: false, reportedUuid: theirs.uuid }),
    );
    badResponse(() => stampResultFrom(call(), document, sealed.xml, { duplicate: false }));
    badResponse(() => stampResultFrom(call(), document, mine.xml.slice(0, -5), { duplicate: false }));
  });

  it('puts a timbre returned on its own (with or without an XML declaration) back into the sealed XML', () => {
    const sealed = sealedCfdi(undefined, (r) => {
      r.folio = 'S4';
    });
    const { record } = stamper.stamp(sealed.xml);
    const document = readSealed(call(), sealed.xml);
    assert.equal(withTimbre(call(), document, record.tfd), record.xml);
    assert.equal(
      withTimbre(call(), document, `<?xml version="1.0" encoding="utf-8"?>\n${record.tfd}`),
      record.xml,
    );
    badResponse(() => withTimbre(call(), document, '<Acuse/>'));
    badResponse(() => withTimbre(call(), document, '<tfd:TimbreFiscalDigital'));
  });
});
