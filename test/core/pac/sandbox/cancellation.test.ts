import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import type { Csd } from '../../../../core/src/fiscal/csd/index.js';
import { type CancellationMotive, PacError } from '../../../../core/src/pac/port.js';
import { createSandboxPac, type SandboxPac } from '../../../../core/src/pac/sandbox/index.js';
import { opensslVerifies } from '../../../support/oracles.js';
import {
  cdmx,
  ekuCsd,
  ekuExpiredCsd,
  loadCsdFiles,
  otherRfcCsd,
  pemBody,
  type Request,
  sealedWith,
  tempDir,
  tempFile,
} from './sandbox-fixtures.js';

const run = promisify(execFile);
const HOUR = 3_600_000;

/** Issued Monday 23 November 2026, 10:15 in Mexico City; stamped five minutes later. */
const FECHA = '2026-11-23T10:15:00';
const STAMPED = cdmx('2026-11-23T10:20:00');
/** Tuesday: still "the business day after", no acceptance needed. */
const NEXT_DAY = cdmx('2026-11-24T23:00:00');
/** Wednesday: past it. */
const LATER = cdmx('2026-11-25T09:00:00');

interface Issued {
  uuid: string;
  total: string;
  receiverRfc: string;
}

class Scenario {
  now = STAMPED;
  readonly pac: SandboxPac;

  constructor(readonly dataDir: string) {
    this.pac = createSandboxPac({ dataDir, now: () => this.now });
  }

  static async create(): Promise<Scenario> {
    return new Scenario(await tempDir());
  }

  async issue(change: (r: Request) => void = () => {}, fecha = FECHA): Promise<Issued> {
    const { xml, comprobante } = sealedWith(fecha, change);
    const stamped = await this.pac.stamp(xml);
    return { uuid: stamped.uuid, total: comprobante.Total, receiverRfc: comprobante.Receptor.Rfc };
  }

  cancel(
    cfdi: Issued,
    motive: CancellationMotive,
    extra: { replacementUuid?: string; credential?: Csd } = {},
  ) {
    return this.pac.cancel({
      uuid: cfdi.uuid,
      motive,
      credential: extra.credential ?? ekuCsd,
      total: cfdi.total,
      receiverRfc: cfdi.receiverRfc,
      ...(extra.replacementUuid ? { replacementUuid: extra.replacementUuid } : {}),
    });
  }

  status(cfdi: Issued) {
    return this.pac.status({
      uuid: cfdi.uuid,
      issuerRfc: 'EKU9003173C9',
      receiverRfc: cfdi.receiverRfc,
      total: cfdi.total,
    });
  }
}

async function rejection(promise: Promise<unknown>, code: string): Promise<PacError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PacError, String(error));
    assert.equal(error.code, code, `${error.code} ${error.message}`);
    assert.equal(error.retriable, false);
    assert.ok(error.messageEn);
    return error;
  }
  assert.fail(`expected ${code}`);
}

const replaces = (uuid: string) => (r: Request) => {
  r.related = [{ relationship: '04', uuids: [uuid] }];
};

