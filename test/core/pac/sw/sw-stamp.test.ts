import assert from 'node:assert/strict';
import { verifyCfdi } from '../../../../core/src/cfdi/verify/index.js';
import { PacError } from '../../../../core/src/pac/port.js';
import { createSwPac, type SwConfig } from '../../../../core/src/pac/sw/index.js';
import { startLoopback } from '../../../support/fakes/fake-pac.js';
import { FAKE_NOW, FECHA, opensslVerdicts, sealedCfdi } from '../../../support/fakes/sealed-cfdi.js';
import { type FakeSw, startFakeSw } from '../../../support/fakes/sw.js';

let folio = 9000;
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

describe('SW Sapien adapter: stamp (against a fake SW)', () => {
  let fake: FakeSw;
  let now = FAKE_NOW;
  const clock = () => now;
  const sw = (overrides: Partial<SwConfig> = {}) =>
    createSwPac(
      { user: fake.user, password: fake.password, baseUrl: fake.url, timeoutMs: 3000, ...overrides },
      { now: clock },
    );
  const paths = () => fake.requests.map((r) => r.path);

  before(async () => {
    fake = await startFakeSw({ clock });
  });
  after(() => fake.close());
  beforeEach(() => {
    now = FAKE_NOW;
    fake.modes.mode = 'success';
    fake.requests.length = 0;
  });

  it('returns data.cfdi with a TimbreFiscalDigital whose UUID is the result’s; Sello and SelloSAT verify with openssl', async () => {
    const sealed = fresh();
    const result = await sw().stamp(sealed.xml);
    assert.equal(result.duplicate, false);
    assert.ok(result.xml.includes(`UUID="${result.uuid}"`));
    assert.equal(result.stampedAt, '2026-11-28T11:00:00');
    const verified = verifyCfdi(result.xml, { pacCertificates: fake.stamper.pacCertificates });
    assert.equal(verified.ok, true, JSON.stringify(verified.problems));
    const verdicts = await opensslVerdicts(
      result.xml,
      Buffer.from(fake.stamper.certificate.raw).toString('base64'),
    );
    assert.equal(verdicts.sello, true, 'openssl: the Sello no longer verifies');
    assert.equal(verdicts.selloSat, true, 'openssl: SelloSAT does not verify over SAT’s TFD cadena');
  });

  it('authenticates with the user and password headers, then sends the XML as the multipart part "xml" with the bearer token', async () => {
    const sealed = fresh();
    await sw().stamp(sealed.xml);
    const [auth, stamp] = fake.requests;
    assert.equal(auth?.path, '/security/authenticate');
    assert.equal(auth?.headers.user, fake.user);
    assert.equal(auth?.headers.password, fake.password);
    assert.equal(auth?.body.length, 0);
    assert.equal(stamp?.path, '/cfdi33/stamp/v4');
    assert.match(String(stamp?.headers.authorization), /^Bearer \S+$/);
    assert.match(String(stamp?.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.deepEqual(stamp?.xmlPart, { filename: 'xml', type: 'text/xml', text: sealed.xml });
  });

  it('keeps the token until it expires, then authenticates again', async () => {
    const pac = sw();
    await pac.stamp(fresh().xml);
    await pac.stamp(fresh().xml);
    assert.deepEqual(paths(), ['/security/authenticate', '/cfdi33/stamp/v4', '/cfdi33/stamp/v4']);
    now = new Date(FAKE_NOW.getTime() + 2 * 3600_000);
    fake.requests.length = 0;
    await pac.stamp(fresh('2026-11-28T12:30:00').xml);
    assert.deepEqual(paths(), ['/security/authenticate', '/cfdi33/stamp/v4']);
  });

  it('authenticates again once when SW refuses a token it had issued', async () => {
    const pac = sw();
    await pac.stamp(fresh().xml);
    fake.revokeTokens();
    fake.requests.length = 0;
    const result = await pac.stamp(fresh().xml);
    assert.equal(result.duplicate, false);
    assert.deepEqual(paths(), ['/cfdi33/stamp/v4', '/security/authenticate', '/cfdi33/stamp/v4']);
  });

  it('uses a portal token as it is, without authenticating', async () => {
    await sw({ user: undefined, password: undefined, token: fake.portalToken }).stamp(fresh().xml);
    assert.deepEqual(paths(), ['/cfdi33/stamp/v4']);
    assert.equal(fake.requests[0]?.headers.authorization, `Bearer ${fake.portalToken}`);
  });

  it('refuses wrong credentials (PAC_AUTH_FAILED, not retriable) without showing the password', async () => {
    const error = await rejection(sw({ password: 'wrong-secret-456' }).stamp(fresh().xml));
    assert.equal(error.code, 'PAC_AUTH_FAILED');
    assert.equal(error.retriable, false);
    assert.match(error.message, /SW_USER y SW_PASSWORD/);
    assert.ok(!`${error.message} ${error.messageEn}`.includes('wrong-secret-456'));
    const token = await rejection(
      sw({ user: undefined, password: undefined, token: 'not-a-token' }).stamp(fresh().xml),
    );
    assert.equal(token.code, 'PAC_AUTH_FAILED');
    assert.match(token.message, /SW_TOKEN/);
    assert.ok(!token.message.includes('not-a-token'));
  });

  it('recovers the earlier timbre from data.tfd when the same CFDI is stamped twice (307)', async () => {
    const sealed = fresh();
    const pac = sw();
    const first = await pac.stamp(sealed.xml);
    const second = await pac.stamp(sealed.xml);
    assert.equal(second.duplicate, true);
    assert.equal(second.uuid, first.uuid);
    assert.equal(second.xml, first.xml, 'the timbre goes back where the PAC put it, bytes untouched');
    assert.equal(verifyCfdi(second.xml, { pacCertificates: fake.stamper.pacCertificates }).ok, true);
  });

  it('recovers from data.tfd when the first answer is already a 307', async () => {
    fake.modes.mode = 'duplicate';
    const sealed = fresh();
    const result = await sw().stamp(sealed.xml);
    assert.equal(result.duplicate, true);
    assert.equal(result.uuid, fake.stamper.earlier(sealed.xml)?.uuid);
    assert.equal(verifyCfdi(result.xml, { pacCertificates: fake.stamper.pacCertificates }).ok, true);
  });

  it('maps "401 - El rango de la fecha..." to a non-retriable PacError with code 401', async () => {
    const old = await rejection(sw().stamp(fresh('2026-11-24T10:00:00').xml));
    assert.equal(old.code, '401');
    assert.equal(old.pac, 'sw');
    assert.equal(old.retriable, false);
    assert.match(old.message, /72 horas/);
    fake.modes.mode = 'fecha-401';
    const forced = await rejection(sw().stamp(fresh().xml));
    assert.equal(forced.code, '401');
    assert.equal(forced.retriable, false);
  });

  it('maps a CFDI changed after sealing to 302', async () => {
    const error = await rejection(sw().stamp(fresh().xml.replace(/ Folio="\d+"/, ' Folio="999999"')));
    assert.equal(error.code, '302');
    assert.equal(error.retriable, false);
  });

  it('turns a malformed answer into a retriable PAC_BAD_RESPONSE', async () => {
    const pac = sw();
    await pac.stamp(fresh().xml);
    fake.modes.mode = 'malformed';
    const error = await rejection(pac.stamp(fresh().xml));
    assert.equal(error.code, 'PAC_BAD_RESPONSE');
    assert.equal(error.retriable, true);
  });

  it('gives up at the configured timeout with a retriable PAC_TIMEOUT (authentication included)', async () => {
    fake.modes.mode = 'timeout';
    const started = Date.now();
    const error = await rejection(sw({ timeoutMs: 400 }).stamp(fresh().xml));
    const elapsed = Date.now() - started;
    assert.equal(error.code, 'PAC_TIMEOUT');
    assert.equal(error.retriable, true);
    assert.ok(elapsed >= 380 && elapsed < 900, `gave up after ${elapsed} ms`);
  });

  it('retries 500s of authentication and of stamping (stamping again is safe) within the call', async () => {
    const pac = sw({ retries: 2 });
    fake.modes.failNext('http-500', 2);
    await pac.stamp(fresh().xml);
    assert.deepEqual(paths(), [
      '/security/authenticate',
      '/security/authenticate',
      '/security/authenticate',
      '/cfdi33/stamp/v4',
    ]);
    fake.requests.length = 0;
    fake.modes.failNext('http-500');
    const result = await pac.stamp(fresh().xml);
    assert.equal(result.duplicate, false);
    assert.deepEqual(paths(), ['/cfdi33/stamp/v4', '/cfdi33/stamp/v4']);
  });

  it('does not multiply the retries of an authentication that keeps failing', async () => {
    fake.modes.mode = 'http-500';
    const error = await rejection(sw({ retries: 1 }).stamp(fresh().xml));
    assert.equal(error.code, 'HTTP_500');
    assert.equal(error.retriable, true);
    assert.deepEqual(paths(), ['/security/authenticate', '/security/authenticate']);
  });

  it('reports a 500 that persists as a retriable HTTP_500', async () => {
    const pac = sw({ retries: 1 });
    await pac.stamp(fresh().xml);
    fake.modes.mode = 'http-500';
    fake.requests.length = 0;
    const error = await rejection(pac.stamp(fresh().xml));
    assert.equal(error.code, 'HTTP_500');
    assert.equal(error.retriable, true);
    assert.deepEqual(paths(), ['/cfdi33/stamp/v4', '/cfdi33/stamp/v4']);
  });

  it('reports an SW it cannot connect to as a retriable PAC_UNREACHABLE', async () => {
    const closed = await startLoopback(() => {});
    await closed.close();
    const error = await rejection(sw({ baseUrl: closed.url, retries: 0 }).stamp(fresh().xml));
    assert.equal(error.code, 'PAC_UNREACHABLE');
    assert.equal(error.retriable, true);
  });
});
