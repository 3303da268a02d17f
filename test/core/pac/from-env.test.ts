import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pacFromEnv } from '../../../core/src/pac/from-env.js';
import { PacError } from '../../../core/src/pac/port.js';
import { type FakeFinkok, startFakeFinkok } from '../../support/fakes/finkok.js';
import { fakeClock, sealedCfdi } from '../../support/fakes/sealed-cfdi.js';
import { type FakeSw, startFakeSw } from '../../support/fakes/sw.js';

function configError(run: () => unknown): PacError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof PacError, `expected a PacError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected pacFromEnv to fail');
}

let folio = 13000;
const fresh = () =>
  sealedCfdi(undefined, (r) => {
    r.folio = String(folio++);
  });

describe('pacFromEnv', () => {
  let dataDir: string;
  let finkok: FakeFinkok;
  let sw: FakeSw;
  const options = () => ({ dataDir, now: fakeClock });

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'autofactura-from-env-'));
    [finkok, sw] = await Promise.all([
      startFakeFinkok({ clock: fakeClock }),
      startFakeSw({ clock: fakeClock }),
    ]);
  });
  after(async () => {
    await Promise.all([finkok.close(), sw.close(), rm(dataDir, { recursive: true, force: true })]);
  });

  it('uses the sandbox when PAC is unset, empty or "sandbox", and it stamps in the data dir', async () => {
    for (const env of [{}, { PAC: '' }, { PAC: ' Sandbox ' }]) {
      assert.equal(pacFromEnv(env, options()).name, 'sandbox');
    }
    const result = await pacFromEnv({}, options()).stamp(fresh().xml);
    assert.equal(result.duplicate, false);
    assert.match(result.xml, /RfcProvCertif="/);
  });

  it('names every missing Finkok variable, in Spanish and English', () => {
    const error = configError(() => pacFromEnv({ PAC: 'finkok', FINKOK_USERNAME: ' ' }, options()));
    assert.equal(error.code, 'PAC_CONFIG_MISSING');
    assert.equal(error.retriable, false);
    assert.match(error.message, /FINKOK_USERNAME, FINKOK_PASSWORD/);
    assert.match(error.messageEn ?? '', /needs FINKOK_USERNAME, FINKOK_PASSWORD/);
    assert.deepEqual(
      error.details.map((d) => d.path),
      ['FINKOK_USERNAME', 'FINKOK_PASSWORD'],
    );
  });

  it('configures Finkok from FINKOK_USERNAME, FINKOK_PASSWORD, FINKOK_URL and PAC_TIMEOUT_MS', async () => {
    const env = {
      PAC: 'finkok',
      FINKOK_USERNAME: finkok.username,
      FINKOK_PASSWORD: finkok.password,
      FINKOK_URL: `${finkok.url}/`,
      PAC_TIMEOUT_MS: '350',
    };
    const pac = pacFromEnv(env, options());
    assert.equal(pac.name, 'finkok');
    const result = await pac.stamp(fresh().xml);
    assert.equal(finkok.stamper.byUuid(result.uuid)?.uuid, result.uuid);

    finkok.modes.mode = 'timeout';
    const started = Date.now();
    const timedOut = await pac.stamp(fresh().xml).then(
      () => assert.fail('expected a timeout'),
      (error: PacError) => error,
    );
    finkok.modes.mode = 'success';
    assert.equal(timedOut.code, 'PAC_TIMEOUT');
    assert.ok(Date.now() - started < 800, 'PAC_TIMEOUT_MS was not applied');
  });

  it('refuses an invalid FINKOK_URL or PAC_TIMEOUT_MS by name, without repeating the password', () => {
    const base = { PAC: 'finkok', FINKOK_USERNAME: 'user', FINKOK_PASSWORD: 'pass-word-789' };
    const url = configError(() => pacFromEnv({ ...base, FINKOK_URL: 'ftp://finkok' }, options()));
    assert.equal(url.code, 'PAC_CONFIG_INVALID');
    assert.match(url.message, /FINKOK_URL/);
    const timeout = configError(() => pacFromEnv({ ...base, PAC_TIMEOUT_MS: '30s' }, options()));
    assert.equal(timeout.code, 'PAC_CONFIG_INVALID');
    assert.match(timeout.message, /PAC_TIMEOUT_MS/);
    assert.match(timeout.messageEn ?? '', /milliseconds/);
    for (const error of [url, timeout])
      assert.ok(!`${error.message}${error.messageEn}`.includes('pass-word-789'));
  });

  it('asks SW for SW_USER and SW_PASSWORD or SW_TOKEN', () => {
    const error = configError(() => pacFromEnv({ PAC: 'sw', SW_USER: 'someone' }, options()));
    assert.equal(error.code, 'PAC_CONFIG_MISSING');
    assert.match(error.message, /SW_PASSWORD \(o SW_TOKEN\)/);
    assert.deepEqual(
      error.details.map((d) => d.path),
      ['SW_PASSWORD'],
    );
  });

  it('configures SW with a portal token (SW_TOKEN, SW_URL) or with SW_USER and SW_PASSWORD', async () => {
    const withToken = pacFromEnv({ PAC: 'sw', SW_TOKEN: sw.portalToken, SW_URL: sw.url }, options());
    assert.equal(withToken.name, 'sw');
    await withToken.stamp(fresh().xml);
    assert.deepEqual(
      sw.requests.map((r) => r.path),
      ['/cfdi33/stamp/v4'],
    );
    sw.requests.length = 0;
    const withUser = pacFromEnv(
      { PAC: 'SW', SW_USER: sw.user, SW_PASSWORD: sw.password, SW_URL: sw.url },
      options(),
    );
    await withUser.stamp(fresh().xml);
    assert.deepEqual(
      sw.requests.map((r) => r.path),
      ['/security/authenticate', '/cfdi33/stamp/v4'],
    );
  });

  it('refuses an unknown PAC and lists the valid ones', () => {
    const error = configError(() => pacFromEnv({ PAC: 'facturama' }, options()));
    assert.equal(error.code, 'PAC_UNKNOWN');
    assert.match(error.message, /sandbox, finkok, sw/);
    assert.match(error.messageEn ?? '', /Valid values: sandbox, finkok, sw/);
  });
});