describe('sandbox PAC: cancellation', function () {
  this.timeout(120_000);

  it('cancels without acceptance on the business day after issue (motive 02)', async () => {
    const s = await Scenario.create();
    const cfdi = await s.issue();
    s.now = NEXT_DAY;
    const result = await s.cancel(cfdi, '02');
    assert.equal(result.status, 'Cancelado sin aceptación');
    assert.equal(result.uuid, cfdi.uuid);
    assert.equal(result.requestedAt, NEXT_DAY.toISOString());
    assert.deepEqual(await s.status(cfdi), {
      estado: 'Cancelado',
      esCancelable: 'Cancelable sin aceptación',
      estatusCancelacion: 'Cancelado sin aceptación',
    });
    // Nothing for the receptor to answer.
    await rejection(s.pac.respond(cfdi.uuid, true), '1001');
    await rejection(s.pac.respond('0C2E6DD0-8C2B-4E3B-9C2F-8E1B8B0E6E11', true), '205');
  });

  it('waits for the receptor after that, and cancels when accepted (motive 03)', async () => {
    const s = await Scenario.create();
    const cfdi = await s.issue();
    s.now = LATER;
    assert.deepEqual(await s.status(cfdi), {
      estado: 'Vigente',
      esCancelable: 'Cancelable con aceptación',
      estatusCancelacion: '',
    });
    const requested = await s.cancel(cfdi, '03');
    assert.equal(requested.status, 'En proceso');
    assert.deepEqual(await s.status(cfdi), {
      estado: 'Vigente',
      esCancelable: 'Cancelable con aceptación',
      estatusCancelacion: 'En proceso',
    });
    s.now = new Date(LATER.getTime() + HOUR);
    assert.equal((await s.pac.respond(cfdi.uuid, true)).status, 'Cancelado con aceptación');
    assert.deepEqual(await s.status(cfdi), {
      estado: 'Cancelado',
      esCancelable: 'Cancelable con aceptación',
      estatusCancelacion: 'Cancelado con aceptación',
    });
    await rejection(s.pac.respond(cfdi.uuid, false), '1002');
  });

  it('keeps the CFDI when the receptor rejects, and accepts a new request afterwards', async () => {
    const s = await Scenario.create();
    const cfdi = await s.issue();
    s.now = LATER;
    await s.cancel(cfdi, '02');
    assert.equal((await s.pac.respond(cfdi.uuid, false)).status, 'Solicitud rechazada');
    assert.deepEqual(await s.status(cfdi), {
      estado: 'Vigente',
      esCancelable: 'Cancelable con aceptación',
      estatusCancelacion: 'Solicitud rechazada',
    });
    s.now = new Date(LATER.getTime() + 2 * HOUR);
    const again = await s.cancel(cfdi, '02');
    assert.equal(again.status, 'En proceso');
    assert.equal(again.requestedAt, s.now.toISOString());
  });

  it('counts 72 hours without an answer as accepted (Plazo vencido)', async () => {
    const s = await Scenario.create();
    const cfdi = await s.issue();
    s.now = LATER;
    await s.cancel(cfdi, '02');
    s.now = new Date(LATER.getTime() + 72 * HOUR - 1_000);
    assert.equal((await s.status(cfdi)).estatusCancelacion, 'En proceso');
    s.now = new Date(LATER.getTime() + 72 * HOUR);
    assert.deepEqual(await s.status(cfdi), {
      estado: 'Cancelado',
      esCancelable: 'Cancelable con aceptación',
      estatusCancelacion: 'Plazo vencido',
    });
    await rejection(s.pac.respond(cfdi.uuid, true), '1001');
    // Another sandbox on the same data dir (a restart) sees the same state.
    const restarted = createSandboxPac({ dataDir: s.dataDir, now: () => s.now });
    const status = await restarted.status({
      uuid: cfdi.uuid,
      issuerRfc: 'EKU9003173C9',
      receiverRfc: cfdi.receiverRfc,
      total: cfdi.total,
    });
    assert.equal(status.estatusCancelacion, 'Plazo vencido');
  });

  it('needs no acceptance for a total up to $1,000, público en general, extranjeros, RIF or an egreso', async () => {
    const s = await Scenario.create();
    const small = await s.issue((r) => {
      r.items = [{ ...r.items[0], quantity: '1', unit_price: '100' }];
    });
    const global = await s.issue((r) => {
      r.customer = {
        rfc: 'XAXX010101000',
        name: 'PUBLICO EN GENERAL',
        tax_regime: '616',
        zip: '06600',
        cfdi_use: 'S01',
      };
      r.global = { periodicity: '01', months: '11', year: 2026 };
      r.items = [
        {
          product_key: '01010101',
          unit_key: 'ACT',
          description: 'Venta',
          sku: 'T-1',
          quantity: 1,
          unit_price: '1500.00',
          taxes: [{ type: 'IVA', rate: '0.16' }],
        },
      ];
    });
    const foreign = await s.issue((r) => {
      r.customer = {
        rfc: 'XEXX010101000',
        name: 'ACME INC',
        tax_regime: '616',
        zip: '06600',
        cfdi_use: 'S01',
        country: 'USA',
        tax_id: '123456789',
      };
    });
    const rif = await s.issue((r) => {
      r.customer.tax_regime = '621';
    });
    const ingreso = await s.issue();
    const egreso = await s.issue((r) => {
      r.type = 'E';
      r.related = [{ relationship: '01', uuids: [ingreso.uuid] }];
    });
    assert.ok(Number(global.total) > 1000 && Number(foreign.total) > 1000 && Number(egreso.total) > 1000);

    s.now = cdmx('2026-12-10T12:00:00');
    assert.equal((await s.cancel(small, '02')).status, 'Cancelado sin aceptación');
    assert.equal((await s.cancel(global, '04')).status, 'Cancelado sin aceptación');
    assert.equal((await s.cancel(foreign, '03')).status, 'Cancelado sin aceptación');
    assert.equal((await s.cancel(rif, '02')).status, 'Cancelado sin aceptación');

    // The ingreso has a live credit note related to it: "No cancelable" until the note is cancelled.
    assert.equal((await s.status(ingreso)).esCancelable, 'No cancelable');
    const blocked = await rejection(s.cancel(ingreso, '02'), '204');
    assert.ok(blocked.message.includes(egreso.uuid));
    assert.equal((await s.cancel(egreso, '02')).status, 'Cancelado sin aceptación');
    assert.equal((await s.status(ingreso)).esCancelable, 'Cancelable con aceptación');
    assert.equal((await s.cancel(ingreso, '02')).status, 'En proceso');
  });

  describe('motive 01 (with a replacement)', () => {
    it('is refused without a replacement UUID (208)', async () => {
      const s = await Scenario.create();
      const cfdi = await s.issue();
      const error = await rejection(s.cancel(cfdi, '01'), '208');
      assert.match(error.message, /TipoRelacion 04/);
    });

    it('is refused when the replacement does not relate to it with TipoRelacion 04 (212)', async () => {
      const s = await Scenario.create();
      const cfdi = await s.issue();
      const unrelated = await s.issue(() => {}, '2026-11-23T10:16:00');
      const otherRelation = await s.issue((r) => {
        r.related = [{ relationship: '07', uuids: [cfdi.uuid] }];
      }, '2026-11-23T10:17:00');
      await rejection(s.cancel(cfdi, '01', { replacementUuid: unrelated.uuid }), '212');
      await rejection(s.cancel(cfdi, '01', { replacementUuid: otherRelation.uuid }), '212');
    });

    it('is refused with a replacement this PAC never stamped, or the CFDI itself (208)', async () => {
      const s = await Scenario.create();
      const cfdi = await s.issue();
      await rejection(
        s.cancel(cfdi, '01', { replacementUuid: '0C2E6DD0-8C2B-4E3B-9C2F-8E1B8B0E6E11' }),
        '208',
      );
      await rejection(s.cancel(cfdi, '01', { replacementUuid: cfdi.uuid }), '208');
    });

    it('cancels when the replacement relates to it with TipoRelacion 04', async () => {
      const s = await Scenario.create();
      const cfdi = await s.issue();
      const replacement = await s.issue(replaces(cfdi.uuid), '2026-11-23T10:16:00');
      // The 04 relation does not make the original "No cancelable".
      assert.equal((await s.status(cfdi)).esCancelable, 'Cancelable sin aceptación');
      const result = await s.cancel(cfdi, '01', { replacementUuid: replacement.uuid.toLowerCase() });
      assert.equal(result.status, 'Cancelado sin aceptación');
      assert.equal((await s.status(replacement)).estado, 'Vigente');
    });
  });

  it('refuses a replacement with motives 02, 03 and 04 (209)', async () => {
    const s = await Scenario.create();
    const cfdi = await s.issue();
    const replacement = await s.issue(replaces(cfdi.uuid), '2026-11-23T10:16:00');
    for (const motive of ['02', '03', '04'] as const) {
      await rejection(s.cancel(cfdi, motive, { replacementUuid: replacement.uuid }), '209');
    }
    await rejection(s.cancel(cfdi, '05' as CancellationMotive), '207');
  });

  it('checks the credential, the receptor and the total against the CFDI', async () => {
    const s = await Scenario.create();
    const cfdi = await s.issue();
    await rejection(s.cancel(cfdi, '02', { credential: loadCsdFiles(otherRfcCsd) }), '203');
    await rejection(s.cancel(cfdi, '02', { credential: loadCsdFiles(ekuExpiredCsd) }), '304');
    await rejection(s.cancel({ ...cfdi, receiverRfc: 'XAXX010101000' }, '02'), 'CANC104');
    await rejection(s.cancel({ ...cfdi, total: '1682.01' }, '02'), 'CANC105');
    await rejection(s.cancel({ ...cfdi, uuid: '0C2E6DD0-8C2B-4E3B-9C2F-8E1B8B0E6E11' }, '02'), '205');
    // The total compares as an amount.
    assert.equal(
      (await s.cancel({ ...cfdi, total: `${cfdi.total}0` }, '02')).status,
      'Cancelado sin aceptación',
    );
  });

  it("answers 'No Encontrado' unless UUID, both RFCs and the total match", async () => {
    const s = await Scenario.create();
    const cfdi = await s.issue();
    const unknown = { estado: 'No Encontrado', esCancelable: '', estatusCancelacion: '' };
    assert.deepEqual(await s.status({ ...cfdi, uuid: '0C2E6DD0-8C2B-4E3B-9C2F-8E1B8B0E6E11' }), unknown);
    assert.deepEqual(await s.status({ ...cfdi, total: '1.00' }), unknown);
    assert.deepEqual(await s.status({ ...cfdi, receiverRfc: 'XAXX010101000' }), unknown);
    assert.equal((await s.status(cfdi)).estado, 'Vigente');
  });

  it('refuses after the month the annual return is due (210)', async () => {
    const s = await Scenario.create();
    const fecha = '2025-12-01T10:15:00';
    s.now = cdmx('2025-12-01T10:20:00');
    const cfdi = await s.issue(() => {}, fecha);
    s.now = cdmx('2026-04-01T00:30:00');
    const error = await rejection(s.cancel(cfdi, '02'), '210');
    assert.match(error.message, /2026-03-31/);
    s.now = cdmx('2026-03-31T23:30:00');
    assert.equal((await s.cancel(cfdi, '02')).status, 'En proceso');
  });

  it('answers a repeated request with the same result and acuse', async () => {
    const s = await Scenario.create();
    const cfdi = await s.issue();
    s.now = NEXT_DAY;
    const first = await s.cancel(cfdi, '02');
    s.now = new Date(NEXT_DAY.getTime() + HOUR);
    assert.deepEqual(await s.cancel(cfdi, '02'), first);
  });

  it('returns an acuse shaped like SAT, signed by the sandbox (exc-c14n by xmllint, RSA-SHA256 by openssl)', async () => {
    const s = await Scenario.create();
    const cfdi = await s.issue();
    s.now = NEXT_DAY;
    const { acuse } = await s.cancel(cfdi, '02');
    assert.match(acuse, /^<\?xml version="1.0" encoding="utf-8"\?><Acuse /);
    assert.match(acuse, /RfcEmisor="EKU9003173C9"/);
    assert.match(acuse, /Fecha="2026-11-24T23:00:00\.000"/);
    assert.ok(
      acuse.includes(
        `<Folios xmlns="http://cancelacfd.sat.gob.mx"><UUID>${cfdi.uuid}</UUID><EstatusUUID>201</EstatusUUID></Folios>`,
      ),
    );

    // Reference URI="" with the enveloped-signature transform: the document without Signature, canonicalized.
    const withoutSignature = acuse.replace(/<Signature [\s\S]*<\/Signature>/, '');
    const { stdout: canonical } = await run('xmllint', [
      '--exc-c14n',
      await tempFile('acuse.xml', withoutSignature),
    ]);
    const digest = createHash('sha256').update(canonical, 'utf8').digest('base64');
    assert.equal(/<DigestValue>([^<]+)<\/DigestValue>/.exec(acuse)![1], digest);

    // SignatureValue over SignedInfo canonicalized in its own namespace context.
    const signedInfo = /<SignedInfo>[\s\S]*<\/SignedInfo>/
      .exec(acuse)![0]
      .replace('<SignedInfo>', '<SignedInfo xmlns="http://www.w3.org/2000/09/xmldsig#">');
    const { stdout: signedInfoCanonical } = await run('xmllint', [
      '--exc-c14n',
      await tempFile('si.xml', signedInfo),
    ]);
    const signatureValue = /<SignatureValue>([^<]+)<\/SignatureValue>/.exec(acuse)![1]!;
    const certificate = pemBody(s.pac.certificatePem());
    assert.equal(/<X509Certificate>([^<]+)<\/X509Certificate>/.exec(acuse)![1], certificate);
    assert.ok(await opensslVerifies(certificate, signedInfoCanonical, signatureValue));
    const forged = signedInfoCanonical.replace(digest, createHash('sha256').update('x').digest('base64'));
    assert.equal(await opensslVerifies(certificate, forged, signatureValue), false);
  });
});
