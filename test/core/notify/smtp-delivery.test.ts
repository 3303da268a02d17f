import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressObject } from 'mailparser';
import {
  createMailer,
  type InvoiceEmailInput,
  invoiceEmail,
  MailError,
  type Mailer,
} from '../../../core/src/notify/index.js';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp.js';
import { HE_INVOICE, HE_MERCHANT, invoiceInput, REAL_INVOICE, sampleLogo } from './notify-fixtures.js';

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  return [value ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
}

async function expectMailError(promise: Promise<unknown>): Promise<MailError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MailError, `expected a MailError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the send to fail');
}

describe('invoice email through a real SMTP server on 127.0.0.1', () => {
  let server: TestSmtpServer;
  let mailer: Mailer;
  let outboxDir: string;

  before(async () => {
    outboxDir = await mkdtemp(join(tmpdir(), 'autofactura-notify-'));
    server = await startSmtpServer();
    mailer = createMailer({
      smtpUrl: server.url(),
      outboxDir,
      from: 'Facturación <facturas@autofactura.example>',
    });
  });
  after(async () => {
    await mailer.close();
    await server.close();
    await rm(outboxDir, { recursive: true, force: true });
  });

  for (const [lang, sample, subject, greeting] of [
    ['es', HE_INVOICE, /^Factura A-123456 de H&E <Herrería> "El Yunque"$/, 'Hola, KIJ, S.A DE C.V.:'],
    ['en', REAL_INVOICE, /^Invoice O-52375239 from H&E <Herrería> "El Yunque"$/, 'Hello '],
  ] as const) {
    it(`arrives in ${lang} with the XML and PDF attached, byte for byte`, async () => {
      const input: InvoiceEmailInput = await invoiceInput(sample, {
        lang,
        to: ['Cliente Uno <cliente1@example.mx>', 'cliente2@example.mx'],
        merchant: { ...HE_MERCHANT, logo: sampleLogo() },
      });
      const message = invoiceEmail(input);
      const sent = await mailer.send(message);
      const mail = await server.nextMail();
      const { parsed } = mail;

      assert.deepEqual(mail.envelope.to, ['cliente1@example.mx', 'cliente2@example.mx']);
      assert.equal(mail.envelope.from, 'facturas@autofactura.example');
      assert.deepEqual(sent.accepted.sort(), ['cliente1@example.mx', 'cliente2@example.mx']);
      assert.equal(parsed.messageId, sent.messageId);
      assert.match(parsed.subject ?? '', subject);
      // The sender shows the merchant's name on the operator's address; replies go to the merchant.
      assert.equal(parsed.from?.value[0]?.name, HE_MERCHANT.tradeName);
      assert.equal(parsed.from?.value[0]?.address, 'facturas@autofactura.example');
      assert.deepEqual(addresses(parsed.replyTo), ['facturas@herreria-he.mx']);
      assert.equal(parsed.headers.get('auto-submitted'), 'auto-generated');

      const uuid = input.invoice.uuid.toUpperCase();
      const files = parsed.attachments.filter((a) => a.contentDisposition === 'attachment');
      assert.deepEqual(
        files.map((a) => [a.filename, a.contentType]),
        [
          [`${uuid}.xml`, 'application/xml'],
          [`${uuid}.pdf`, 'application/pdf'],
        ],
      );
      assert.ok(files[0]!.content.equals(Buffer.from(input.invoice.xml, 'utf8')), 'XML bytes differ');
      assert.ok(files[1]!.content.equals(input.invoice.pdf), 'PDF bytes differ');
      const logo = parsed.attachments.find((a) => a.contentDisposition === 'inline');
      assert.equal(logo?.contentId, '<merchant-logo@autofactura>');
      assert.ok(logo?.content.equals(sampleLogo()));

      const html = String(parsed.html);
      assert.ok(html.includes(uuid), 'HTML shows the folio fiscal');
      const total = lang === 'es' ? '$17,852.75 MXN' : '$1,000.00 MXN';
      assert.ok(html.includes(total), `HTML shows ${total}`);
      assert.ok(html.includes('H&amp;E &lt;Herrería&gt; &quot;El Yunque&quot;'), 'merchant name escaped');
      assert.ok(!html.includes('<Herrería>'), 'merchant name never raw');
      assert.ok(
        parsed.text?.includes(uuid) && parsed.text.includes(total) && parsed.text.startsWith(greeting),
      );
    });
  }

  it('refuses an address with a line break before anything is sent (header injection)', async () => {
    const before = server.received.length;
    const input = await invoiceInput(REAL_INVOICE);
    const message = { ...invoiceEmail(input), to: ['cliente@example.mx\r\nBcc: intruso@example.net'] };
    const error = await expectMailError(mailer.send(message));
    assert.equal(error.code, 'MAIL_INVALID_ADDRESS');
    assert.equal(error.retriable, false);
    assert.equal(error.details[0]?.path, 'to[0]');
    assert.match(error.messageEn ?? '', /line breaks/);
    assert.equal(server.received.length, before);
  });

  it('folds CR/LF in a subject or sender name into the header, adding no header and no recipient', async () => {
    const input = await invoiceInput(REAL_INVOICE, {
      merchant: { ...HE_MERCHANT, tradeName: 'Tienda\r\nBcc: intruso@example.net\r\n\r\nTexto' },
    });
    const message = invoiceEmail(input);
    assert.match(message.subject, /\r\nBcc:/);
    await mailer.send(message);
    const mail = await server.nextMail();
    assert.deepEqual(mail.envelope.to, ['cliente@example.mx']);
    const head = mail.raw.toString('latin1').split('\r\n\r\n')[0]!;
    assert.doesNotMatch(head, /^Bcc:/im);
    assert.equal(mail.parsed.bcc, undefined);
    assert.match(
      mail.parsed.subject ?? '',
      /^Factura O-52375239 de Tienda Bcc: intruso@example.net {2}Texto$/,
    );
  });
});
