import assert from 'node:assert/strict';
import { CredentialError, ValidationError } from '../../../core/src/errors.js';
import { Csd, fechaInstants } from '../../../core/src/fiscal/csd/index.js';
import { cert, eku, PASSWORD } from './fixture-certs.js';

// EKU9003173C9 is valid from 2023-05-18T11:43:51Z to 2027-05-18T11:43:51Z.
const csd = Csd.create({ certificate: eku.certificate(), privateKey: eku.privateKey(), password: PASSWORD });

function expiredError(fecha: string | Date, offset?: number): CredentialError {
  try {
    csd.assertValidAt(fecha, offset);
  } catch (error) {
    assert.ok(error instanceof CredentialError);
    assert.equal(error.code, 'CSD_EXPIRED');
    return error;
  }
  assert.fail(`expected CSD_EXPIRED at ${String(fecha)}`);
}

describe('Csd.assertValidAt', () => {
  it('accepts a Fecha well inside the validity', () => {
    csd.assertValidAt('2025-06-01T12:00:00');
  });

  it('reads a Fecha without offset as any Mexican zone (UTC-5 to UTC-8) and needs all of them valid', () => {
    csd.assertValidAt('2027-05-18T03:43:51'); // +8h = 11:43:51Z, the last valid second
    expiredError('2027-05-18T03:43:52');
    csd.assertValidAt('2023-05-18T06:43:51'); // +5h = 11:43:51Z, the first valid second
    expiredError('2023-05-18T06:43:50');
  });

  it('uses the exact offset when the zone of LugarExpedicion is known', () => {
    csd.assertValidAt('2027-05-18T05:43:51', -360);
    expiredError('2027-05-18T05:43:52', -360);
    csd.assertValidAt('2027-05-18T05:43:51-06:00');
    expiredError(new Date('2027-05-18T11:43:52Z'));
  });

  it('says the validity dates and whether it expired or is not yet valid', () => {
    const late = expiredError('2028-01-01T00:00:00');
    assert.match(late.message, /2023-05-18T11:43:51\.000Z al 2027-05-18T11:43:51\.000Z/);
    assert.match(late.message, /Renueva tu CSD/);
    assert.match(late.messageEn ?? '', /2027-05-18T11:43:51\.000Z/);
    const early = expiredError('2023-01-01T00:00:00');
    assert.match(early.message, /aún no es vigente/);
  });

  it('refuses a SAT test-pack CSD that expired in 2023 at a 2024 Fecha', () => {
    const expired = Csd.create({
      certificate: cert('sat-test-pack/Personas Morales/eku9003173c9_csd.cer'),
      privateKey: cert('sat-test-pack/Personas Morales/eku9003173c9_csd.key'),
      password: PASSWORD,
    });
    expired.assertValidAt('2022-01-01T00:00:00');
    assert.throws(
      () => expired.assertValidAt('2024-01-01T00:00:00'),
      (error) =>
        error instanceof CredentialError && error.code === 'CSD_EXPIRED' && /2023-06-17/.test(error.message),
    );
  });

  it('refuses a Fecha that is not a CFDI Fecha', () => {
    assert.throws(
      () => fechaInstants('2025-13-01T10:00:00'),
      (error) => error instanceof ValidationError && error.code === 'CFDI40101',
    );
  });
});
