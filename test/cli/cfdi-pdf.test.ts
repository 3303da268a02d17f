import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { iva16Request, stampedXml, testUuid } from '../core/pdf/pdf-documents.js';
import { makeLogo } from '../core/pdf/pdf-oracles.js';
import { FIXTURES } from '../support/oracles.js';
import { codedLines, runCli } from './run-cli.js';

const run = promisify(execFile);
const REAL = join(FIXTURES, 'sat/samples/cfdiutils/cfdi40-real.xml');

async function text(pdf: string, mode = '-layout'): Promise<string> {
  return (await run('pdftotext', [mode, '-enc', 'UTF-8', pdf, '-'])).stdout;
}

describe('autofactura cfdi pdf (CLI, #3)', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'autofactura-cli-pdf-'));
  });

  it('writes the PDF of a stamped CFDI in Spanish', async () => {
    const out = join(dir, 'real.pdf');
    const result = await runCli(['cfdi', 'pdf', REAL, '-o', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal((await readFile(out)).subarray(0, 5).toString(), '%PDF-');
    const page = await text(out);
    assert.match(page, /C2832671-DA6D-11EF-A83D-00155D012007/);
    assert.match(page, /MIL PESOS 00\/100 M\.N\./);
    assert.match(page, /Página 1 de 1/);
  });

  it('writes English labels with --lang en', async () => {
    const out = join(dir, 'real-en.pdf');
    const result = await runCli(['cfdi', 'pdf', REAL, '-o', out, '--lang', 'en']);
    assert.equal(result.code, 0, result.stderr);
    const page = await text(out);
    assert.match(page, /ONE THOUSAND PESOS 00\/100 MXN/);
    assert.match(page, /Page 1 of 1/);
    assert.doesNotMatch(page, /Página/);
  });

  it('applies --logo, --color, --trade-name and --cancelled-at', async () => {
    const xml = join(dir, 'stamped.xml');
    await writeFile(xml, stampedXml(iva16Request(), testUuid(7)).xml);
    const logo = join(dir, 'logo.png');
    await writeFile(logo, makeLogo());
    const out = join(dir, 'branded.pdf');
    const result = await runCli([
      'cfdi',
      'pdf',
      xml,
      '-o',
      out,
      '--logo',
      logo,
      '--color',
      '#0B6E4F',
      '--trade-name',
      'Kemper Cursos',
      '--cancelled-at',
      '2026-12-01T09:30:00',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const page = await text(out);
    assert.match(page, /Kemper Cursos/);
    assert.match(page, /CFDI CANCELADO el 2026-12-01T09:30:00/);
    const images = (await run('pdfimages', ['-list', out])).stdout;
    assert.match(images, /\bimage\s+240\s+120\b/);
  });

  it('fails with coded lines: missing -o, a bad color, a missing file, XML that is not a CFDI', async () => {
    const missingOut = await runCli(['cfdi', 'pdf', REAL]);
    assert.equal(missingOut.code, 1);
    assert.equal(codedLines(missingOut.stderr)[0]?.code, 'CLI_USAGE');

    const badColor = await runCli(['cfdi', 'pdf', REAL, '-o', join(dir, 'x.pdf'), '--color', 'verde']);
    assert.equal(badColor.code, 1);
    assert.equal(codedLines(badColor.stderr)[0]?.code, 'PDF_BRAND_COLOR');
    assert.doesNotMatch(badColor.stderr, /\n\s+at /, 'no stack trace');

    const missing = await runCli(['cfdi', 'pdf', join(dir, 'nope.xml'), '-o', join(dir, 'x.pdf')]);
    assert.equal(missing.code, 1);
    assert.equal(codedLines(missing.stderr)[0]?.code, 'FILE_NOT_FOUND');

    const notCfdi = join(dir, 'not-cfdi.xml');
    await writeFile(notCfdi, '<factura/>');
    const wrong = await runCli(['cfdi', 'pdf', notCfdi, '-o', join(dir, 'x.pdf'), '--lang', 'en']);
    assert.equal(wrong.code, 1);
    const [line] = codedLines(wrong.stderr);
    assert.equal(line?.code, 'XML_NOT_CFDI40');
    assert.match(line?.message ?? '', /The document is not a CFDI 4.0/);
  });

  it('lists the command in the help', async () => {
    const help = await runCli(['help']);
    assert.match(help.stdout, /cfdi pdf ARCHIVO\.xml -o SALIDA\.pdf/);
    const helpEn = await runCli(['help', '--lang', 'en']);
    assert.match(helpEn.stdout, /cfdi pdf FILE\.xml -o OUT\.pdf/);
  });
});
