/**
 * The self-invoice portal (#5) through the real server: the merchant's branded page, finding purchases
 * by what the ticket shows, the receipt link, the fiscal form's errors in plain words, issuing (XML
 * verified, PDF, email), remembering the customer, the closed states, the Constancia upload and tenant
 * isolation.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csfPdf } from './csf-fixture.js';
import {
  anonymousPayment,
  CARLOS_FORM,
  type PortalHarness,
  pathOf,
  portalHarness,
} from './portal-harness.js';

const ROOMY = {
  pagesPerMinute: 10_000,
  tokenPerMinute: 10_000,
  searchPerMinute: 10_000,
  validatePerMinute: 10_000,
  uploadsPerMinute: 10_000,
};

/** The day in Mexico City of an instant, as the portal's date field sends it. */
function mexicoDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(new Date(iso));
}

const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();

/** Every file under a directory (recursively), as paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  // lowdb's atomic writes leave short-lived .tmp files while the worker runs: not data.
  return entries.filter((e) => e.isFile() && !e.name.endsWith('.tmp')).map((e) => join(e.parentPath, e.name));
}

describe('self-invoice portal (#5)', function () {
  this.timeout(60_000);
  let h: PortalHarness;
  before(async () => {
    h = await portalHarness({ limits: ROOMY });
  });
  after(() => h.close());

  describe('the merchant page /{slug}', () => {
    it('shows the logo, trade name, brand colors, welcome text (as text) and contact', async () => {
      const page = await h.browser().get('/kemper');
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(page.text, /<html lang="es-MX">/);
      assert.match(page.text, /<span class="brand-name">Escuela Kemper<\/span>/);
      assert.match(page.text, /--brand:#0F766E;--brand-2:#F59E0B;/);
      const logo = /<img src="(\/kemper\/logo\?v=[0-9a-f]{10})"/.exec(page.text)?.[1];
      assert.ok(logo, 'the page shows the logo');
      // The harness's welcome text holds a <script>: it is shown, escaped, and never runs.
      assert.ok(
        page.text.includes('Factura tus colegiaturas &lt;script&gt;alert(&#34;welcome&#34;)&lt;/script&gt;'),
      );
      assert.ok(!page.text.includes('<script>alert'));
      assert.ok(page.text.includes('href="mailto:facturas@kemper.example"'));
      assert.ok(page.text.includes('href="tel:+527711234567"'));
      assert.ok(page.text.includes('href="https://wa.me/527711234567"'));
      assert.ok(page.text.includes('href="https://instagram.com/kemper"'));
      assert.ok(!page.text.includes('javascript:'), 'an unsafe social link is dropped');
      assert.match(page.text, /<form method="post" action="\/kemper\/find"/);

      const image = await h.browser().get(logo);
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('content-type'), 'image/png');
      assert.deepEqual(image.bytes.subarray(0, 4), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    });

    it('speaks English with ?lang=en and keeps the choice', async () => {
      const b = h.browser();
      const en = await b.get('/kemper?lang=en');
      assert.match(en.text, /<html lang="en">/);
      assert.ok(en.text.includes('Find your purchase'));
      assert.ok(en.text.includes('Ticket number or reference'));
      const again = await b.get('/kemper');
      assert.ok(again.text.includes('Find your purchase'), 'the language sticks');
      const es = await b.get('/kemper?lang=es');
      assert.ok(es.text.includes('Encuentra tu compra'));
    });

    it('answers an unknown or reserved slug with a 404 page', async () => {
      const page = await h.browser().get('/no-existe');
      assert.equal(page.status, 404);
      assert.ok(page.text.includes('No existe un portal de facturación en esta dirección'));
      assert.equal((await h.browser().get('/INVALID_slug!')).status, 404);
    });
  });

  describe('finding a purchase', () => {
    it('finds it by ticket + amount + date, then invoices several purchases at once', async () => {
      const paidAt = hourAgo();
      const first = await h.openReceipt('1160.00', { paid_at: paidAt, external_id: 'order-7001' });
      const second = await h.openReceipt('580.00', { paid_at: paidAt, external_id: 'order-7002' });
      const b = h.browser();
      await b.get('/kemper');
      // The ticket number without its leading zeros, the amount as typed with a $ sign.
      const found = await b.post('/kemper/find', {
        reference: String(Number(first.receipt.ticket)),
        amount: '$1,160',
        date: mexicoDay(paidAt),
      });
      assert.equal(found.status, 303);
      assert.equal(found.location, first.path);

      const page = await b.get(first.path);
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(`Ticket ${first.receipt.ticket}`));
      assert.ok(page.text.includes('$1,160.00 MXN'));

      // The second purchase is added by its payment reference (order number).
      const added = await b.post(`${first.path}/add`, {
        reference: 'order-7002',
        amount: '580.00',
        date: mexicoDay(paidAt),
      });
      assert.equal(added.status, 200);
      assert.ok(added.text.includes('Agregamos la compra a tu factura.'));
      assert.ok(added.text.includes('Tus compras (2)'));
      assert.match(added.text, /id="purchase-total">\$1,740\.00 MXN</);
      assert.ok(added.text.includes(`name="also" value="${second.token}"`));

      const done = await b.post(first.path, {
        ...CARLOS_FORM,
        email: 'varias@example.com',
        also: second.token,
      });
      assert.equal(done.status, 303, done.text.slice(0, 2000));
      const receipts = await Promise.all(
        [first, second].map((o) => h.store.receipts.get(h.merchantIds.a, o.receipt.id)),
      );
      assert.deepEqual(
        receipts.map((r) => r?.status),
        ['invoiced', 'invoiced'],
      );
      assert.equal(receipts[0]!.invoiceId, receipts[1]!.invoiceId, 'one invoice for both purchases');
      const invoice = await h.af.getInvoice(h.merchantIds.a, receipts[0]!.invoiceId!);
      assert.equal(invoice?.status, 'stamped');
      assert.equal(invoice?.total, '1740.00');
    });

    it("says what to check when nothing matches, and never shows a stranger's purchase", async () => {
      const paidAt = hourAgo();
      const own = await h.openReceipt('99.50', { paid_at: paidAt });
      const b = h.browser();
      await b.get('/kemper');
      const wrongAmount = await b.post('/kemper/find', {
        reference: own.receipt.ticket,
        amount: '99.00',
        date: mexicoDay(paidAt),
      });
      assert.equal(wrongAmount.status, 404);
      assert.ok(
        wrongAmount.text.includes(
          'No encontramos una compra con esos datos. Revisa el número de ticket, el monto exacto (con centavos) y la fecha de la compra.',
        ),
      );
      assert.ok(!wrongAmount.text.includes(own.token));
      const wrongDay = await b.post('/kemper/find', {
        reference: own.receipt.ticket,
        amount: '99.50',
        date: '2020-01-01',
      });
      assert.equal(wrongDay.status, 404);
      const missing = await b.post('/kemper/find', { reference: own.receipt.ticket, amount: '', date: '' });
      assert.equal(missing.status, 422);
      assert.ok(missing.text.includes('Escribe el número de ticket, el monto y la fecha de tu compra.'));
      assert.ok(missing.text.includes(`value="${own.receipt.ticket}"`), 'what was typed stays in the form');
    });
  });

  describe('the receipt link /{slug}/r/{token}', () => {
    it('shows the purchase, the form and when it expires', async () => {
      const open = await h.openReceipt('250.00', {
        items: [
          {
            product_key: '86121500',
            unit_key: 'E48',
            description: 'Colegiatura <b>enero</b>',
            quantity: '1',
            unit_price: '250.00',
          },
        ],
      });
      const page = await h.browser().get(open.path);
      assert.equal(page.status, 200, page.text.slice(0, 500));
      assert.ok(page.text.includes('Factura tu compra'));
      assert.ok(page.text.includes(`Ticket ${open.receipt.ticket}`));
      assert.ok(page.text.includes('$250.00 MXN'));
      assert.ok(page.text.includes('1 × Colegiatura &lt;b&gt;enero&lt;/b&gt;'));
      assert.match(page.text, /Puedes facturarla hasta el \d{1,2} de [a-z]+ de \d{4}\./);
      for (const label of [
        'RFC',
        'Nombre o razón social',
        'Régimen fiscal',
        'Código postal del domicilio fiscal',
        'Uso del CFDI',
        'Correo electrónico',
      ]) {
        assert.match(page.text, new RegExp(`<label for="f-[a-zA-Z]+">${label}</label>`), label);
      }
      assert.match(
        page.text,
        /id="f-email" name="email" type="email" value="cliente-\d+@example.com"/,
        'the email the payment carried is filled in',
      );
      assert.match(page.text, /<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{43}">/);
    });

    it('words each problem of the form in plain Spanish, and in English with ?lang=en', async () => {
      const open = await h.openReceipt('300.00');
      const b = h.browser();
      await b.get(open.path);
      const post = (fields: Partial<typeof CARLOS_FORM>, path = open.path) =>
        b.post(path, { ...CARLOS_FORM, ...fields });
      const errorOf = (text: string, field: string) =>
        new RegExp(
          `<span class="field-error" id="f-${field}-error" data-error-for="${field}">([^<]*)</span>`,
        ).exec(text)?.[1] ?? '';

      const shortRfc = await post({ rfc: 'COSC8001137' });
      assert.equal(shortRfc.status, 422);
      assert.equal(
        errorOf(shortRfc.text, 'rfc'),
        'Tu RFC tiene 11 caracteres; debe tener 13 si eres persona física o 12 si es una empresa.',
      );
      assert.ok(shortRfc.text.includes('Revisa 1 dato(s) marcados abajo.'));
      assert.match(shortRfc.text, /id="f-rfc"[^>]*aria-invalid="true"/);
      assert.ok(shortRfc.text.includes('value="CARLOS CORTES SOTO"'), 'what was typed stays');

      const badRfc = await post({ rfc: 'COSC8013137NA' });
      assert.equal(
        errorOf(badRfc.text, 'rfc'),
        'Ese RFC no es válido: revisa las letras, la fecha (AAMMDD) y la homoclave como aparecen en tu Constancia.',
      );

      const company = await post({
        rfc: 'EKU9003173C9',
        name: 'ESCUELA KEMPER URGATE S.A. DE C.V.',
        taxRegime: '601',
        cfdiUse: 'G03',
      });
      assert.equal(
        errorOf(company.text, 'name'),
        'Escribe la razón social sin el régimen de capital: sin &#34;S.A. DE C.V.&#34;. Queda así: ESCUELA KEMPER URGATE',
      );

      const regime = await post({ taxRegime: '601' });
      assert.equal(
        errorOf(regime.text, 'taxRegime'),
        'Ese régimen no aplica a una persona física (RFC de 13 caracteres); elige uno de la lista.',
      );
      assert.ok(
        !/<option value="601"/.test(regime.text),
        'the régimen list offers only those for a persona física',
      );
      assert.ok(/<option value="612"/.test(regime.text));

      const uso = await post({ taxRegime: '616', cfdiUse: 'G03' });
      assert.equal(
        errorOf(uso.text, 'cfdiUse'),
        'Ese uso del CFDI no se permite con tu régimen; elige uno de la lista.',
      );

      const zip = await post({ zip: '00001' });
      assert.equal(
        errorOf(zip.text, 'zip'),
        'El código postal 00001 no existe en el catálogo del SAT; escribe el de tu Constancia.',
      );

      const email = await post({ email: 'carlos@' });
      assert.equal(errorOf(email.text, 'email'), 'Escribe un correo válido, como nombre@dominio.com.');

      const en = await post({ rfc: 'COSC8001137', zip: '00001' }, `${open.path}?lang=en`);
      assert.equal(en.status, 422);
      assert.equal(
        errorOf(en.text, 'rfc'),
        'Your RFC has 11 characters; it must have 13 for an individual or 12 for a company.',
      );
      assert.equal(
        errorOf(en.text, 'zip'),
        'Postal code 00001 is not in SAT&#39;s catalog; type the one on your Constancia.',
      );
      assert.ok(en.text.includes('Check 2 field(s) marked below.'));

      // Nothing was issued by any of these.
      assert.equal((await h.store.receipts.get(h.merchantIds.a, open.receipt.id))?.status, 'open');
    });

    it('checks as the customer types: /{slug}/validate answers the same words as JSON', async () => {
      const open = await h.openReceipt('301.00');
      const b = h.browser();
      await b.get(open.path);
      // The page's token without the browser's cookie means nothing: refused.
      const res = await fetch(`${h.url}/kemper/validate`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-csrf-token': b.csrf(),
          accept: 'application/json',
        },
        body: new URLSearchParams(CARLOS_FORM),
      });
      assert.equal(res.status, 403);
      const ok = await b.post(
        '/kemper/validate',
        { ...CARLOS_FORM, rfc: 'COSC8001137' },
        { headers: { accept: 'application/json' } },
      );
      assert.equal(ok.status, 200);
      assert.deepEqual(JSON.parse(ok.text), {
        errors: {
          rfc: 'Tu RFC tiene 11 caracteres; debe tener 13 si eres persona física o 12 si es una empresa.',
        },
      });
      // Half-filled (the customer typed only the RFC and a company name so far): what was typed is checked.
      const half = await b.post(
        '/kemper/validate',
        {
          rfc: 'EKU90031',
          name: 'ESCUELA KEMPER URGATE S.A. DE C.V.',
          taxRegime: '',
          zip: '',
          cfdiUse: '',
          email: '',
        },
        { headers: { accept: 'application/json' } },
      );
      const { errors } = JSON.parse(half.text) as { errors: Record<string, string> };
      assert.equal(
        errors.rfc,
        'Tu RFC tiene 8 caracteres; debe tener 13 si eres persona física o 12 si es una empresa.',
      );
      assert.match(
        errors.name ?? '',
        /^Escribe la razón social sin el régimen de capital: sin "S\.A\. DE C\.V\."/,
      );
      assert.equal(errors.taxRegime, 'Elige tu régimen fiscal.');
      assert.equal(errors.zip, 'Escribe el código postal de tu domicilio fiscal (5 dígitos).');
      const halfUso = await b.post(
        '/kemper/validate',
        { rfc: 'COSC8001137NA', taxRegime: '616', cfdiUse: 'G03' },
        { headers: { accept: 'application/json' } },
      );
      assert.equal(
        JSON.parse(halfUso.text).errors.cfdiUse,
        'Ese uso del CFDI no se permite con tu régimen; elige uno de la lista.',
      );
      assert.equal(JSON.parse(halfUso.text).errors.rfc, undefined);
      const clean = await b.post('/kemper/validate', CARLOS_FORM, {
        headers: { accept: 'application/json' },
      });
      assert.deepEqual(JSON.parse(clean.text), { errors: {} });
    });

    it('issues the invoice on submit: XML verified (Sello, SelloSAT), PDF and XML downloads, an email, and the customer kept', async () => {
      const open = await h.openReceipt('1160.00');
      const b = h.browser();
      const form = await b.get(open.path);
      // The customer keeps the email the payment carried (the form offers it).
      const email = /id="f-email" name="email" type="email" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
      assert.match(email, /^cliente-\d+@example\.com$/);
      const submitted = await b.post(open.path, { ...CARLOS_FORM, email, rfc: ' cosc-8001137na ' });
      assert.equal(submitted.status, 303, submitted.text.slice(0, 2000));
      assert.equal(submitted.location, open.path);

      const done = await b.get(open.path);
      assert.equal(done.status, 200);
      assert.ok(done.text.includes('¡Listo! Tu factura está emitida'));
      // Paid with a test key: the page says the invoice has no fiscal validity.
      assert.ok(done.text.includes('Factura de prueba'), 'test-mode notice');
      assert.match(done.text, /A-PRUEBA-\d+/);
      const uuid = /id="invoice-uuid">([0-9A-F-]{36})</.exec(done.text)?.[1];
      assert.ok(uuid, 'the done page shows the UUID');
      assert.ok(done.text.includes(`href="${open.path}/factura.pdf"`));
      assert.ok(done.text.includes(`href="${open.path}/factura.xml"`));

      const xml = await b.get(`${open.path}/factura.xml`);
      assert.equal(xml.status, 200);
      assert.match(xml.headers.get('content-type') ?? '', /^application\/xml/);
      assert.match(
        xml.headers.get('content-disposition') ?? '',
        new RegExp(`attachment; filename="factura-(?:[A-Z0-9-]+-)?\\d+-${uuid}\\.xml"`),
      );
      const verdict = h.verify(xml.bytes);
      assert.ok(verdict.ok, JSON.stringify(verdict.problems));
      assert.equal(verdict.sello, 'valid');
      assert.equal(verdict.tfd?.selloSat, 'valid');
      assert.ok(xml.text.includes('Rfc="COSC8001137NA"'));
      assert.ok(xml.text.includes('Nombre="CARLOS CORTES SOTO"'));
      assert.ok(xml.text.includes('RegimenFiscalReceptor="612"'));
      assert.ok(xml.text.includes('DomicilioFiscalReceptor="52000"'));
      assert.ok(xml.text.includes('UsoCFDI="G03"'));
      assert.ok(xml.text.includes(`UUID="${uuid}"`));

      const pdf = await b.get(`${open.path}/factura.pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal(pdf.headers.get('cache-control'), 'private, no-store');

      // The email goes out through the job worker.
      let sent: string | undefined;
      for (let i = 0; i < 100 && !sent; i++) {
        sent = (await h.emails()).find(
          (m) => m.includes(`To: ${email}`) && m.includes(`Folio fiscal (UUID): ${uuid}`),
        );
        if (!sent) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(sent, 'an email with the invoice is in the outbox');

      // Kept: this customer's next payment is invoiced right away, with no portal.
      const next = await h.pay({ amount: '580.00', method: 'card_debit', customer: { email } });
      assert.equal(next.status, 201, JSON.stringify(next.json));
      assert.equal(next.json.status, 'invoiced', JSON.stringify(next.json));
      assert.equal(next.json.receipt, undefined);
      const second = await h.af.getInvoice(h.merchantIds.a, next.json.invoice!.id);
      assert.equal(second?.status, 'stamped');
      const secondXml = await h.af.invoiceXml(h.merchantIds.a, next.json.invoice!.id);
      assert.ok(secondXml?.toString('utf8').includes('Rfc="COSC8001137NA"'));
    });

    it('issues a live-mode receipt in the live series, with no test notice', async () => {
      const paid = await h.pay(anonymousPayment('580.00'), h.keys.aLive);
      assert.equal(paid.status, 201);
      const path = pathOf(paid.json.receipt!.url);
      const b = h.browser();
      const form = await b.get(path);
      const email = /id="f-email" name="email" type="email" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
      const submitted = await b.post(path, { ...CARLOS_FORM, email });
      assert.equal(submitted.status, 303, submitted.text.slice(0, 2000));
      const done = await b.get(path);
      assert.ok(done.text.includes('¡Listo! Tu factura está emitida'));
      assert.ok(!done.text.includes('Factura de prueba'), 'no test notice for a live invoice');
      assert.match(done.text, /<dd>A-\d+<\/dd>/);
    });

    it("says so clearly, with the merchant's contact, when the receipt expired, was voided or is already invoiced", async () => {
      const contact = (text: string) =>
        text.includes('href="mailto:facturas@kemper.example"') &&
        text.includes('href="https://wa.me/527711234567"');

      const expired = await h.openReceipt('120.00');
      const b = h.browser();
      await b.get(expired.path);
      const csrf = b.csrf();
      const stored = (await h.store.receipts.get(h.merchantIds.a, expired.receipt.id))!;
      await h.store.receipts.update(
        { ...stored, expiresAt: '2026-01-31T06:00:00.000Z', updatedAt: new Date().toISOString() },
        stored.updatedAt,
      );
      const page = await b.get(expired.path);
      assert.equal(page.status, 410);
      assert.ok(page.text.includes('Esta compra no se puede facturar'));
      assert.ok(page.text.includes('El plazo para facturar esta compra venció el 31 de enero de 2026.'));
      assert.ok(contact(page.text));
      const late = await b.post(expired.path, CARLOS_FORM, { csrf });
      assert.equal(late.status, 410);
      assert.ok(late.text.includes('El plazo para facturar esta compra venció el 31 de enero de 2026.'));
      assert.equal((await h.store.receipts.get(h.merchantIds.a, expired.receipt.id))?.status, 'open');
      const en = await b.get(`${expired.path}?lang=en`);
      assert.ok(en.text.includes('The deadline to invoice this purchase passed on January 31, 2026.'));

      const voided = await h.openReceipt('121.00');
      const cancel = await fetch(`${h.url}/v1/receipts/${voided.receipt.id}/cancel`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.keys.a}`, 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(cancel.status, 200, await cancel.text());
      const voidedPage = await h.browser().get(voided.path);
      assert.equal(voidedPage.status, 410);
      assert.ok(
        voidedPage.text.includes('Esta compra fue cancelada o reembolsada, así que ya no se puede facturar.'),
      );
      assert.ok(contact(voidedPage.text));

      const invoiced = await h.openReceipt('122.00');
      const c = h.browser();
      await c.get(invoiced.path);
      const token = c.csrf();
      assert.equal((await c.post(invoiced.path, { ...CARLOS_FORM, email: 'ya@example.com' })).status, 303);
      const invoicesBefore = await h.store.invoices.count(h.merchantIds.a);
      // Someone else opening the same link later sees the invoice (not a new form), and the search says so.
      const again = await h.browser().get(invoiced.path);
      assert.ok(again.text.includes('¡Listo! Tu factura está emitida'));
      assert.ok(!again.text.includes('id="fiscal-form"'));
      assert.ok(contact(again.text));
      // Sending the form again (back button) does not issue a second invoice.
      const twice = await c.post(invoiced.path, CARLOS_FORM, { csrf: token });
      assert.equal(twice.status, 303);
      assert.equal(twice.location, invoiced.path);
      assert.equal(await h.store.invoices.count(h.merchantIds.a), invoicesBefore);
      const another = await h.openReceipt('123.00');
      await c.get(another.path);
      const add = await c.post(`${another.path}/add`, {
        reference: invoiced.receipt.ticket,
        amount: '122.00',
        date: mexicoDay(invoiced.receipt.paidAt),
      });
      assert.equal(add.status, 404);
      assert.ok(add.text.includes('Esta compra ya está facturada.'));
    });

    it('fills the form from a Constancia PDF and does not keep the file', async () => {
      const open = await h.openReceipt('200.00');
      const b = h.browser();
      await b.get(open.path);
      const before = await filesUnder(h.dataDir);
      const pdf = await csfPdf({
        rfc: 'COSC8001137NA',
        nombre: 'CARLOS',
        primerApellido: 'CORTES',
        segundoApellido: 'SOTO',
        cp: '52000',
        regimen: 'Régimen de Sueldos y Salarios e Ingresos Asimilados a Salarios',
      });
      const page = await b.upload(
        `${open.path}/csf`,
        {},
        { field: 'csf', name: 'constancia.pdf', type: 'application/pdf', bytes: pdf },
      );
      assert.equal(page.status, 200, page.text.slice(0, 1500));
      assert.ok(
        page.text.includes(
          'Llenamos el formulario con tu Constancia. Revisa los datos y elige el uso del CFDI.',
        ),
      );
      assert.match(page.text, /id="f-rfc" name="rfc" type="text" value="COSC8001137NA"/);
      assert.match(page.text, /id="f-name" name="name" type="text" value="CARLOS CORTES SOTO"/);
      assert.match(page.text, /id="f-zip" name="zip" type="text" value="52000"/);
      assert.match(page.text, /<option value="605" selected>/);

      // The form's script asks for JSON.
      const json = await b.upload(
        `${open.path}/csf`,
        {},
        { field: 'csf', name: 'constancia.pdf', type: 'application/pdf', bytes: pdf },
        { accept: 'application/json' },
      );
      assert.equal(json.status, 200);
      assert.deepEqual(JSON.parse(json.text).values, {
        rfc: 'COSC8001137NA',
        name: 'CARLOS CORTES SOTO',
        zip: '52000',
        taxRegime: '605',
      });

      const company = await csfPdf({
        rfc: 'EKU9003173C9',
        razonSocial: 'ESCUELA KEMPER URGATE',
        cp: '42501',
        regimen: 'General de Ley Personas Morales',
      });
      const moral = await b.upload(
        `${open.path}/csf`,
        {},
        { field: 'csf', name: 'csf.pdf', type: 'application/pdf', bytes: company },
        { accept: 'application/json' },
      );
      assert.deepEqual(JSON.parse(moral.text).values, {
        rfc: 'EKU9003173C9',
        name: 'ESCUELA KEMPER URGATE',
        zip: '42501',
        taxRegime: '601',
      });

      const after = await filesUnder(h.dataDir);
      assert.deepEqual(after.sort(), before.sort(), 'nothing was written to the data directory');
      for (const file of after) {
        const bytes = await readFile(file);
        assert.ok(
          !bytes.includes(pdf.subarray(pdf.length >> 1, (pdf.length >> 1) + 64)),
          `${file} does not hold the PDF`,
        );
      }
    });

    it('limits uploads by size and type, and says a PDF that is not a Constancia cannot be read', async () => {
      const open = await h.openReceipt('201.00');
      const b = h.browser();
      await b.get(open.path);
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * 1024 * 1024 + 10, 0x20)]);
      const tooBig = await b.upload(
        `${open.path}/csf`,
        {},
        { field: 'csf', name: 'big.pdf', type: 'application/pdf', bytes: big },
      );
      assert.equal(tooBig.status, 413);
      assert.ok(tooBig.text.includes('El archivo pesa más de 2 MB. Sube un PDF de hasta 2 MB.'));

      await b.get(open.path);
      const png = await b.upload(
        `${open.path}/csf`,
        {},
        {
          field: 'csf',
          name: 'foto.png',
          type: 'image/png',
          bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]),
        },
      );
      assert.equal(png.status, 415);
      assert.ok(png.text.includes('El archivo no es un PDF. Sube un PDF.'));

      await b.get(open.path);
      const disguised = await b.upload(
        `${open.path}/csf`,
        {},
        { field: 'csf', name: 'x.pdf', type: 'application/pdf', bytes: Buffer.from('MZ not a pdf at all') },
      );
      assert.equal(disguised.status, 415, 'the bytes are checked, not only the declared type');

      await b.get(open.path);
      const other = await b.upload(
        `${open.path}/csf`,
        {},
        {
          field: 'csf',
          name: 'otro.pdf',
          type: 'application/pdf',
          bytes: await csfPdf({ rfc: 'nada', cp: 'x', regimen: 'y' }),
        },
      );
      assert.equal(other.status, 422);
      assert.ok(other.text.includes('No pudimos leer los datos de ese PDF.'));
    });

    it("does not show this merchant's receipt under another merchant's slug", async () => {
      const paidAt = hourAgo();
      const open = await h.openReceipt('777.00', { paid_at: paidAt, external_id: 'order-cross' });
      const b = h.browser();
      const other = await b.get(`/otro/r/${open.token}`);
      assert.equal(other.status, 404);
      assert.ok(other.text.includes('El enlace de facturación no es válido.'));
      assert.ok(!other.text.includes('777.00'));
      assert.ok(!other.text.includes('Escuela Kemper'));
      assert.equal((await b.get(`/otro/r/${open.token}/factura.pdf`)).status, 404);

      await b.get('/otro');
      const search = await b.post('/otro/find', {
        reference: 'order-cross',
        amount: '777.00',
        date: mexicoDay(paidAt),
      });
      assert.equal(search.status, 404);
      assert.ok(!search.text.includes(open.token));
      const posted = await b.post(`/otro/r/${open.token}`, CARLOS_FORM);
      assert.equal(posted.status, 404);
      assert.equal((await h.store.receipts.get(h.merchantIds.a, open.receipt.id))?.status, 'open');

      // The /f/ link of a receipt leads to its own merchant's slug.
      const legacy = await b.get(`/f/${open.token}`);
      assert.equal(legacy.status, 301);
      assert.equal(legacy.location, open.path);
    });
  });
});
