import assert from 'node:assert/strict';
import { verifyCfdi } from '../../../../core/src/cfdi/verify/index.js';
import { createFinkokPac, type FinkokConfig } from '../../../../core/src/pac/finkok/index.js';
import { PacError } from '../../../../core/src/pac/port.js';
import { startLoopback } from '../../../support/fakes/fake-pac.js';
import { type FakeFinkok, startFakeFinkok } from '../../../support/fakes/finkok.js';
import { FECHA, fakeClock, opensslVerdicts, sealedCfdi } from '../../../support/fakes/sealed-cfdi.js';

/** Each test stamps its own CFDI (a distinct folio), since the fake remembers every stamp. */
let folio = 5000;
const fresh = (date = FECHA) =>
  sealedCfdi(date, (r) => {
    r.folio = String(folio++);
  });

async function rejection(promise: Promise<unknown>): Promise<PacError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PacError, `expected a PacError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('Finkok adapter: stamp (against a fake Finkok)', () => {
  let fake: FakeFinkok;
  const finkok = (overrides: Partial<FinkokConfig> = {}) =>
    createFinkokPac({
      username: fake.username,
      password: fake.password,
      baseUrl: fake.url,
      timeoutMs: 3000,
      ...overrides,
    });

  before(async () => {
    fake = await startFakeFinkok({ clock: fakeClock });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.modes.mode = 'success';
    fake.requests.length = 0;
  });

  it('returns the CFDI with a TimbreFiscalDigital whose UUID is the result’s; Sello and SelloSAT verify with openssl', async () => {
    const sealed = fresh();
    const result = await finkok().stamp(sealed.xml);

    assert.equal(result.duplicate, false);
    assert.match(result.uuid, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    assert.ok(result.xml.includes(`UUID="${result.uuid}"`));
    assert.equal(result.stampedAt, '2026-11-28T11:00:00');
    assert.ok(result.xml.startsWith(sealed.xml.slice(0, sealed.xml.lastIndexOf('</cfdi:Comprobante>'))));
    const verified = verifyCfdi(result.xml, { pacCertificates: fake.stamper.pacCertificates });
    assert.equal(verified.ok, true, JSON.stringify(verified.problems));
    assert.equal(verified.tfd?.selloSat, 'valid');
    const pacCertificate = Buffer.from(fake.stamper.certificate.raw).toString('base64');
    const verdicts = await opensslVerdicts(result.xml, pacCertificate);
    assert.equal(verdicts.sello, true, 'openssl: the Sello no longer verifies');
    assert.equal(verdicts.selloSat, true, 'openssl: SelloSAT does not verify over SAT’s TFD cadena');
    assert.ok(verdicts.tfdCadena.startsWith(`||1.1|${result.uuid}|2026-11-28T11:00:00|FIN1203015JA|`));
  });

  it('sends the CFDI in base64 with the username and password, as Finkok’s stamp operation expects', async () => {
    const sealed = fresh();
    await finkok().stamp(sealed.xml);
    const [request] = fake.requests;
    assert.ok(request);
    assert.equal(request.path, '/servicios/soap/stamp');
    assert.equal(request.operation, 'stamp');
    assert.equal(request.operationNs, 'http://facturacion.finkok.com/stamp');
    assert.match(request.contentType, /^text\/xml; charset=utf-8$/);
    assert.equal(request.soapAction, '"stamp"');
    assert.equal(Buffer.from(request.fields.xml!, 'base64').toString('utf8'), sealed.xml);
    assert.equal(request.fields.username, fake.username);
    // The password has &, < and >: it arrives intact only if the envelope escaped it.
    assert.equal(request.fields.password, fake.password);
  });

  it('recovers the original timbre with `stamped` when the same CFDI is stamped twice (307)', async () => {
    const sealed = fresh();
    const first = await finkok().stamp(sealed.xml);
    const second = await finkok().stamp(sealed.xml);
    assert.equal(second.duplicate, true);
    assert.equal(second.uuid, first.uuid);
    assert.equal(second.xml, first.xml);
    assert.deepEqual(
      fake.requests.map((r) => r.operation),
      ['stamp', 'stamp', 'stamped'],
    );
  });

  it('recovers with `stamped` when the first answer is already a 307 without the XML', async () => {
    fake.modes.mode = 'duplicate';
    const sealed = fresh();
    const result = await finkok().stamp(sealed.xml);
    assert.equal(result.duplicate, true);
    assert.equal(result.uuid, fake.stamper.earlier(sealed.xml)?.uuid);
    assert.equal(verifyCfdi(result.xml, { pacCertificates: fake.stamper.pacCertificates }).ok, true);
  });

  it('maps 401 (Fecha more than 72 hours old) to a non-retriable PacError with code 401', async () => {
    const error = await rejection(finkok().stamp(fresh('2026-11-24T10:00:00').xml));
    assert.equal(error.code, '401');
    assert.equal(error.pac, 'finkok');
    assert.equal(error.retriable, false);
    assert.match(error.message, /72 horas/);
    assert.match(error.messageEn ?? '', /72 hours/);
  });

  it('maps a Fecha in the future to 401 as well (fake in fecha-401 mode answers the same)', async () => {
    const future = await rejection(finkok().stamp(fresh('2026-11-28T11:30:00').xml));
    assert.equal(future.code, '401');
    fake.modes.mode = 'fecha-401';
    const forced = await rejection(finkok().stamp(fresh().xml));
    assert.equal(forced.code, '401');
    assert.equal(forced.retriable, false);
  });

  it('maps a CFDI changed after sealing to 302 (the fake decodes the base64 and verifies the Sello)', async () => {
    const tampered = fresh().xml.replace(/ Folio="\d+"/, ' Folio="999999"');
    const error = await rejection(finkok().stamp(tampered));
    assert.equal(error.code, '302');
    assert.equal(error.retriable, false);
    assert.match(error.message, /Vuelva a sellar/);
  });

  it('refuses wrong credentials once (300), without showing the password', async () => {
    const error = await rejection(finkok({ password: 'wrong-secret-123' }).stamp(fresh().xml));
    assert.equal(error.code, '300');
    assert.equal(error.retriable, false);
    assert.match(error.message, /FINKOK_PASSWORD/);
    assert.equal(fake.requests.length, 1);
    assert.ok(!JSON.stringify({ ...error, message: error.message }).includes('wrong-secret-123'));
  });

  it('turns a malformed answer into a retriable PAC_BAD_RESPONSE', async () => {
    fake.modes.mode = 'malformed';
    const error = await rejection(finkok().stamp(fresh().xml));
    assert.equal(error.code, 'PAC_BAD_RESPONSE');
    assert.equal(error.retriable, true);
  });

  it('gives up at the configured timeout with a retriable PAC_TIMEOUT', async () => {
    fake.modes.mode = 'timeout';
    const started = Date.now();
    const error = await rejection(finkok({ timeoutMs: 400 }).stamp(fresh().xml));
    const elapsed = Date.now() - started;
    assert.equal(error.code, 'PAC_TIMEOUT');
    assert.equal(error.retriable, true);
    assert.ok(elapsed >= 380 && elapsed < 900, `gave up after ${elapsed} ms`);
  });

  it('retries a SOAP Fault and a 503 within the call and stamps once Finkok recovers', async () => {
    fake.modes.failNext('soap-fault');
    fake.modes.failNext('http-503');
    const result = await finkok({ retries: 2 }).stamp(fresh().xml);
    assert.equal(result.duplicate, false);
    assert.deepEqual(
      fake.requests.map((r) => r.operation),
      ['stamp', 'stamp', 'stamp'],
    );
  });

  it('reports a SOAP Fault that persists as a retriable SOAP_FAULT after retries + 1 attempts', async () => {
    fake.modes.mode = 'soap-fault';
    const error = await rejection(finkok({ retries: 1 }).stamp(fresh().xml));
    assert.equal(error.code, 'SOAP_FAULT');
    assert.equal(error.retriable, true);
    assert.match(error.message, /Internal Error/);
    assert.equal(fake.requests.length, 2);
  });

  it('reports a 503 that persists as a retriable HTTP_503', async () => {
    fake.modes.mode = 'http-503';
    const error = await rejection(finkok({ retries: 0 }).stamp(fresh().xml));
    assert.equal(error.code, 'HTTP_503');
    assert.equal(error.retriable, true);
  });

  it('reports a Finkok it cannot connect to as a retriable PAC_UNREACHABLE', async () => {
    const closed = await startLoopback(() => {});
    await closed.close();
    const error = await rejection(finkok({ baseUrl: closed.url, retries: 1 }).stamp(fresh().xml));
    assert.equal(error.code, 'PAC_UNREACHABLE');
    assert.equal(error.retriable, true);
  });

  it('refuses a document that is not a sealed CFDI without calling Finkok', async () => {
    const unsealed = fresh().xml.replace(/ Sello="[^"]*"/, '');
    const error = await rejection(finkok().stamp(unsealed));
    assert.equal(error.code, 'CFDI_NOT_SEALED');
    const broken = await rejection(finkok().stamp('<cfdi:Comprobante'));
    assert.equal(broken.code, 'XML_MALFORMED');
    assert.equal(fake.requests.length, 0);
  });
});
