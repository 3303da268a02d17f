import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCfdiPdf } from '../../../core/src/pdf/index.js';
import { FIXTURES, XSLT_TFD, xsltprocCadena } from '../../support/oracles.js';
import { decodeQr, pageTexts, renderPages } from './pdf-oracles.js';

const SAMPLES = join(FIXTURES, 'sat/samples');

function attr(xml: string, element: string, name: string): string {
  const tag = new RegExp(`<${element}\\b[^>]*?\\s${name}="([^"]*)"`).exec(xml);
  assert.ok(tag, `${element}@${name} in the sample`);
  return (tag[1] as string).replace(/&amp;/g, '&');
}

/** SAT's TFD cadena of a stamped XML file: the TFD alone, through cadenaoriginal_TFD_1_1.xslt. */
async function satTfdCadena(xml: string): Promise<string> {
  let tfd = /<tfd:TimbreFiscalDigital\b[^>]*\/>/.exec(xml)?.[0] as string;
  if (!tfd.includes('xmlns:tfd=')) {
    tfd = tfd.replace(
      '<tfd:TimbreFiscalDigital',
      '<tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital"',
    );
  }
  if (tfd.includes('xsi:') && !tfd.includes('xmlns:xsi=')) {
    tfd = tfd.replace(
      '<tfd:TimbreFiscalDigital',
      '<tfd:TimbreFiscalDigital xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    );
  }
  const file = join(await mkdtemp(join(tmpdir(), 'autofactura-tfd-')), 'tfd.xml');
  await writeFile(file, tfd);
  return xsltprocCadena(file, XSLT_TFD);
}

/** Text without any whitespace, so wrapped base64 and cadenas can be searched for whole. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('renderCfdiPdf on real stamped SAT samples (#3)', function () {
  this.timeout(120_000);

  it('prints the UUID, totals, amount in words, catalog descriptions, sellos and the TFD cadena', async () => {
    const xml = readFileSync(join(SAMPLES, 'cfdiutils/cfdi40-real.xml'), 'utf8');
    const pdf = await renderCfdiPdf(xml);
    const [text, ...more] = await pageTexts(pdf);
    assert.equal(more.length, 0, 'one page');
    const page = text as string;
    for (const expected of [
      'C2832671-DA6D-11EF-A83D-00155D012007',
      'O-52375239',
      'PASE, SERVICIOS ELECTRONICOS',
      'ISD950921HE5',
      '601 - General de Ley Personas Morales',
      'G03 - Gastos en general',
      '04 - Tarjeta de crédito',
      'PUE - Pago en una sola exhibición',
      'MXN - Peso Mexicano',
      '01 - No aplica',
      'Lugar de expedición (C.P.): 11529',
      'COMISION RECARGA IDMX',
      '80141628',
      'E48',
      'NO APLICA',
      'Traslado IVA 16% · Base 8.620690 · Importe 1.379310',
      '862.07',
      '137.93',
      '1,000.00 MXN',
      'MIL PESOS 00/100 M.N.',
      '00001000000510877575',
      '00001000000708361114',
      '2025-01-24T10:10:42',
      'TBN040609RKA',
      'Cadena original del complemento de certificación digital del SAT',
      'Página 1 de 1',
    ]) {
      assert.ok(page.includes(expected), `page text lacks "${expected}"`);
    }
    const flat = squeeze(page);
    assert.ok(flat.includes(attr(xml, 'cfdi:Comprobante', 'Sello')), 'Sello printed in full');
    assert.ok(flat.includes(attr(xml, 'tfd:TimbreFiscalDigital', 'SelloSAT')), 'SelloSAT printed in full');
    assert.ok(flat.includes(squeeze(await satTfdCadena(xml))), "SAT's TFD cadena printed in full");
  });

  it("carries SAT's verification URL in a QR code that decodes from the rendered page", async () => {
    const xml = readFileSync(join(SAMPLES, 'cfdiutils/cfdi40-real.xml'), 'utf8');
    const [png] = await renderPages(await renderCfdiPdf(xml), 'sample-cfdi40-real');
    const sello = attr(xml, 'cfdi:Comprobante', 'Sello');
    assert.equal(
      await decodeQr(png as string),
      'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx' +
        `?id=${attr(xml, 'tfd:TimbreFiscalDigital', 'UUID')}` +
        `&re=${attr(xml, 'cfdi:Emisor', 'Rfc')}&rr=${attr(xml, 'cfdi:Receptor', 'Rfc')}` +
        `&tt=1000.0&fe=${sello.slice(-8)}`,
    );
  });

  it('escapes an RFC with & in the QR as SAT asks (H&amp;E951128469) and prints names with &', async () => {
    const xml = readFileSync(
      join(SAMPLES, 'satcfdi/test_create_cfdi40/h&e951128469_ingreso_iva16_stamped.xml'),
      'utf8',
    );
    const pdf = await renderCfdiPdf(xml);
    const [png] = await renderPages(pdf, 'sample-h-and-e');
    const url = await decodeQr(png as string);
    assert.equal(
      url,
      'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=6d7434a6-e3f2-47ad-9e4c-08849946afa0' +
        `&re=H&amp;E951128469&rr=KIJ0906199R1&tt=17852.75&fe=${attr(xml, 'cfdi:Comprobante', 'Sello').slice(-8)}`,
    );
    const [text] = await pageTexts(pdf);
    assert.match(text as string, /HERRERIA & ELECTRICOS/);
    assert.match(text as string, /DIECISIETE MIL OCHOCIENTOS CINCUENTA Y DOS PESOS 75\/100 M\.N\./);
  });

  const stamped = [
    'cfdiutils',
    'nodecfdi-cfdi-validator',
    'satcfdi/test_create_cfdi40',
    'satcfdi/invoices',
    'satcfdi/test_pac_finkok',
  ]
    .flatMap((dir) => readdirSync(join(SAMPLES, dir)).map((f) => join(SAMPLES, dir, f)))
    .filter((f) => f.endsWith('.xml'))
    .map((file) => ({ file, xml: readFileSync(file, 'utf8') }))
    .filter(({ xml }) => /Version="4\.0"/.test(xml) && /TimbreFiscalDigital/.test(xml));

  it(`renders every stamped CFDI 4.0 sample (${stamped.length}) with its UUID and Total`, async () => {
    assert.ok(stamped.length >= 10);
    for (const { file, xml } of stamped) {
      const text = (await pageTexts(await renderCfdiPdf(xml))).join('\n');
      const uuid = attr(xml, 'tfd:TimbreFiscalDigital', 'UUID');
      assert.ok(text.includes(uuid), `${file}: UUID ${uuid}`);
      const total = attr(xml, 'cfdi:Comprobante', 'Total');
      const grouped = total.replace(/\B(?=(\d{3})+(?!\d)(\.|$))/g, ',');
      assert.ok(text.includes(grouped), `${file}: Total ${grouped}`);
    }
  });
});
