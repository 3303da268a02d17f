import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CancellationEmailInput,
  cancellationEmail,
  createMailer,
  MailError,
  type SelfInvoiceEmailInput,
  selfInvoiceEmail,
} from '../../../core/src/notify/index.js';
import { startSmtpServer } from '../../support/smtp.js';
import { HE_MERCHANT, sampleLogo } from './notify-fixtures.js';

const RECEIPT: SelfInvoiceEmailInput = {
  merchant: { ...HE_MERCHANT, logo: sampleLogo() },
  to: 'cliente@example.mx',
  lang: 'es',
  customerName: 'Ana López',
  receipt: {
    url: 'https://facturas.herreria-he.mx/p/he-yunque/r/rcpt_01JD?token=a&b=<c>',
    expiresAt: '2026-12-01T05:59:59Z',
    amount: '349.5',
    currency: 'MXN',
    reference: 'Ticket 000123',
  },
};

const CANCELLATION: CancellationEmailInput = {
  merchant: HE_MERCHANT,
  to: 'cliente@example.mx',
  lang: 'es',
  cancellation: {
    uuid: 'c2832671-da6d-11ef-a83d-00155d012007',
    series: 'O',
    folio: '52375239',
    total: '5000.00',
    currency: 'MXN',
    receiverName: 'KIJ, S.A DE C.V.',
    type: 'I',
    motive: '01',
    replacementUuid: '6d7434a6-e3f2-47ad-9e4c-08849946afa0',
    status: 'En proceso',
  },
};

describe('selfInvoiceEmail (receipt with the self-invoice link)', () => {
  it('links to the portal, shows the amount and the deadline, in Spanish', () => {
    const message = selfInvoiceEmail(RECEIPT);
    assert.equal(message.subject, 'Solicita la factura de tu compra en H&E <Herrería> "El Yunque"');
    const href = 'https://facturas.herreria-he.mx/p/he-yunque/r/rcpt_01JD?token=a&amp;b=%3Cc%3E';
    assert.ok(message.html.includes(`<a href="${href}"`), 'escaped and normalized link');
    assert.ok(message.html.includes('$349.50 MXN'));
    assert.ok(message.html.includes('30 de noviembre de 2026 a las 23:59 (UTC-6)'));
    assert.ok(message.html.includes('Ticket 000123'));
    assert.match(message.text, /^Hola, Ana López:/);
    assert.match(
      message.text,
      /Solicitar mi factura: https:\/\/facturas\.herreria-he\.mx\/p\/he-yunque\/r\/rcpt_01JD\?token=a&b=%3Cc%3E/,
    );
    assert.match(message.text, /se incluirá en la factura global del periodo/);
    assert.deepEqual(
      message.attachments.map((a) => a.cid),
      ['merchant-logo@autofactura'],
    );
  });

  it('in English, with the deadline in the merchant time zone', () => {
    const message = selfInvoiceEmail({
      ...RECEIPT,
      lang: 'en',
      timeZone: 'America/Tijuana',
      customerName: undefined,
    });
    assert.equal(message.subject, 'Request the invoice for your purchase at H&E <Herrería> "El Yunque"');
    assert.match(message.text, /^Hello,/);
    assert.match(message.text, /Request it by: November 30, 2026 at 21:59 \(UTC-8\)/);
  });

  it('refuses a link that is not http(s)', () => {
    for (const url of ['javascript:alert(1)', 'facturas.example.mx/p/1', 'data:text/html,x']) {
      assert.throws(
        () => selfInvoiceEmail({ ...RECEIPT, receipt: { ...RECEIPT.receipt, url } }),
        (e: unknown) =>
          e instanceof MailError && e.code === 'MAIL_INVALID_CONTENT' && e.details[0]?.path === 'receipt.url',
      );
    }
  });
});

describe('cancellationEmail', () => {
  it('asks for acceptance while the cancellation is in process', () => {
    const message = cancellationEmail(CANCELLATION);
    assert.equal(
      message.subject,
      'Solicitud de cancelación de tu factura O-52375239 de H&E <Herrería> "El Yunque"',
    );
    assert.match(message.text, /Buzón Tributario del SAT\. Tienes 3 días hábiles/);
    assert.match(message.text, /Motivo: 01 - Comprobante emitido con errores con relación/);
    assert.match(message.text, /Folio fiscal que lo sustituye: 6D7434A6-E3F2-47AD-9E4C-08849946AFA0/);
    assert.match(message.text, /Total: \$5,000\.00 MXN/);
    assert.ok(message.html.includes('C2832671-DA6D-11EF-A83D-00155D012007'));
  });

  it('says a cancelled CFDI no longer has tax effects, in English', () => {
    const message = cancellationEmail({
      ...CANCELLATION,
      lang: 'en',
      cancellation: {
        ...CANCELLATION.cancellation,
        status: 'Cancelado sin aceptación',
        motive: '02',
        replacementUuid: undefined,
      },
    });
    assert.equal(message.subject, 'Your invoice O-52375239 from H&E <Herrería> "El Yunque" was cancelled');
    assert.match(message.text, /Status: Cancelled \(no acceptance required\)/);
    assert.match(message.text, /no longer has tax effects\.\n/);
  });

  it('is not sent for a rejected request: the CFDI is still valid', () => {
    assert.throws(
      () =>
        cancellationEmail({
          ...CANCELLATION,
          cancellation: { ...CANCELLATION.cancellation, status: 'Solicitud rechazada' },
        }),
      (e: unknown) => e instanceof MailError && /sigue vigente/.test(e.message),
    );
  });

  it('both notices arrive through SMTP', async () => {
    const server = await startSmtpServer();
    const outboxDir = await mkdtemp(join(tmpdir(), 'autofactura-notify-'));
    const mailer = createMailer({ smtpUrl: server.url(), outboxDir });
    try {
      await mailer.send(selfInvoiceEmail(RECEIPT));
      await mailer.send(cancellationEmail(CANCELLATION));
      const receipt = await server.nextMail();
      const cancellation = await server.nextMail();
      assert.equal(receipt.parsed.subject, selfInvoiceEmail(RECEIPT).subject);
      assert.ok(String(receipt.parsed.html).includes('rcpt_01JD'));
      assert.match(cancellation.parsed.text ?? '', /Solicitud de cancelación|Tienes 3 días hábiles/);
    } finally {
      await mailer.close();
      await server.close();
      await rm(outboxDir, { recursive: true, force: true });
    }
  });
});
