import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type CancelRequest, type Pac, PacError } from '../../../../core/src/pac/port.js';
import { createSwPac, type SwConfig } from '../../../../core/src/pac/sw/index.js';
import { ekuCsd, FECHA, fakeClock, sealedCfdi } from '../../../support/fakes/sealed-cfdi.js';
import { type FakeSw, startFakeSw } from '../../../support/fakes/sw.js';
import { EKU } from '../../../support/oracles.js';

let folio = 11000;

async function rejection(promise: Promise<unknown>): Promise<PacError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PacError, `expected a PacError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('SW Sapien adapter: cancel and status (against a fake SW)', () => {
  let fake: FakeSw;
  let pac: Pac;
  const sw = (overrides: Partial<SwConfig> = {}) =>
    createSwPac(
      { user: fake.user, password: fake.password, baseUrl: fake.url, timeoutMs: 3000, ...overrides },
      { now: fakeClock },
    );

  async function stamped(cheap: boolean) {
    const sealed = sealedCfdi(FECHA, (r) => {
      r.folio = String(folio++);
      if (cheap) r.items = r.items.slice(0, 1);
    });
    return { ...sealed, uuid: (await pac.stamp(sealed.xml)).uuid };
  }
  const cancelRequest = (uuid: string, change: Partial<CancelRequest> = {}): CancelRequest => ({
    uuid,
    motive: '02',
    credential: ekuCsd,
    total: '116.00',
    receiverRfc: 'COSC8001137NA',
    ...change,
  });
  const cancels = () => fake.requests.filter((r) => r.path === '/cfdi33/cancel/csd');

  before(async () => {
    fake = await startFakeSw({ clock: fakeClock });
    pac = sw();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.modes.mode = 'success';
    fake.requests.length = 0;
  });

  it('cancels with the CSD: 201 is a request SAT received, with SAT’s acuse', async () => {
    const cfdi = await stamped(true);
    const result = await pac.cancel(cancelRequest(cfdi.uuid));
    assert.equal(result.uuid, cfdi.uuid);
    assert.equal(result.status, 'En proceso');
    assert.match(result.acuse, new RegExp(`<UUID>${cfdi.uuid}</UUID><EstatusUUID>201</EstatusUUID>`));
    assert.equal(result.requestedAt, '2026-11-28T11:00:00');
  });

  it('sends base64 DER .cer and .key with a one-time key password, never the merchant’s', async () => {
    const cfdi = await stamped(true);
    await pac.cancel(cancelRequest(cfdi.uuid));
    const [request] = cancels();
    assert.ok(request?.json);
    assert.match(String(request.headers.authorization), /^Bearer \S+$/);
    assert.equal(request.headers['content-type'], 'application/json');
    const body = request.json as Record<string, string>;
    assert.deepEqual(Object.keys(body).sort(), ['b64Cer', 'b64Key', 'motivo', 'password', 'rfc', 'uuid']);
    assert.equal(body.uuid, cfdi.uuid);
    assert.equal(body.rfc, 'EKU9003173C9');
    assert.equal(body.motivo, '02');
    assert.ok(Buffer.from(body.b64Cer!, 'base64').equals(readFileSync(EKU.cer)));
    assert.notEqual(body.password, EKU.password);
    assert.ok(body.password!.length >= 20);
    const keyDer = Buffer.from(body.b64Key!, 'base64');
    assert.throws(() =>
      createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8', passphrase: EKU.password }),
    );
    const key = createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8', passphrase: body.password! });
    assert.ok(new X509Certificate(readFileSync(EKU.cer)).checkPrivateKey(key));
  });

  it('sends motive 01 with folioSustitucion; without a replacement nothing is sent', async () => {
    const cfdi = await stamped(true);
    const replacement = await stamped(true);
    const refused = await rejection(pac.cancel(cancelRequest(cfdi.uuid, { motive: '01' })));
    assert.equal(refused.code, 'CANCEL_REPLACEMENT_REQUIRED');
    assert.equal(cancels().length, 0);
    await pac.cancel(cancelRequest(cfdi.uuid, { motive: '01', replacementUuid: replacement.uuid }));
    const body = cancels()[0]?.json as Record<string, string>;
    assert.equal(body.motivo, '01');
    assert.equal(body.folioSustitucion, replacement.uuid);
  });

  it('answers a second cancellation (202) as cancelled', async () => {
    const cfdi = await stamped(true);
    await pac.cancel(cancelRequest(cfdi.uuid));
    const again = await pac.cancel(cancelRequest(cfdi.uuid));
    assert.equal(again.status, 'Cancelado sin aceptación');
    assert.match(again.acuse, /<EstatusUUID>202<\/EstatusUUID>/);
  });

  it('reports an unknown UUID as 205 (retriable) and another issuer’s as 203 (not retriable)', async () => {
    const unknown = await rejection(pac.cancel(cancelRequest('ABCDEF01-2345-4678-89AB-CDEF01234567')));
    assert.equal(unknown.code, '205');
    assert.equal(unknown.retriable, true);
    const cfdi = await stamped(true);
    const record = fake.stamper.byUuid(cfdi.uuid)!;
    record.emisorRfc = 'AAA010101AAA';
    const other = await rejection(pac.cancel(cancelRequest(cfdi.uuid)));
    assert.equal(other.code, '203');
    assert.equal(other.retriable, false);
  });

  it('does not repeat a cancellation that may have arrived (500), and times out at the deadline', async () => {
    const cfdi = await stamped(true);
    fake.modes.mode = 'http-500';
    const failed = await rejection(
      sw({ retries: 2, token: fake.portalToken }).cancel(cancelRequest(cfdi.uuid)),
    );
    assert.equal(failed.code, 'HTTP_500');
    assert.equal(failed.retriable, true);
    assert.equal(cancels().length, 1);

    fake.modes.mode = 'timeout';
    const started = Date.now();
    const timedOut = await rejection(
      sw({ timeoutMs: 300, token: fake.portalToken }).cancel(cancelRequest(cfdi.uuid)),
    );
    assert.equal(timedOut.code, 'PAC_TIMEOUT');
    assert.ok(Date.now() - started < 800);
  });

  it('has no status query in its contract: PAC_STATUS_NOT_SUPPORTED, without calling SW', async () => {
    const error = await rejection(
      pac.status({
        uuid: 'ABCDEF01-2345-4678-89AB-CDEF01234567',
        issuerRfc: 'EKU9003173C9',
        receiverRfc: 'COSC8001137NA',
        total: '116.00',
      }),
    );
    assert.equal(error.code, 'PAC_STATUS_NOT_SUPPORTED');
    assert.equal(error.retriable, false);
    assert.match(error.message, /PAC=finkok/);
    assert.equal(fake.requests.length, 0);
  });
});
