/** The package entry (`@autofactura/core`) is what portal and connectors import: the whole engine through it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildComprobante,
  cadenaOriginal,
  createMailer,
  createSandboxPac,
  invoiceEmail,
  isAutofacturaError,
  loadCsd,
  PacError,
  pacCertificatesFrom,
  pacFromEnv,
  parseXml,
  renderCfdiPdf,
  sandboxPacCertsDir,
  sealComprobante,
  validateCfdiXml,
  verifyCfdi,
} from '@autofactura/core';
import { EKU, FIXTURES } from '../support/oracles.js';

describe('@autofactura/core public entry', () => {
  it('builds, seals, validates and verifies a CFDI through the package entry', async () => {
    const request = JSON.parse(readFileSync(`${FIXTURES}requests/iva16.json`, 'utf8'));
    const csd = loadCsd({
      certificate: readFileSync(EKU.cer),
      privateKey: readFileSync(EKU.key),
      password: EKU.password,
    });
    const { comprobante } = buildComprobante(request, { now: new Date('2026-11-28T18:00:00Z') });
    const sealed = sealComprobante(comprobante, csd);
    assert.equal(cadenaOriginal(parseXml(sealed.xml)), sealed.cadena);
    const report = await validateCfdiXml(sealed.xml, { now: new Date('2026-11-28T18:00:00Z') });
    assert.deepEqual(report.errors, []);
    assert.equal(report.valid, true);
    const verified = verifyCfdi(sealed.xml);
    assert.equal(verified.ok, true, JSON.stringify(verified.problems));
  });

  it('reports a bad request as a coded AutofacturaError', () => {
    assert.throws(
      () => buildComprobante({ issuer: {} }),
      (error: unknown) =>
        isAutofacturaError(error) && error.code === 'REQUEST_INVALID' && error.details.length > 1,
    );
  });

  it('stamps with the sandbox PAC, prints the PDF and mails both through the package entry (#3)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'autofactura-public-api-'));
    const now = new Date('2026-11-28T18:00:00Z');
    const request = JSON.parse(readFileSync(`${FIXTURES}requests/iva16.json`, 'utf8'));
    const csd = loadCsd({
      certificate: readFileSync(EKU.cer),
      privateKey: readFileSync(EKU.key),
      password: EKU.password,
    });
    const sealed = sealComprobante(buildComprobante(request, { now }).comprobante, csd);
    const pac = createSandboxPac({ dataDir, now: () => new Date(now.getTime() + 60_000) });
    const stamped = await pac.stamp(sealed.xml);
    const verified = verifyCfdi(stamped.xml, {
      pacCertificates: pacCertificatesFrom([sandboxPacCertsDir(dataDir)]),
    });
    assert.equal(verified.tfd?.selloSat, 'valid', JSON.stringify(verified.problems));

    const pdf = await renderCfdiPdf(stamped.xml, { branding: { tradeName: 'Tienda Demo' } });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const root = parseXml(stamped.xml);
    const mailer = createMailer({ outboxDir: join(dataDir, 'outbox') });
    const sent = await mailer.send(
      invoiceEmail({
        merchant: { tradeName: 'Tienda Demo', rfc: csd.rfc },
        to: 'cliente@example.com',
        lang: 'es',
        invoice: {
          uuid: stamped.uuid,
          total: root.attrs.Total as string,
          currency: 'MXN',
          issuedAt: root.attrs.Fecha as string,
          receiverName: 'Cliente',
          type: 'I',
          xml: stamped.xml,
          pdf,
        },
      }),
    );
    const eml = await readFile(sent.file as string, 'utf8');
    assert.match(eml, new RegExp(stamped.uuid));
    assert.throws(() => pacFromEnv({ PAC: 'nope' }, { dataDir }), PacError);
  });
});
