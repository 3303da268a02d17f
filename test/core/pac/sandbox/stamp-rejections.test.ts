import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildComprobante, sealComprobante } from '../../../../core/src/cfdi/build.js';
import { PacError } from '../../../../core/src/pac/port.js';
import { createSandboxPac } from '../../../../core/src/pac/sandbox/index.js';
import { FIXTURES } from '../../../support/oracles.js';
import {
  built,
  cdmx,
  ekuCsd,
  ekuExpiredCsd,
  ekuFiel,
  handSealed,
  otherRfcCsd,
  request,
  sealedWith,
  tempDir,
} from './sandbox-fixtures.js';

const HOUR = 3_600_000;
const FECHA = '2026-11-28T10:15:00';

async function rejection(promise: Promise<unknown>, code: string): Promise<PacError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PacError, String(error));
    assert.equal(error.code, code, `${error.code} ${error.message}`);
    assert.equal(error.pac, 'sandbox');
    assert.equal(error.retriable, false);
    assert.ok(error.messageEn && error.messageEn !== error.message);
    assert.equal(error.details[0]?.code, code);
    return error;
  }
  assert.fail(`expected ${code}, the CFDI was stamped`);
}

async function sandboxAt(now: Date) {
  const dataDir = await tempDir();
  return { dataDir, pac: createSandboxPac({ dataDir, now: () => now }) };
}

describe('sandbox PAC: what it refuses to stamp', function () {
  this.timeout(120_000);

  describe('the 72-hour window (401)', () => {
    const fechaInstant = cdmx(FECHA);

    it('stamps a Fecha 71 h 59 min old', async () => {
      const { pac } = await sandboxAt(new Date(fechaInstant.getTime() + 72 * HOUR - 60_000));
      assert.equal((await pac.stamp(sealedWith(FECHA).xml)).duplicate, false);
    });

    it('refuses a Fecha more than 72 h old', async () => {
      const { pac, dataDir } = await sandboxAt(new Date(fechaInstant.getTime() + 72 * HOUR + 60_000));
      const error = await rejection(pac.stamp(sealedWith(FECHA).xml), '401');
      assert.match(error.message, /más de 72 horas/);
      assert.deepEqual(await readdir(join(dataDir, 'pac-sandbox', 'cfdi')).catch(() => []), []);
    });

    it('refuses a Fecha in the future, read in the zone of LugarExpedicion', async () => {
      // 10:15 in Mexico City (06600) is 16:15Z; at 16:14Z it is still a minute ahead.
      const { pac } = await sandboxAt(new Date(fechaInstant.getTime() - 60_000));
      const error = await rejection(pac.stamp(sealedWith(FECHA).xml), '401');
      assert.match(error.message, /posterior a la hora del PAC/);
      // Cancún (77500) is UTC-5: the same Fecha is 15:15Z, already past at 16:14Z.
      const cancun = sealedWith(FECHA, (r) => {
        r.issuer.zip = '77500';
      });
      assert.equal((await pac.stamp(cancun.xml)).duplicate, false);
    });
  });

  it('refuses a document changed after sealing (302)', async () => {
    const { pac } = await sandboxAt(cdmx('2026-11-28T10:20:00'));
    const sealed = sealedWith(FECHA).xml;
    const tampered = sealed.replace('Nombre="CARLOS CORTES SOTO"', 'Nombre="CARLOS CORTES SOTOS"');
    assert.notEqual(tampered, sealed);
    await rejection(pac.stamp(tampered), '302');
  });

  it('refuses a document sealed with the CSD of another RFC (303)', async () => {
    const { pac } = await sandboxAt(cdmx('2026-11-28T10:20:00'));
    const error = await rejection(pac.stamp(handSealed(built(FECHA), otherRfcCsd)), '303');
    assert.match(error.message, /AAA010101AAA.*EKU9003173C9/);
  });

  it('refuses an e.firma (FIEL) used as a CSD (306)', async () => {
    // EKU9003173C9's e.firma from SAT's 2019 test pack, valid on the Fecha, Fecha within 72 h.
    const fecha = '2022-05-02T10:00:00';
    const { pac } = await sandboxAt(cdmx('2022-05-02T11:00:00'));
    await rejection(pac.stamp(handSealed(built(fecha), ekuFiel)), '306');
  });

  describe("SAT's 2019 test CSD of EKU9003173C9 (valid 2019-06-17 to 2023-06-17)", () => {
    it('is rejected with 401 today for a Fecha inside its validity', async () => {
      const { pac } = await sandboxAt(cdmx('2026-11-28T10:20:00'));
      await rejection(pac.stamp(handSealed(built('2023-06-10T10:00:00'), ekuExpiredCsd)), '401');
    });

    it('is rejected with 305 for a recent Fecha after it expired', async () => {
      const { pac } = await sandboxAt(cdmx('2023-06-20T12:00:00'));
      const error = await rejection(
        pac.stamp(handSealed(built('2023-06-20T10:00:00'), ekuExpiredCsd)),
        '305',
      );
      assert.match(error.message, /vigencia del CSD 30001000000400002434/);
    });

    it('is stamped for a recent Fecha inside its validity', async () => {
      const { pac } = await sandboxAt(cdmx('2023-06-10T12:00:00'));
      const stamped = await pac.stamp(handSealed(built('2023-06-10T10:00:00'), ekuExpiredCsd));
      assert.match(stamped.xml, /NoCertificado="30001000000400002434"/);
    });
  });

  it('refuses a document SAT XSD rejects (301), listing the findings', async () => {
    const { pac } = await sandboxAt(cdmx('2026-11-28T10:20:00'));
    const broken = sealedWith(FECHA).xml.replace(' Exportacion="01"', '');
    const error = await rejection(pac.stamp(broken), '301');
    assert.ok(error.details.some((d) => d.code === 'XSD' && /Exportacion/.test(d.message)));
    await rejection(pac.stamp('<cfdi:Comprobante'), '301');
    await rejection(pac.stamp('<?xml version="1.0"?><Factura/>'), '301');
  });

  it("refuses a sealed document that breaks SAT's error matrix with its code (CFDI40119)", async () => {
    const { pac } = await sandboxAt(cdmx('2026-11-28T10:20:00'));
    const { comprobante } = buildComprobante(
      request('iva16', (r) => (r.date = FECHA)),
      { now: cdmx(FECHA) },
    );
    const sealed = sealComprobante({ ...comprobante, Total: '1.00' }, ekuCsd);
    const error = await rejection(pac.stamp(sealed.xml), 'CFDI40119');
    assert.match(error.message, /Total/);
  });

  it('refuses a Confirmacion it never issued (CFDI40128)', async () => {
    const { pac } = await sandboxAt(cdmx('2026-11-28T10:20:00'));
    const sealed = sealComprobante({ ...built(FECHA), Confirmacion: 'ABC12' }, ekuCsd);
    await rejection(pac.stamp(sealed.xml), 'CFDI40128');
  });

  it("refuses a document that already carries another PAC's timbre (307)", async () => {
    const { pac } = await sandboxAt(cdmx('2026-11-28T10:20:00'));
    const real = readFileSync(join(FIXTURES, 'sat/samples/cfdiutils/cfdi40-real.xml'), 'utf8');
    const error = await rejection(pac.stamp(real), '307');
    assert.match(error.message, /C2832671-DA6D-11EF-A83D-00155D012007/);
  });
});
