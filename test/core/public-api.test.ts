/** The package entry (`@autofactura/core`) is what portal and connectors import: the whole engine through it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  buildComprobante,
  cadenaOriginal,
  isAutofacturaError,
  loadCsd,
  parseXml,
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
});
