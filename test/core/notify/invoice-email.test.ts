import assert from 'node:assert/strict';
import { invoiceEmail, MailError } from '../../../core/src/notify/index.js';
import {
  HE_INVOICE,
  HE_MERCHANT,
  invoiceInput,
  REAL_INVOICE,
  sampleLogo,
  samplePdf,
} from './notify-fixtures.js';

function mailError(run: () => unknown): MailError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof MailError, `expected a MailError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a MailError');
}

describe('invoiceEmail', () => {
  it('names the document, its serie-folio and the merchant in the subject, per language and type', async () => {
    const input = await invoiceInput(HE_INVOICE, {
      merchant: { ...HE_MERCHANT, tradeName: 'Panadería La Espiga' },
    });
    const subject = (lang: 'es' | 'en', type: 'I' | 'E' | 'P', ref = true) =>
      invoiceEmail({
        ...input,
        lang,
        invoice: { ...input.invoice, type, ...(ref ? {} : { series: undefined, folio: undefined }) },
      }).subject;
    assert.equal(subject('es', 'I'), 'Factura A-123456 de Panadería La Espiga');
    assert.equal(subject('es', 'E'), 'Nota de crédito A-123456 de Panadería La Espiga');
    assert.equal(subject('es', 'P'), 'Complemento de pago A-123456 de Panadería La Espiga');
    assert.equal(subject('en', 'I'), 'Invoice A-123456 from Panadería La Espiga');
    assert.equal(subject('en', 'E'), 'Credit note A-123456 from Panadería La Espiga');
    assert.equal(subject('es', 'I', false), 'Factura de Panadería La Espiga por $17,852.75 MXN');
    assert.equal(subject('en', 'I', false), 'Invoice from Panadería La Espiga for $17,852.75 MXN');
    assert.equal(subject('es', 'P', false), 'Complemento de pago de Panadería La Espiga');
  });

  it('shows the total from the decimal string, exactly, and none for a complemento de pago', async () => {
    const input = await invoiceInput(REAL_INVOICE);
    const withTotal = (total: string, currency = 'MXN') =>
      invoiceEmail({ ...input, invoice: { ...input.invoice, total, currency } });
    assert.ok(withTotal('1160').html.includes('$1,160.00 MXN'));
    // 18 integer digits: a float would print 123456789012345680.
    assert.ok(withTotal('123456789012345678.90').html.includes('$123,456,789,012,345,678.90 MXN'));
    assert.ok(withTotal('0.1').text.includes('Total: $0.10 MXN'));
    assert.ok(withTotal('1500', 'USD').html.includes('$1,500.00 USD'));
    const pago = invoiceEmail({
      ...input,
      invoice: { ...input.invoice, type: 'P', total: '0', currency: 'XXX' },
    });
    assert.doesNotMatch(pago.text, /^Total:/m);
    const error = mailError(() => withTotal('1,160.00'));
    assert.equal(error.code, 'MAIL_INVALID_CONTENT');
    assert.equal(error.details[0]?.path, 'invoice.total');
  });

  it('escapes every interpolated value in the HTML', async () => {
    const input = await invoiceInput(HE_INVOICE, {
      merchant: { ...HE_MERCHANT, tradeName: '<script>alert("x")</script> & Co', rfc: "O'NEIL<b>" },
    });
    const nasty = invoiceEmail({
      ...input,
      invoice: {
        ...input.invoice,
        receiverName: '<img src=x onerror=alert(1)>',
        series: '<i>',
        folio: '"1"',
      },
    });
    assert.ok(!nasty.html.includes('<script>'));
    assert.ok(!nasty.html.includes('<img src=x'));
    assert.ok(!nasty.html.includes('<i>'));
    assert.ok(nasty.html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co'));
    assert.ok(nasty.html.includes('RFC O&#39;NEIL&lt;b&gt;'));
    assert.ok(nasty.html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    // Markup the template itself writes is all that remains: the only tags are the layout's.
    const tags = new Set([...nasty.html.matchAll(/<([a-z]+)[\s>]/gi)].map((m) => m[1]!.toLowerCase()));
    assert.deepEqual([...tags].sort(), [
      'a',
      'body',
      'div',
      'head',
      'html',
      'meta',
      'p',
      'table',
      'td',
      'title',
      'tr',
    ]);
  });

  it("paints the merchant's color and shows the logo inline by Content-ID", async () => {
    const input = await invoiceInput(REAL_INVOICE, {
      merchant: { ...HE_MERCHANT, color: '#0B6E4F', logo: sampleLogo() },
    });
    const message = invoiceEmail(input);
    assert.match(message.html, /background-color:#0B6E4F;color:#FFFFFF/);
    assert.match(message.html, /<img src="cid:merchant-logo@autofactura" alt="H&amp;E/);
    assert.deepEqual(message.attachments[0], {
      filename: 'logo.png',
      content: sampleLogo(),
      contentType: 'image/png',
      cid: 'merchant-logo@autofactura',
    });
    const light = invoiceEmail({ ...input, merchant: { ...HE_MERCHANT, color: '#FFE066' } });
    assert.match(light.html, /background-color:#FFE066;color:#111111/, 'dark text on a light brand');
    const plain = invoiceEmail({ ...input, merchant: { tradeName: 'Sin Logo', rfc: 'EKU9003173C9' } });
    assert.ok(!plain.html.includes('cid:'));
    assert.equal(plain.attachments.length, 2);
    assert.equal(plain.replyTo, undefined);
    assert.doesNotMatch(plain.text, /Dudas/);
  });

  it('states that the XML is the legal document, in both languages', async () => {
    const es = invoiceEmail(await invoiceInput(REAL_INVOICE));
    const en = invoiceEmail(await invoiceInput(REAL_INVOICE, { lang: 'en' }));
    assert.match(es.html, /El archivo XML es el comprobante fiscal digital \(CFDI\) con validez legal/);
    assert.match(es.html, /<html lang="es-MX">/);
    assert.match(en.html, /The XML file is the digital tax receipt \(CFDI\) that has legal validity/);
    assert.match(en.text, /Issue date: January 24, 2025 at 10:10/);
    assert.match(es.text, /Fecha de emisión: 24 de enero de 2025 a las 10:10/);
  });

  it('refuses an XML that is not the stamped CFDI of that UUID, and bytes that are not a PDF', async () => {
    const input = await invoiceInput(REAL_INVOICE);
    const other = await invoiceInput(HE_INVOICE);
    const wrongXml = mailError(() =>
      invoiceEmail({ ...input, invoice: { ...input.invoice, xml: other.invoice.xml } }),
    );
    assert.equal(wrongXml.details[0]?.path, 'invoice.xml');
    assert.match(wrongXml.message, /trae 6d7434a6/);
    const unstamped = input.invoice.xml.replace(/<tfd:TimbreFiscalDigital[^>]*\/>/, '');
    assert.match(
      mailError(() => invoiceEmail({ ...input, invoice: { ...input.invoice, xml: unstamped } })).message,
      /no tiene TimbreFiscalDigital/,
    );
    const notPdf = mailError(() =>
      invoiceEmail({ ...input, invoice: { ...input.invoice, pdf: Buffer.from('<html>') } }),
    );
    assert.equal(notPdf.details[0]?.path, 'invoice.pdf');
    const badUuid = mailError(() =>
      invoiceEmail({ ...input, invoice: { ...input.invoice, uuid: '../../etc/passwd' } }),
    );
    assert.equal(badUuid.details[0]?.path, 'invoice.uuid');
    assert.ok((await samplePdf('x')).subarray(0, 5).equals(Buffer.from('%PDF-')));
  });

  it('refuses a bad recipient, brand color or logo with a code and the field to fix', async () => {
    const input = await invoiceInput(REAL_INVOICE);
    const cases: [Partial<typeof input>, string, string][] = [
      [{ to: 'juan@gmail' }, 'MAIL_INVALID_ADDRESS', 'to'],
      [{ to: ['ok@example.mx', 'a@x.mx, b@y.mx'] }, 'MAIL_INVALID_ADDRESS', 'to[1]'],
      [{ to: [] }, 'MAIL_INVALID_ADDRESS', 'to'],
      [{ merchant: { ...HE_MERCHANT, replyTo: 'ventas' } }, 'MAIL_INVALID_ADDRESS', 'merchant.replyTo'],
      [{ merchant: { ...HE_MERCHANT, color: 'red' } }, 'MAIL_INVALID_CONTENT', 'merchant.color'],
      [
        { merchant: { ...HE_MERCHANT, logo: Buffer.from('GIF89a') } },
        'MAIL_INVALID_CONTENT',
        'merchant.logo',
      ],
      [{ merchant: { ...HE_MERCHANT, tradeName: ' ' } }, 'MAIL_INVALID_CONTENT', 'merchant.tradeName'],
    ];
    for (const [override, code, path] of cases) {
      const error = mailError(() => invoiceEmail({ ...input, ...override }));
      assert.equal(error.code, code, path);
      assert.equal(error.details[0]?.path, path);
      assert.equal(error.retriable, false);
      assert.ok(error.messageEn, 'English message');
    }
  });
});
