import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderCfdiPdf } from '../../../core/src/pdf/index.js';
import {
  egresoRequest,
  globalRequest,
  iva16Request,
  LONG_ISSUER,
  LONG_TOKEN,
  LONG_WORDS,
  longTextXml,
  sealedXml,
  stampedXml,
  testUuid,
} from './pdf-documents.js';
import {
  countPixels,
  decodeQr,
  firstPageJpeg,
  imageObjects,
  makeLogo,
  pageCount,
  pageTexts,
  renderPages,
  type Word,
  wordBoxes,
} from './pdf-oracles.js';

const squeeze = (text: string) => text.replace(/\s+/g, '');
const MARGIN = 28;

/** Every word lies inside the page margins, and no two words on a page overlap. */
async function assertNothingOverflows(pdf: Buffer): Promise<void> {
  const { pageWidth, pageHeight, words } = await wordBoxes(pdf);
  assert.ok(words.length > 0);
  for (const w of words) {
    const inside =
      w.xMin >= MARGIN - 0.5 &&
      w.xMax <= pageWidth - MARGIN + 0.5 &&
      w.yMin >= 0 &&
      w.yMax <= pageHeight - 10;
    assert.ok(
      inside,
      `"${w.text}" on page ${w.page} at x ${w.xMin}-${w.xMax}, y ${w.yMin}-${w.yMax} leaves the page`,
    );
  }
  const byPage = new Map<number, Word[]>();
  for (const w of words) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w]);
  for (const [page, list] of byPage) {
    const sorted = [...list].sort((a, b) => a.xMin - b.xMin);
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i] as Word;
      for (let j = i + 1; j < sorted.length && (sorted[j] as Word).xMin < a.xMax - 0.3; j++) {
        const b = sorted[j] as Word;
        const overlap = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
        assert.ok(overlap <= 0.3, `page ${page}: "${a.text}" overlaps "${b.text}"`);
      }
    }
  }
}

