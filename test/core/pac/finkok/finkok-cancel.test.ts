import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createFinkokPac, type FinkokConfig } from '../../../../core/src/pac/finkok/index.js';
import { type CancelRequest, type Pac, PacError } from '../../../../core/src/pac/port.js';
import { type FakeFinkok, startFakeFinkok } from '../../../support/fakes/finkok.js';
import { ekuCsd, FECHA, fakeClock, sealedCfdi } from '../../../support/fakes/sealed-cfdi.js';
import { EKU } from '../../../support/oracles.js';

let folio = 7000;

async function rejection(promise: Promise<unknown>): Promise<PacError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PacError, `expected a PacError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('Finkok adapter: cancel and status (against a fake Finkok)', () => {
  let fake: FakeFinkok;
  let pac: Pac;
  const finkok = (overrides: Partial<FinkokConfig> = {}) =>
    createFinkokPac({
      username: fake.username,
      password: fake.password,
      baseUrl: fake.url,
      timeoutMs: 3000,
      ...overrides,
    });

  /** Stamps a CFDI through the adapter; `cheap` keeps the total under 1000 (cancelled without acceptance). */
  async function stamped(cheap: boolean) {
    const sealed = sealedCfdi(FECHA, (r) => {
      r.folio = String(folio++);
      if (cheap) r.items = r.items.slice(0, 1);
    });
    const result = await pac.stamp(sealed.xml);
    return { ...sealed, uuid: result.uuid };
  }

  const cancelRequest = (
    cfdi: { uuid: string; total: string; receiverRfc: string },
    change: Partial<CancelRequest> = {},
  ) => ({
    uuid: cfdi.uuid,
    motive: '02' as const,
    credential: ekuCsd,
    total: cfdi.total,
    receiverRfc: cfdi.receiverRfc,
    ...change,
  });
  const statusRequest = (cfdi: { uuid: string; total: string; receiverRfc: string }) => ({
    uuid: cfdi.uuid,
    issuerRfc: 'EKU9003173C9',
    receiverRfc: cfdi.receiverRfc,
    total: cfdi.total,
  });

  before(async () => {
    fake = await startFakeFinkok({ clock: fakeClock });
    pac = finkok();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.modes.mode = 'success';
    fake.requests.length = 0;
  });

  it('cancels with motive 02 at once when no acceptance is needed, and status then says Cancelado', async () => {
    const cfdi = await stamped(true);
    assert.deepEqual(await pac.status(statusRequest(cfdi)), {
      estado: 'Vigente',
      esCancelable: 'Cancelable sin aceptación',
      estatusCancelacion: '',
    });

    const result = await pac.cancel(cancelRequest(cfdi));
    assert.equal(result.uuid, cfdi.uuid);
    assert.equal(result.status, 'Cancelado sin aceptación');
    assert.match(result.acuse, new RegExp(`<UUID>${cfdi.uuid}</UUID><EstatusUUID>201</EstatusUUID>`));
    assert.equal(result.requestedAt, '2026-11-28T11:00:00');

    assert.deepEqual(await pac.status(statusRequest(cfdi)), {
      estado: 'Cancelado',
      esCancelable: 'No cancelable',
      estatusCancelacion: 'Cancelado sin aceptación',
    });
  });

  it('sends the CSD as Finkok documents it: PEM certificate and a PEM key encrypted with the Finkok password', async () => {
    const cfdi = await stamped(true);
    await pac.cancel(cancelRequest(cfdi));
    const request = fake.requests.find((r) => r.operation === 'cancel');
    assert.ok(request);
    assert.equal(request.path, '/servicios/soap/cancel');
    assert.equal(request.operationNs, 'http://facturacion.finkok.com/cancel');
    assert.deepEqual(request.uuids, [
      { 'xmlns:fkv': 'apps.services.soap.core.views', UUID: cfdi.uuid, FolioSustitucion: '', Motivo: '02' },
    ]);
    assert.deepEqual(request.uuidNs, ['apps.services.soap.core.views']);
    assert.equal(request.fields.taxpayer_id, 'EKU9003173C9');
    assert.equal(request.fields.store_pending, 'false');
    const certificate = new X509Certificate(Buffer.from(request.fields.cer!, 'base64').toString('utf8'));
    assert.ok(certificate.raw.equals(readFileSync(EKU.cer)));
    const keyPem = Buffer.from(request.fields.key!, 'base64').toString('utf8');
    assert.match(keyPem, /^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,/);
    assert.throws(() => createPrivateKey({ key: keyPem, format: 'pem', passphrase: EKU.password }));
    assert.ok(
      certificate.checkPrivateKey(
        createPrivateKey({ key: keyPem, format: 'pem', passphrase: fake.password }),
      ),
    );
  });

  it('leaves a cancellation that needs acceptance En proceso until the receptor answers', async () => {
    const cfdi = await stamped(false);
    const result = await pac.cancel(cancelRequest(cfdi, { motive: '03' }));
    assert.equal(result.status, 'En proceso');
    assert.deepEqual(await pac.status(statusRequest(cfdi)), {
      estado: 'Vigente',
      esCancelable: 'Cancelable con aceptación',
      estatusCancelacion: 'En proceso',
    });
    fake.stamper.respond(cfdi.uuid, true);
    assert.deepEqual(await pac.status(statusRequest(cfdi)), {
      estado: 'Cancelado',
      esCancelable: 'No cancelable',
      estatusCancelacion: 'Cancelado con aceptación',
    });
  });

  it('sends motive 01 with the replacement UUID as FolioSustitucion; without one nothing is sent', async () => {
    const cfdi = await stamped(true);
    const replacement = await stamped(true);
    const refused = await rejection(pac.cancel(cancelRequest(cfdi, { motive: '01' })));
    assert.equal(refused.code, 'CANCEL_REPLACEMENT_REQUIRED');
    assert.equal(refused.retriable, false);
    assert.equal(fake.requests.filter((r) => r.operation === 'cancel').length, 0);

    const result = await pac.cancel(
      cancelRequest(cfdi, { motive: '01', replacementUuid: replacement.uuid.toLowerCase() }),
    );
    assert.equal(result.status, 'Cancelado sin aceptación');
    const sent = fake.requests.find((r) => r.operation === 'cancel');
    assert.equal(sent?.uuids[0]?.FolioSustitucion, replacement.uuid);
    assert.equal(sent?.uuids[0]?.Motivo, '01');
  });

  it('answers a second cancellation (202) with the status SAT holds', async () => {
    const cfdi = await stamped(false);
    await pac.cancel(cancelRequest(cfdi));
    fake.stamper.respond(cfdi.uuid, false);
    const again = await pac.cancel(cancelRequest(cfdi));
    assert.equal(again.status, 'Solicitud rechazada');
    assert.match(again.acuse, /<EstatusUUID>202<\/EstatusUUID>/);
  });

  it('reports a UUID SAT does not know as 205, retriable (SAT can take up to 72 hours)', async () => {
    const error = await rejection(
      pac.cancel(
        cancelRequest({
          uuid: 'ABCDEF01-2345-4678-89AB-CDEF01234567',
          total: '116.00',
          receiverRfc: 'COSC8001137NA',
        }),
      ),
    );
    assert.equal(error.code, '205');
    assert.equal(error.retriable, true);
    assert.match(error.message, /72 horas/);
  });

  it('says No Encontrado when issuer, receiver or total do not match the CFDI', async () => {
    const cfdi = await stamped(true);
    const wrongTotal = await pac.status({ ...statusRequest(cfdi), total: '1.00' });
    assert.equal(wrongTotal.estado, 'No Encontrado');
    const unknown = await pac.status({
      ...statusRequest(cfdi),
      uuid: 'ABCDEF01-2345-4678-89AB-CDEF01234567',
    });
    assert.deepEqual(unknown, { estado: 'No Encontrado', esCancelable: '', estatusCancelacion: '' });
  });

  it('does not repeat a cancellation that may have arrived (SOAP Fault), but retries a status query', async () => {
    const cfdi = await stamped(true);
    fake.modes.mode = 'soap-fault';
    const error = await rejection(finkok({ retries: 2 }).cancel(cancelRequest(cfdi)));
    assert.equal(error.code, 'SOAP_FAULT');
    assert.equal(error.retriable, true);
    assert.equal(fake.requests.filter((r) => r.operation === 'cancel').length, 1);

    fake.modes.mode = 'success';
    fake.modes.failNext('http-503');
    const status = await finkok({ retries: 2 }).status(statusRequest(cfdi));
    assert.equal(status.estado, 'Vigente');
    assert.equal(fake.requests.filter((r) => r.operation === 'get_sat_status').length, 2);
  });

  it('times out a status query at the configured deadline (retriable PAC_TIMEOUT)', async () => {
    fake.modes.mode = 'timeout';
    const started = Date.now();
    const error = await rejection(
      finkok({ timeoutMs: 300 }).status(
        statusRequest({
          uuid: 'ABCDEF01-2345-4678-89AB-CDEF01234567',
          total: '1',
          receiverRfc: 'XAXX010101000',
        }),
      ),
    );
    assert.equal(error.code, 'PAC_TIMEOUT');
    assert.equal(error.retriable, true);
    assert.ok(Date.now() - started < 800);
  });
});
