import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EKU, FIXTURES, xsltprocCadena } from '../support/oracles.js';
import { codedLines, runCli } from './run-cli.js';

const SAMPLES = join(FIXTURES, 'sat/samples');
const REQUEST = join(FIXTURES, 'requests/iva16.json');
const CERTS = join(FIXTURES, 'sat/certs');
const seal = ['--cer', EKU.cer, '--key', EKU.key, '--password', EKU.password];

async function tempFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-cli-'));
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

// biome-ignore lint/suspicious/noExplicitAny: the tests reach into arbitrary request JSON
async function requestWith(change: (request: Record<string, any>) => void): Promise<string> {
  const request = JSON.parse(readFileSync(REQUEST, 'utf8'));
  change(request);
  return tempFile('request.json', JSON.stringify(request));
}

function assertCodedFailure(result: { code: number; stderr: string }, code: string): void {
  assert.equal(result.code, 1, result.stderr);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  const lines = codedLines(result.stderr);
  assert.ok(lines.length > 0);
  for (const line of lines)
    assert.match(line.code, /^[A-Z0-9_]+$/, `coded line: ${line.code} ${line.message}`);
  assert.ok(
    lines.some((l) => l.code === code),
    `expected ${code} in:\n${result.stderr}`,
  );
}

describe('autofactura cfdi (CLI, #2)', function () {
  this.timeout(120_000);

  it('builds, seals and writes a CFDI that cadena, validate and verify accept', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'autofactura-cli-')), 'out.xml');
    const built = await runCli(['cfdi', 'build', REQUEST, ...seal, '-o', out]);
    assert.equal(built.code, 0, built.stderr);
    const xml = await readFile(out, 'utf8');
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n?<cfdi:Comprobante /);
    assert.match(xml, /NoCertificado="30001000000500003416"/);

    const cadena = await runCli(['cfdi', 'cadena', out]);
    assert.equal(cadena.code, 0, cadena.stderr);
    assert.equal(cadena.stdout, await xsltprocCadena(out));
    assert.ok(!cadena.stdout.endsWith('\n'));

    const validate = await runCli(['cfdi', 'validate', out]);
    assert.equal(validate.code, 0, validate.stderr);
    const verify = await runCli(['cfdi', 'verify', out]);
    assert.equal(verify.code, 0, verify.stderr);
  });

  it('prints the XML on stdout without -o', async () => {
    const built = await runCli(['cfdi', 'build', REQUEST, ...seal]);
    assert.equal(built.code, 0, built.stderr);
    assert.match(built.stdout, /<cfdi:Comprobante [^>]*Sello="[A-Za-z0-9+/=]{300,}"/);
  });

  it('verifies real SAT samples and fails the one altered after sealing', async () => {
    const good = await runCli(['cfdi', 'verify', join(SAMPLES, 'cfdiutils/cfdi40-real.xml')]);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /SelloSAT: válido/);
    const altered = await runCli([
      'cfdi',
      'verify',
      join(SAMPLES, 'satcfdi/invoices/h&e951128469_ingreso_iva16_stamped_pue.xml'),
    ]);
    assert.equal(altered.code, 1);
    assert.match(altered.stderr, /Sello/);
  });

  it('prints the cadena of a sample byte for byte as SAT golden', async () => {
    const file = join(SAMPLES, 'cfdiutils/cfdi40-real.xml');
    const result = await runCli(['cfdi', 'cadena', file]);
    assert.equal(result.stdout, readFileSync(join(SAMPLES, 'cfdiutils/cfdi40-real.cadena.txt'), 'utf8'));
  });

  it('refuses a request with missing fields, listing each one', async () => {
    const file = await requestWith((r) => {
      delete r.customer.rfc;
      delete r.items[0].unit_price;
    });
    const result = await runCli(['cfdi', 'build', file, ...seal]);
    assert.equal(result.code, 1);
    const lines = codedLines(result.stderr);
    assert.ok(lines.length >= 2, result.stderr);
    assert.match(result.stderr, /customer\.rfc/);
    assert.match(result.stderr, /items\[0\]\.unit_price/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('refuses an unknown FormaPago key (CFDI40104)', async () => {
    const file = await requestWith((r) => {
      r.payment_form = '77';
    });
    assertCodedFailure(await runCli(['cfdi', 'build', file, ...seal]), 'CFDI40104');
  });

  it('refuses an unknown ClaveProdServ (CFDI40162)', async () => {
    const file = await requestWith((r) => {
      r.items[0].product_key = '99999999';
    });
    assertCodedFailure(await runCli(['cfdi', 'build', file, ...seal]), 'CFDI40162');
  });

  it('refuses a UsoCFDI not allowed for the receptor régimen (CFDI40161)', async () => {
    const file = await requestWith((r) => {
      r.customer.cfdi_use = 'D01';
      r.customer.rfc = 'KIJ0906199R1';
      r.customer.name = 'KIJ';
      r.customer.tax_regime = '601';
    });
    assertCodedFailure(await runCli(['cfdi', 'build', file, ...seal]), 'CFDI40161');
  });

  it('refuses a régimen not allowed for the RFC type (CFDI40158)', async () => {
    const file = await requestWith((r) => {
      r.customer.tax_regime = '601';
    });
    assertCodedFailure(await runCli(['cfdi', 'build', file, ...seal]), 'CFDI40158');
  });

  it('refuses a receptor name with the régimen de capital', async () => {
    const file = await requestWith((r) => {
      r.customer.rfc = 'KIJ0906199R1';
      r.customer.name = 'KIJ S.A. DE C.V.';
      r.customer.tax_regime = '601';
    });
    const result = await runCli(['cfdi', 'build', file, ...seal]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /S\.A\. DE C\.V\./);
    assert.match(result.stderr, /régimen capital|regimen capital|régimen de capital/i);
  });

  it('refuses a wrong key password (CSD_KEY_PASSWORD)', async () => {
    const result = await runCli([
      'cfdi',
      'build',
      REQUEST,
      '--cer',
      EKU.cer,
      '--key',
      EKU.key,
      '--password',
      'nope',
    ]);
    assertCodedFailure(result, 'CSD_KEY_PASSWORD');
  });

  it('refuses a key of another certificate (CSD_KEY_MISMATCH)', async () => {
    const otherKey = join(CERTS, 'phpcfdi-credentials/CSD01_AAA010101AAA/private_key.key');
    const result = await runCli([
      'cfdi',
      'build',
      REQUEST,
      '--cer',
      EKU.cer,
      '--key',
      otherKey,
      '--password',
      '12345678a',
    ]);
    assertCodedFailure(result, 'CSD_KEY_MISMATCH');
  });

  it('refuses a FIEL instead of a CSD (CSD_IS_FIEL)', async () => {
    const fiel = join(CERTS, 'phpcfdi-credentials/FIEL_AAA010101AAA');
    const result = await runCli([
      'cfdi',
      'build',
      REQUEST,
      '--cer',
      join(fiel, 'certificate.cer'),
      '--key',
      join(fiel, 'private_key.key'),
      '--password',
      '12345678a',
    ]);
    assertCodedFailure(result, 'CSD_IS_FIEL');
  });

  it('answers in English with --lang en', async () => {
    const result = await runCli([
      'cfdi',
      'build',
      REQUEST,
      '--cer',
      EKU.cer,
      '--key',
      EKU.key,
      '--password',
      'nope',
      '--lang',
      'en',
    ]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /password/i);
  });

  it('validate reports coded errors for a document that breaks SAT rules', async () => {
    const xml = readFileSync(join(SAMPLES, 'cfdiutils/cfdi40-valid.xml'), 'utf8').replace(
      /FormaPago="\d\d"/,
      'FormaPago="77"',
    );
    const file = await tempFile('bad.xml', xml);
    assertCodedFailure(await runCli(['cfdi', 'validate', file]), 'CFDI40104');
  });
});
