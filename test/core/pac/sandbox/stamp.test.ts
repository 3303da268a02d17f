import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyCfdi } from '../../../../core/src/cfdi/verify/index.js';
import {
  pacCertificatesFrom,
  sandboxPacCertsDir,
} from '../../../../core/src/cfdi/verify/pac-certificates.js';
import { createSandboxPac, SANDBOX_PAC_RFC } from '../../../../core/src/pac/sandbox/index.js';
import { SandboxStore } from '../../../../core/src/pac/sandbox/sandbox-store.js';
import { FIXTURES, opensslVerifies, xsltprocCadena } from '../../../support/oracles.js';
import {
  attribute,
  cdmx,
  pemBody,
  satTfdCadena,
  sealedWith,
  tempDir,
  tempFile,
  timbreText,
  xmllintErrors,
} from './sandbox-fixtures.js';

const FECHA = '2026-11-28T10:15:00';
const NOW = cdmx('2026-11-28T10:20:00');
const UUID_V4 = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

describe('sandbox PAC: stamp', function () {
  this.timeout(120_000);

  it('returns a CFDI that SAT XSD (with the TFD schema), the Sello and the SelloSAT all accept', async () => {
    const dataDir = await tempDir();
    const pac = createSandboxPac({ dataDir, now: () => NOW });
    const { xml: sealed } = sealedWith(FECHA);
    const stamped = await pac.stamp(sealed);
    assert.equal(stamped.duplicate, false);
    const file = await tempFile('stamped.xml', stamped.xml);

    assert.equal(await xmllintErrors(file), '');

    // The Sello still verifies: SAT's XSLT cadena + openssl with the certificate in the CFDI.
    const cadena = await xsltprocCadena(file);
    assert.ok(
      await opensslVerifies(attribute(stamped.xml, 'Certificado'), cadena, attribute(stamped.xml, 'Sello')),
    );

    // SelloSAT: SAT's TFD XSLT + openssl with the sandbox certificate.
    const tfdCadena = await satTfdCadena(stamped.xml);
    assert.match(tfdCadena, new RegExp(`^\\|\\|1\\.1\\|${stamped.uuid}\\|`));
    const certificate = pemBody(pac.certificatePem());
    assert.ok(await opensslVerifies(certificate, tfdCadena, attribute(timbreText(stamped.xml), 'SelloSAT')));
    assert.equal(
      await opensslVerifies(certificate, `${tfdCadena} `, attribute(timbreText(stamped.xml), 'SelloSAT')),
      false,
    );
  });

  it('writes a TFD 1.1 with a v4 UUID, Mexico City FechaTimbrado, RfcProvCertif, SelloCFD and NoCertificadoSAT', async () => {
    const dataDir = await tempDir();
    const pac = createSandboxPac({ dataDir, now: () => NOW });
    const { xml: sealed } = sealedWith(FECHA);
    const stamped = await pac.stamp(sealed);
    const tfd = timbreText(stamped.xml);
    assert.match(stamped.uuid, UUID_V4);
    assert.equal(attribute(tfd, 'Version'), '1.1');
    assert.equal(attribute(tfd, 'UUID'), stamped.uuid);
    assert.equal(attribute(tfd, 'FechaTimbrado'), '2026-11-28T10:20:00');
    assert.equal(stamped.stampedAt, '2026-11-28T10:20:00');
    assert.equal(attribute(tfd, 'RfcProvCertif'), SANDBOX_PAC_RFC);
    assert.equal(attribute(tfd, 'SelloCFD'), attribute(sealed, 'Sello'));
    assert.match(tfd, /xmlns:tfd="http:\/\/www\.sat\.gob\.mx\/TimbreFiscalDigital"/);
    assert.match(
      tfd,
      /xsi:schemaLocation="http:\/\/www\.sat\.gob\.mx\/TimbreFiscalDigital http:\/\/www\.sat\.gob\.mx\/sitio_internet\/cfd\/TimbreFiscalDigital\/TimbreFiscalDigitalv11\.xsd"/,
    );
    const [certificateFile] = await readdir(sandboxPacCertsDir(dataDir));
    assert.equal(attribute(tfd, 'NoCertificadoSAT'), certificateFile!.replace('.cer', ''));
  });

  it('keeps every byte of the sealed XML and only adds the Complemento', async () => {
    const pac = createSandboxPac({ dataDir: await tempDir(), now: () => NOW });
    const { xml: sealed } = sealedWith(FECHA);
    const stamped = await pac.stamp(sealed);
    const complemento = `<cfdi:Complemento>${timbreText(stamped.xml)}</cfdi:Complemento>`;
    assert.equal(stamped.xml, sealed.replace('</cfdi:Comprobante>', `${complemento}</cfdi:Comprobante>`));
  });

  it('puts the timbre in an existing Complemento and before the Addenda, bytes otherwise unchanged', async () => {
    const pac = createSandboxPac({ dataDir: await tempDir(), now: () => NOW });
    const { xml: sealed } = sealedWith(FECHA);
    // Neither an empty Complemento nor the Addenda is part of the cadena: the Sello stays valid.
    const addenda = '<cfdi:Addenda><x:Pedido xmlns:x="urn:example" Numero="A&gt;1"/></cfdi:Addenda>';
    const withBoth = sealed.replace(
      '</cfdi:Comprobante>',
      `\n  <!-- <cfdi:Complemento/> -->\n  <cfdi:Complemento/>\n  ${addenda}\n</cfdi:Comprobante>\n`,
    );
    const stamped = await pac.stamp(withBoth);
    const tfd = timbreText(stamped.xml);
    assert.equal(
      stamped.xml,
      withBoth.replace('<cfdi:Complemento/>\n', `<cfdi:Complemento>${tfd}</cfdi:Complemento>\n`),
    );
    // SAT's XSD checks Addenda content strictly (PACs do not): validate the rest.
    const withoutAddenda = stamped.xml.replace(addenda, '');
    assert.equal(await xmllintErrors(await tempFile('with-complemento.xml', withoutAddenda)), '');

    // Same Sello: this sandbox would answer with the timbre above, so ask a fresh one.
    const addendaOnly = sealed.replace('</cfdi:Comprobante>', `${addenda}</cfdi:Comprobante>`);
    const second = await createSandboxPac({ dataDir: await tempDir(), now: () => NOW }).stamp(addendaOnly);
    assert.ok(
      second.xml.includes(`<cfdi:Complemento>${timbreText(second.xml)}</cfdi:Complemento>${addenda}`),
    );
  });

  it('stamps a CFDI de pagos inside its Complemento and remembers the documents it pays', async () => {
    const dataDir = await tempDir();
    const pac = createSandboxPac({ dataDir, now: () => cdmx('2023-06-13T15:00:00') });
    const sealed = readFileSync(
      join(FIXTURES, 'sat/samples/cfdiutils/created-cfdi40-pago20-valid.xml'),
      'utf8',
    );
    const stamped = await pac.stamp(sealed);
    const tfd = timbreText(stamped.xml);
    assert.equal(stamped.xml, sealed.replace('  </cfdi:Complemento>', `  ${tfd}</cfdi:Complemento>`));
    assert.equal(await xmllintErrors(await tempFile('pago.xml', stamped.xml)), '');
    const paid = await new SandboxStore(dataDir).referencesTo('00000000-1111-2222-3333-00000000000A');
    assert.deepEqual(paid, [{ uuid: stamped.uuid, kind: 'pago' }]);
  });

  it('returns the same UUID for the same sealed XML, also after the sandbox is created again', async () => {
    const dataDir = await tempDir();
    let clock = NOW;
    const pac = createSandboxPac({ dataDir, now: () => clock });
    const { xml: sealed } = sealedWith(FECHA);
    const first = await pac.stamp(sealed);
    const again = await pac.stamp(sealed);
    assert.equal(again.uuid, first.uuid);
    assert.equal(again.duplicate, true);
    assert.equal(again.xml, first.xml);

    // A new instance on the same data dir (a restart), four days later: past the 72 h window, still the same timbre.
    clock = new Date(NOW.getTime() + 4 * 24 * 3_600_000);
    const restarted = createSandboxPac({ dataDir, now: () => clock });
    const later = await restarted.stamp(sealed);
    assert.equal(later.uuid, first.uuid);
    assert.equal(later.duplicate, true);
    assert.equal(later.stampedAt, first.stampedAt);

    // Another CFDI gets another UUID.
    const other = await createSandboxPac({ dataDir, now: () => NOW }).stamp(
      sealedWith('2026-11-28T10:16:00').xml,
    );
    assert.notEqual(other.uuid, first.uuid);
  });

  it('returns the same timbre for the same Sello in other bytes (a re-indented copy)', async () => {
    const pac = createSandboxPac({ dataDir: await tempDir(), now: () => NOW });
    const { xml: sealed } = sealedWith(FECHA);
    const first = await pac.stamp(sealed);
    const reformatted = sealed.replace('?><cfdi:Comprobante', '?>\n<cfdi:Comprobante');
    const again = await pac.stamp(reformatted);
    assert.equal(again.uuid, first.uuid);
    assert.equal(again.duplicate, true);
  });

  it('gives one UUID when two sandboxes on one data dir stamp the same XML at once', async () => {
    const dataDir = await tempDir();
    const { xml: sealed } = sealedWith(FECHA);
    const results = await Promise.all(
      [1, 2, 3].map(() => createSandboxPac({ dataDir, now: () => NOW }).stamp(sealed)),
    );
    assert.equal(new Set(results.map((r) => r.uuid)).size, 1);
    assert.equal(results.filter((r) => !r.duplicate).length, 1);
    const stored = await readdir(join(dataDir, 'pac-sandbox', 'cfdi'));
    assert.deepEqual(stored.sort(), [`${results[0]!.uuid}.json`, `${results[0]!.uuid}.xml`]);
  });

  it('returns its own earlier timbre when sent the stamped XML again', async () => {
    const pac = createSandboxPac({ dataDir: await tempDir(), now: () => NOW });
    const first = await pac.stamp(sealedWith(FECHA).xml);
    const again = await pac.stamp(first.xml);
    assert.equal(again.uuid, first.uuid);
    assert.equal(again.duplicate, true);
  });

  it('is known to cfdi verify through AUTOFACTURA_DATA_DIR', async () => {
    const dataDir = await tempDir();
    const pac = createSandboxPac({ dataDir, now: () => NOW });
    const stamped = await pac.stamp(sealedWith(FECHA).xml);
    const saved = process.env.AUTOFACTURA_DATA_DIR;
    try {
      process.env.AUTOFACTURA_DATA_DIR = dataDir;
      assert.deepEqual(verifyCfdi(stamped.xml).tfd, { selloCfdMatches: true, selloSat: 'valid' });
      process.env.AUTOFACTURA_DATA_DIR = await tempDir();
      assert.equal(verifyCfdi(stamped.xml).tfd?.selloSat, 'unknown-certificate');
    } finally {
      if (saved === undefined) delete process.env.AUTOFACTURA_DATA_DIR;
      else process.env.AUTOFACTURA_DATA_DIR = saved;
    }
    const tampered = stamped.xml.replace(
      'FechaTimbrado="2026-11-28T10:20:00"',
      'FechaTimbrado="2026-11-28T10:20:01"',
    );
    assert.notEqual(tampered, stamped.xml);
    const certificates = pacCertificatesFrom([sandboxPacCertsDir(dataDir)]);
    assert.equal(verifyCfdi(tampered, { pacCertificates: certificates }).tfd?.selloSat, 'invalid');
  });
});