describe('renderCfdiPdf layouts (#3)', function () {
  this.timeout(180_000);

  it('prints an ingreso with the merchant logo, trade name and color', async () => {
    const { xml, uuid } = stampedXml(iva16Request(), testUuid(1));
    const pdf = await renderCfdiPdf(xml, {
      branding: { logo: makeLogo(), color: '#C8285A', tradeName: 'Kemper Cursos' },
    });
    const [text] = await pageTexts(pdf);
    for (const expected of [
      'Kemper Cursos',
      'FACTURA',
      uuid,
      'A-1001',
      'Licencia de software ÑANDÚ & Cía. <anual>',
      'No. ident.:',
      'CURSO-01',
      '33.333333',
      '1,600.00',
      '150.00',
      '232.00',
      '1,682.00 MXN',
      'MIL SEISCIENTOS OCHENTA Y DOS PESOS 00/100 M.N.',
      '612 - Personas Físicas con Actividades',
    ]) {
      assert.ok(text?.includes(expected), `lacks "${expected}"`);
    }
    const [png] = await renderPages(pdf, 'ingreso-branded');
    assert.equal(
      await decodeQr(png as string),
      `https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=${uuid}&re=EKU9003173C9&rr=COSC8001137NA&tt=1682.0&fe=${/ Sello="[^"]*(.{8})"/.exec(xml)?.[1]}`,
    );
    assert.ok((await countPixels(png as string, [0xc8, 0x28, 0x5a])) > 5000, 'brand color fills the bands');
    assert.equal((await imageObjects(pdf)).length, 1, 'the logo is embedded');
    await assertNothingOverflows(pdf);
  });

  it('prints an egreso with its TipoRelacion and every related UUID', async () => {
    const related = [1, 2, 3, 4, 5].map((n) => testUuid(20 + n));
    const { xml, uuid } = stampedXml(egresoRequest(related), testUuid(9));
    const pdf = await renderCfdiPdf(xml);
    const [text] = await pageTexts(pdf);
    assert.ok(text?.includes('NOTA DE CRÉDITO'));
    assert.ok(text?.includes('E - Egreso'));
    assert.ok(text?.includes('Tipo de relación: 01 - Nota de crédito de los documentos relacionados'));
    for (const u of related) assert.ok(text?.includes(u), `related ${u}`);
    assert.ok(text?.includes(uuid));
    assert.ok(text?.includes('QUINIENTOS OCHENTA PESOS 00/100 M.N.'));
    await renderPages(pdf, 'egreso');
    await assertNothingOverflows(pdf);
  });

  it('prints a factura global of 300 conceptos over pages that each repeat header, columns and page number', async () => {
    const { xml, uuid } = stampedXml(globalRequest(300), testUuid(10));
    const pdf = await renderCfdiPdf(xml);
    const pages = await pageTexts(pdf);
    assert.equal(pages.length, await pageCount(pdf));
    assert.ok(pages.length >= 8 && pages.length <= 14, `${pages.length} pages`);
    pages.forEach((page, i) => {
      for (const expected of [
        'FACTURA GLOBAL',
        'ESCUELA KEMPER URGATE',
        'G-2026-10',
        uuid,
        'Descripción',
        'Valor unitario',
        `Página ${i + 1} de ${pages.length}`,
      ]) {
        assert.ok(page.includes(expected), `page ${i + 1} lacks "${expected}"`);
      }
    });
    const all = pages.join('\n');
    for (let n = 1; n <= 300; n++) {
      assert.equal(all.match(new RegExp(`T-${n}\\b`, 'g'))?.length, 1, `ticket T-${n} printed once`);
    }
    assert.ok(pages[0]?.includes('04 - Mensual'));
    assert.ok(pages[0]?.includes('10 - Octubre'));
    assert.ok(pages[0]?.includes('S01 - Sin efectos fiscales'));
    const last = pages[pages.length - 1] as string;
    assert.ok(last.includes('43,498.26 MXN'));
    assert.ok(last.includes('CUARENTA Y TRES MIL CUATROCIENTOS NOVENTA Y OCHO PESOS 26/100 M.N.'));
    const pngs = await renderPages(pdf, 'global-300');
    assert.equal(pngs.length, pages.length);
    assert.match(
      (await decodeQr(pngs[pngs.length - 1] as string)) ?? '',
      new RegExp(`id=${uuid}&.*&tt=43498.26&`),
    );
    await assertNothingOverflows(pdf);
  });

  it('marks a cancelled invoice on every page with CANCELADO and the cancellation date', async () => {
    const { xml } = longTextXml();
    const pdf = await renderCfdiPdf(xml, { cancelled: { at: '2026-12-01T09:30:00' } });
    const pages = await pageTexts(pdf);
    assert.ok(pages.length >= 2);
    pages.forEach((page, i) => {
      assert.ok(page.includes('CFDI CANCELADO el 2026-12-01T09:30:00'), `page ${i + 1} notice`);
    });
    const raw = await pageTexts(pdf, 'raw');
    raw.forEach((page, i) => {
      assert.equal(page.match(/CANCELADO/g)?.length, 2, `page ${i + 1}: notice and diagonal mark`);
    });
    const pngs = await renderPages(pdf, 'cancelled');
    const center = { x0: 0.3, y0: 0.35, x1: 0.7, y1: 0.65 };
    const pale = [0xf5, 0xd0, 0xd0] as [number, number, number];
    for (const png of pngs)
      assert.ok((await countPixels(png, pale, 30, center)) > 3000, `${png}: diagonal mark`);
    const uncancelled = await renderPages(await renderCfdiPdf(xml), 'not-cancelled');
    assert.ok(
      (await countPixels(uncancelled[0] as string, pale, 30, center)) < 300,
      'no mark when not cancelled',
    );
  });

  it('marks a test-mode document on every page with PRUEBA and says it has no fiscal validity', async () => {
    const { xml } = longTextXml();
    const pdf = await renderCfdiPdf(xml, { test: true });
    const pages = await pageTexts(pdf);
    assert.ok(pages.length >= 2);
    pages.forEach((page, i) => {
      assert.ok(
        page.includes('Documento de prueba (llave de pruebas, PAC sandbox): sin validez fiscal'),
        `page ${i + 1}`,
      );
    });
    const raw = await pageTexts(pdf, 'raw');
    raw.forEach((page, i) => {
      assert.equal(page.match(/PRUEBA/g)?.length, 1, `page ${i + 1}: the diagonal mark`);
    });
    const pngs = await renderPages(pdf, 'test-mode');
    const center = { x0: 0.3, y0: 0.35, x1: 0.7, y1: 0.65 };
    const pale = [0xf5, 0xd0, 0xd0] as [number, number, number];
    for (const png of pngs)
      assert.ok((await countPixels(png, pale, 30, center)) > 3000, `${png}: diagonal mark`);
    const english = await pageTexts(await renderCfdiPdf(xml, { test: true, lang: 'en' }));
    assert.ok(english[0]!.includes('Test document (test key, sandbox PAC): not valid for tax purposes'));
  });

  it('marks an unstamped CFDI on every page as not valid for tax purposes, without a QR', async () => {
    const request = globalRequest(60);
    const pdf = await renderCfdiPdf(sealedXml(request));
    const pages = await pageTexts(pdf);
    assert.ok(pages.length >= 2);
    pages.forEach((page, i) => {
      assert.ok(page.includes('Sin timbre fiscal: no válido para efectos fiscales'), `page ${i + 1}`);
      assert.ok(!page.includes('Folio fiscal'), 'no UUID label');
    });
    const pngs = await renderPages(pdf, 'unstamped');
    for (const png of pngs) assert.equal(await decodeQr(png), undefined);
    const english = await pageTexts(await renderCfdiPdf(sealedXml(iva16Request()), { lang: 'en' }));
    assert.ok(english[0]?.includes('Not stamped: not valid for tax purposes'));
  });

  it('prints English labels with lang en (catalog texts stay as SAT writes them)', async () => {
    const { xml } = stampedXml(iva16Request(), testUuid(1));
    const pdf = await renderCfdiPdf(xml, { lang: 'en', branding: { color: '#F5D547' } });
    const [text] = await pageTexts(pdf);
    for (const expected of [
      'INVOICE',
      'Customer',
      'Document details',
      'Payment form',
      'Unit price',
      'Amount in words',
      'ONE THOUSAND SIX HUNDRED EIGHTY-TWO PESOS 00/100 MXN',
      "SAT's digital seal",
      'Page 1 of 1',
      '601 - General de Ley Personas Morales',
    ]) {
      assert.ok(text?.includes(expected), `lacks "${expected}"`);
    }
    for (const spanish of ['Receptor', 'Importe con letra', 'Página'])
      assert.ok(!text?.includes(spanish), spanish);
    await renderPages(pdf, 'ingreso-en');
  });

  it('wraps 1000-character descriptions, unbroken words, long names and sellos without overflowing', async () => {
    const { xml } = longTextXml();
    const pdf = await renderCfdiPdf(xml, { branding: { tradeName: 'Ñandú & Cía' } });
    const pages = await pageTexts(pdf);
    const pngs = await renderPages(pdf, 'long-texts');
    assert.equal(pngs.length, pages.length);
    const flat = squeeze(pages.join(''));
    // Content-stream order keeps each cell's lines together (layout mode interleaves the columns).
    const raw = squeeze((await pageTexts(pdf, 'raw')).join(''));
    assert.ok(raw.includes(squeeze(LONG_WORDS)), '1000-character description printed whole');
    assert.ok(raw.includes(LONG_TOKEN), '1000-character word printed whole');
    assert.ok(raw.includes(squeeze(LONG_ISSUER)), 'issuer name printed whole');
    assert.ok(pages[0]?.includes('CARLOS CORTÉS SOTO & HIJOS ÑÜ'));
    for (let i = 0; i < 90; i++) assert.ok(flat.includes(`26473807${8000000 + i}`), `pedimento ${i}`);
    // "26  47  3807  8000000" keeps its double spaces: the gap after "26" is wider than the single
    // space after "Pedimento:" by about one more space (1.75 pt at 6.3 pt).
    const { words } = await wordBoxes(pdf);
    const at = words.findIndex((w, i) => w.text === 'Pedimento:' && words[i + 1]?.text === '26');
    const [label, first, second] = words.slice(at, at + 3) as [Word, Word, Word];
    const single = first.xMin - label.xMax;
    const double = second.xMin - first.xMax;
    assert.ok(double - single > 1.2 && double - single < 2.6, `gaps ${single} and ${double}`);
    for (let i = 0; i < 40; i++) assert.ok(flat.includes(testUuid(100 + i)), `related UUID ${i}`);
    assert.ok(
      raw.includes(squeeze('WinAnsi: ? ?? ? o – “comillas” € ñ')),
      'characters outside WinAnsi become ?, the rest of cp1252 is kept',
    );
    await assertNothingOverflows(pdf);
  });

  it('gives the same bytes for the same input, dated with the CFDI Fecha', async () => {
    const { xml } = stampedXml(iva16Request(), testUuid(1));
    const a = await renderCfdiPdf(xml);
    const b = await renderCfdiPdf(xml);
    assert.ok(a.equals(b));
    assert.equal(await creationDate(a), '2026-11-28T10:15:00Z');
  });

  it('refuses a logo that is not PNG or JPEG and a malformed color, with coded errors', async () => {
    const { xml } = stampedXml(iva16Request(), testUuid(1));
    await assert.rejects(renderCfdiPdf(xml, { branding: { logo: Buffer.from('GIF89a...') } }), {
      code: 'PDF_LOGO_FORMAT',
    });
    const truncated = makeLogo().subarray(0, 60);
    await assert.rejects(renderCfdiPdf(xml, { branding: { logo: truncated } }), { code: 'PDF_LOGO_FORMAT' });
    await assert.rejects(renderCfdiPdf(xml, { branding: { color: 'blue' } }), { code: 'PDF_BRAND_COLOR' });
  });

  it('accepts a JPEG logo', async () => {
    const { xml } = stampedXml(iva16Request(), testUuid(1));
    const jpeg = await firstPageJpeg(await renderCfdiPdf(sealedXml(iva16Request())));
    assert.equal(jpeg.subarray(0, 3).toString('hex'), 'ffd8ff');
    const pdf = await renderCfdiPdf(xml, { branding: { logo: jpeg } });
    assert.deepEqual(
      (await imageObjects(pdf)).map((i) => i.encoding),
      ['jpeg'],
    );
  });

  it('refuses XML that is not a CFDI 4.0', async () => {
    await assert.rejects(renderCfdiPdf('<a/>'), { code: 'XML_NOT_CFDI40' });
    await assert.rejects(renderCfdiPdf('<cfdi:Comprobante'), { code: 'XML_MALFORMED' });
  });
});

async function creationDate(pdf: Buffer): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-pdfinfo-'));
  await writeFile(join(dir, 'doc.pdf'), pdf);
  const { stdout } = await promisify(execFile)('pdfinfo', ['-isodates', join(dir, 'doc.pdf')]);
  return /^CreationDate:\s+(\S+)/m.exec(stdout)?.[1];
}
