/**
 * The self-invoice portal in Debian's Chromium (playwright-core), as a customer uses it (#5): from a
 * receipt link, a wrong RFC is flagged as they type and corrected, the régimen and uso lists follow the
 * RFC and the régimen, the invoice is issued and its PDF downloaded; the customer's next payment is then
 * invoiced with no portal. Screenshots at desktop and phone widths go to test-artifacts/portal-*.png.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { usoOptions } from '../../portal/src/portal/fiscal-form.js';
import { launchChromium } from '../support/browser.js';
import { CARLOS_FORM, type PortalHarness, portalHarness } from './portal-harness.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
type Width = keyof typeof WIDTHS;

const run = promisify(execFile);

describe('self-invoice portal in Chromium (#5)', function () {
  this.timeout(120_000);
  let h: PortalHarness;
  let browser: Browser;

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    h = await portalHarness({
      limits: {
        pagesPerMinute: 10_000,
        tokenPerMinute: 10_000,
        searchPerMinute: 10_000,
        validatePerMinute: 10_000,
        uploadsPerMinute: 10_000,
      },
    });
    // The harness's welcome text is an XSS probe (portal.test.ts); here the school's real words.
    const merchant = (await h.store.merchants.get(h.merchantIds.a))!;
    await h.store.merchants.update({
      ...merchant,
      branding: {
        ...merchant.branding,
        welcomeText:
          'Factura tus colegiaturas, inscripciones y uniformes. Ten a la mano tu ticket o el correo de tu pago.',
      },
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  async function open(width: Width): Promise<Page> {
    const context = await browser.newContext({
      viewport: WIDTHS[width],
      acceptDownloads: true,
      locale: 'es-MX',
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      // The browser reports a page answered 404/410/422 as a console error; those statuses are intended.
      if (m.type() === 'error' && !/^Failed to load resource: .* status of (404|410|422)/.test(m.text()))
        problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    (page as Page & { problems: string[] }).problems = problems;
    return page;
  }

  /** No script error and no CSP violation happened on the page. */
  function assertQuiet(page: Page): void {
    assert.deepEqual((page as Page & { problems: string[] }).problems, []);
  }

  const shot = (page: Page, name: string, width: Width) =>
    page.screenshot({ path: join(ARTIFACTS, `portal-${name}-${WIDTHS[width].width}.png`), fullPage: true });

  const optionValues = (page: Page, select: string) =>
    page.$$eval(`${select} option`, (options) =>
      options.map((o) => (o as unknown as { value: string }).value).filter(Boolean),
    );

  it('a customer completes the portal from a receipt link, fixing a wrong RFC, and downloads the PDF; the next payment needs no portal', async () => {
    const receipt = await h.openReceipt('1160.00', {
      items: [
        {
          product_key: '86121500',
          unit_key: 'E48',
          description: 'Colegiatura de diciembre',
          quantity: '1',
          unit_price: '1160.00',
        },
      ],
    });
    const page = await open('desktop');
    await page.goto(`${h.url}${receipt.path}`);
    await page.getByRole('heading', { name: 'Factura tu compra' }).waitFor();
    assert.ok(await page.getByText('Colegiatura de diciembre').isVisible());
    const email = await page.getByLabel('Correo electrónico').inputValue();
    assert.match(email, /^cliente-\d+@example\.com$/, 'the email the payment carried is filled in');

    // A wrong RFC (one character short): the live check says what to fix once the field is left.
    const rfc = page.getByLabel('RFC', { exact: true });
    await rfc.fill('cosc8001137');
    assert.equal(await rfc.inputValue(), 'COSC8001137', 'typed in capitals');
    await page.getByLabel('Nombre o razón social').focus();
    const rfcError = page.locator('#f-rfc-error');
    await rfcError.filter({ hasText: /\S/ }).waitFor();
    assert.equal(
      await rfcError.textContent(),
      'Tu RFC tiene 11 caracteres; debe tener 13 si eres persona física o 12 si es una empresa.',
    );
    assert.equal(await rfc.getAttribute('aria-invalid'), 'true');
    await shot(page, 'receipt-error', 'desktop');

    // Corrected: the message goes away and the lists follow a persona física.
    await rfc.fill(CARLOS_FORM.rfc);
    await rfcError.filter({ hasText: /^\s*$/ }).waitFor({ state: 'attached' });
    assert.equal(await rfc.getAttribute('aria-invalid'), null);
    const regimes = await optionValues(page, '#f-taxRegime');
    assert.ok(regimes.includes('612') && regimes.includes('605'), regimes.join());
    assert.ok(!regimes.includes('601') && !regimes.includes('603'), 'no régimen of a persona moral');
    await page.getByLabel('Nombre o razón social').fill(CARLOS_FORM.name);
    await page.getByLabel('Régimen fiscal').selectOption(CARLOS_FORM.taxRegime);
    const uses = await optionValues(page, '#f-cfdiUse');
    assert.deepEqual(
      uses,
      usoOptions(CARLOS_FORM.rfc, CARLOS_FORM.taxRegime).map((o) => o.key),
    );
    assert.ok(!uses.includes('CN01'), 'nómina is not a use for régimen 612');
    await page.getByLabel('Código postal del domicilio fiscal').fill(CARLOS_FORM.zip);
    await page.getByLabel('Uso del CFDI').selectOption(CARLOS_FORM.cfdiUse);
    await page.getByText('Todo listo para emitir tu factura.').waitFor();

    await Promise.all([
      page.waitForURL(`${h.url}${receipt.path}`),
      page.getByRole('button', { name: 'Emitir mi factura' }).click(),
    ]);
    await page.getByRole('heading', { name: '¡Listo! Tu factura está emitida' }).waitFor();
    const uuid = (await page.locator('#invoice-uuid').textContent())?.trim() ?? '';
    assert.match(uuid, /^[0-9A-F-]{36}$/);
    await shot(page, 'done', 'desktop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Descargar PDF' }).click(),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`^factura-(?:[A-Z0-9-]+-)?\\d+-${uuid}\\.pdf$`));
    const saved = join(ARTIFACTS, 'portal-invoice.pdf');
    await download.saveAs(saved);
    const pdf = await readFile(saved);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    await run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      saved,
      join(ARTIFACTS, 'portal-invoice-page1'),
    ]);
    assert.equal(
      (await readFile(join(ARTIFACTS, 'portal-invoice-page1.png'))).subarray(1, 4).toString('latin1'),
      'PNG',
    );
    assertQuiet(page);

    const next = await h.pay({ amount: '580.00', method: 'card_debit', customer: { email } });
    assert.equal(next.status, 201, JSON.stringify(next.json));
    assert.equal(next.json.status, 'invoiced');
    assert.equal(next.json.invoice?.status, 'stamped');
    assert.equal(next.json.receipt, undefined, 'no portal link this time');
    const xml = (await h.af.invoiceXml(h.merchantIds.a, next.json.invoice!.id))?.toString('utf8') ?? '';
    assert.ok(xml.includes(`Rfc="${CARLOS_FORM.rfc}"`) && xml.includes('UsoCFDI="G03"'));
    await page.context().close();
  });

  it('fills the form from a Constancia PDF in the browser', async () => {
    const { csfPdf } = await import('./csf-fixture.js');
    const receipt = await h.openReceipt('450.00');
    const page = await open('desktop');
    await page.goto(`${h.url}${receipt.path}`);
    await page.getByLabel('Constancia en PDF (hasta 2 MB)').setInputFiles({
      name: 'constancia.pdf',
      mimeType: 'application/pdf',
      buffer: await csfPdf({
        rfc: 'COSC8001137NA',
        nombre: 'CARLOS',
        primerApellido: 'CORTES',
        segundoApellido: 'SOTO',
        cp: '52000',
        regimen: 'Régimen de Incorporación Fiscal',
      }),
    });
    await page.getByRole('button', { name: 'Leer constancia' }).click();
    await page.getByText('Llenamos el formulario con tu Constancia.').waitFor();
    assert.equal(await page.getByLabel('RFC', { exact: true }).inputValue(), 'COSC8001137NA');
    assert.equal(await page.getByLabel('Nombre o razón social').inputValue(), 'CARLOS CORTES SOTO');
    assert.equal(await page.getByLabel('Código postal del domicilio fiscal').inputValue(), '52000');
    assert.equal(await page.getByLabel('Régimen fiscal').inputValue(), '621');
    assertQuiet(page);
    await page.context().close();
  });

  for (const width of ['desktop', 'phone'] as const) {
    it(`looks right at ${WIDTHS[width].width} px: merchant page, form with an error, done page, expired receipt`, async () => {
      const page = await open(width);
      await page.goto(`${h.url}/kemper`);
      await page.getByRole('heading', { name: 'Encuentra tu compra' }).first().waitFor();
      const logo = page.locator('.brand-logo img');
      assert.ok(await logo.isVisible(), 'the logo shows');
      assert.ok(
        await logo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0),
        'the logo loaded',
      );
      await shot(page, 'merchant', width);

      const receipt = await h.openReceipt('1160.00', {
        items: [
          {
            product_key: '86121500',
            unit_key: 'E48',
            description: 'Colegiatura de enero',
            quantity: '1',
            unit_price: '800.00',
          },
          {
            product_key: '86121500',
            unit_key: 'E48',
            description: 'Inscripción',
            quantity: '1',
            unit_price: '360.00',
          },
        ],
      });
      await page.goto(`${h.url}${receipt.path}`);
      await page.getByLabel('RFC', { exact: true }).fill('EKU90031');
      await page.getByLabel('Nombre o razón social').fill('ESCUELA KEMPER URGATE S.A. DE C.V.');
      await page.getByLabel('Código postal del domicilio fiscal').focus();
      await page.locator('#f-name-error').filter({ hasText: 'sin el régimen de capital' }).waitFor();
      await page.locator('#f-rfc-error').filter({ hasText: 'Tu RFC tiene 8 caracteres' }).waitFor();
      if (width === 'phone') await shot(page, 'receipt-error', width);
      assertQuiet(page);

      if (width === 'phone') {
        const done = await h.openReceipt('300.00');
        await page.goto(`${h.url}${done.path}`);
        for (const [label, value] of [
          ['RFC', CARLOS_FORM.rfc],
          ['Nombre o razón social', CARLOS_FORM.name],
          ['Código postal del domicilio fiscal', CARLOS_FORM.zip],
        ] as const) {
          await page.getByLabel(label, { exact: true }).fill(value);
        }
        await page.getByLabel('Régimen fiscal').selectOption(CARLOS_FORM.taxRegime);
        await page.getByLabel('Uso del CFDI').selectOption(CARLOS_FORM.cfdiUse);
        await page.getByRole('button', { name: 'Emitir mi factura' }).click();
        await page.getByRole('heading', { name: '¡Listo! Tu factura está emitida' }).waitFor();
        await shot(page, 'done', width);
      }

      const expired = await h.openReceipt('120.00');
      const stored = (await h.store.receipts.get(h.merchantIds.a, expired.receipt.id))!;
      await h.store.receipts.update({ ...stored, expiresAt: '2026-01-31T06:00:00.000Z' }, stored.updatedAt);
      const response = await page.goto(`${h.url}${expired.path}`);
      assert.equal(response?.status(), 410);
      await page.getByRole('heading', { name: 'Esta compra no se puede facturar' }).waitFor();
      assert.ok(await page.getByRole('link', { name: 'facturas@kemper.example' }).first().isVisible());
      await shot(page, 'expired', width);
      assertQuiet(page);
      await page.context().close();
    });
  }
});
