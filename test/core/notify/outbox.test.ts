import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import {
  cancellationEmail,
  createMailer,
  invoiceEmail,
  MailError,
  mailerFromEnv,
} from '../../../core/src/notify/index.js';
import { startSmtpServer } from '../../support/smtp.js';
import { HE_INVOICE, HE_MERCHANT, invoiceInput, REAL_INVOICE } from './notify-fixtures.js';

const NOW = new Date('2026-11-28T17:04:05.678Z');

describe('outbox: .eml files when SMTP_URL is not set (embedded default)', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'autofactura-outbox-'));
  });
  afterEach(async () => {
    await chmod(dataDir, 0o755).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes <dataDir>/outbox/<timestamp>_<message id>.eml that parses back with both attachments', async () => {
    const mailer = mailerFromEnv({}, { dataDir, now: () => NOW });
    assert.equal(mailer.transport, 'outbox');
    assert.equal(mailer.destination, join(dataDir, 'outbox'));
    const input = await invoiceInput(HE_INVOICE, { bcc: 'contabilidad@herreria-he.mx' });
    const sent = await mailer.send(invoiceEmail(input));

    const files = await readdir(join(dataDir, 'outbox'));
    assert.equal(files.length, 1, 'no temporary file is left behind');
    const id = sent.messageId.replace(/^<|>$/g, '');
    assert.equal(files[0], `20261128T170405678Z_${id}.eml`);
    assert.equal(sent.file, join(dataDir, 'outbox', files[0]!));
    assert.match(id, /^[0-9a-f-]{36}@localhost$/);

    const raw = await readFile(sent.file!);
    assert.ok(raw.includes('\r\n\r\n') && !/[^\r]\n/.test(raw.toString('latin1')), 'RFC 822 CRLF line ends');
    const parsed = await simpleParser(raw);
    assert.equal(parsed.subject, 'Factura A-123456 de H&E <Herrería> "El Yunque"');
    assert.equal(parsed.from?.value[0]?.address, 'no-reply@localhost');
    assert.equal(parsed.date?.toISOString(), '2026-11-28T17:04:05.000Z');
    assert.equal(parsed.messageId, sent.messageId);
    // Bcc stays in the file, so whoever forwards the outbox still knows every recipient.
    assert.equal(
      parsed.bcc && !Array.isArray(parsed.bcc) ? parsed.bcc.text : '',
      'contabilidad@herreria-he.mx',
    );
    assert.deepEqual(sent.accepted, ['cliente@example.mx', 'contabilidad@herreria-he.mx']);
    const uuid = input.invoice.uuid.toUpperCase();
    assert.deepEqual(
      parsed.attachments.map((a) => a.filename),
      [`${uuid}.xml`, `${uuid}.pdf`],
    );
    assert.ok(parsed.attachments[0]!.content.equals(Buffer.from(input.invoice.xml)));
    assert.ok(parsed.attachments[1]!.content.equals(input.invoice.pdf));
    assert.ok(String(parsed.html).includes(uuid));
  });

  it('keeps one file per message, sorted by time, and uses MAIL_FROM', async () => {
    let tick = NOW.getTime();
    const mailer = mailerFromEnv(
      { SMTP_URL: '  ', MAIL_FROM: 'Facturas H&E <facturas@herreria-he.mx>' },
      {
        dataDir,
        now: () => {
          tick += 1000;
          return new Date(tick);
        },
      },
    );
    const input = await invoiceInput(REAL_INVOICE, { lang: 'en' });
    const sent = [];
    for (let i = 0; i < 3; i++) sent.push(await mailer.send(invoiceEmail(input)));
    const files = (await readdir(join(dataDir, 'outbox'))).sort();
    assert.deepEqual(
      files,
      sent.map((s) => s.file!.slice(s.file!.lastIndexOf('/') + 1)),
    );
    assert.equal(new Set(sent.map((s) => s.messageId)).size, 3);
    const parsed = await simpleParser(await readFile(sent[0]!.file!));
    assert.equal(parsed.from?.value[0]?.address, 'facturas@herreria-he.mx');
    assert.equal(parsed.from?.value[0]?.name, HE_MERCHANT.tradeName);
    assert.match(sent[0]!.messageId, /@herreria-he\.mx>$/);
  });

  it('attaches the cancellation acuse', async () => {
    const mailer = createMailer({ outboxDir: join(dataDir, 'outbox') });
    const acuse =
      '<?xml version="1.0"?><Acuse Fecha="2026-11-28T10:00:00"><Folios><UUID>X</UUID></Folios></Acuse>';
    const sent = await mailer.send(
      cancellationEmail({
        merchant: HE_MERCHANT,
        to: 'cliente@example.mx',
        lang: 'es',
        cancellation: {
          uuid: '6d7434a6-e3f2-47ad-9e4c-08849946afa0',
          total: '17852.75',
          currency: 'MXN',
          receiverName: 'KIJ, S.A DE C.V.',
          type: 'I',
          motive: '02',
          status: 'Cancelado sin aceptación',
          acuse,
        },
      }),
    );
    const parsed = await simpleParser(await readFile(sent.file!));
    assert.equal(
      parsed.attachments[0]?.filename,
      'Acuse-cancelacion-6D7434A6-E3F2-47AD-9E4C-08849946AFA0.xml',
    );
    assert.equal(parsed.attachments[0]?.content.toString('utf8'), acuse);
  });

  it('fails with MAIL_OUTBOX_WRITE_FAILED when the folder cannot be written, leaving nothing half-written', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions: make "outbox" a file instead, so the folder cannot be created.
      await writeFile(join(dataDir, 'outbox'), 'not a folder');
    } else {
      await chmod(dataDir, 0o500);
    }
    const mailer = mailerFromEnv({}, { dataDir });
    const input = await invoiceInput(REAL_INVOICE);
    for (const attempt of [mailer.verify(), mailer.send(invoiceEmail(input))]) {
      const error = await attempt.then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof MailError);
      assert.equal(error.code, 'MAIL_OUTBOX_WRITE_FAILED');
      assert.match(error.message, /SMTP_URL/);
    }
    assert.deepEqual(await readdir(dataDir), process.getuid?.() === 0 ? ['outbox'] : []);
  });

  it('sends through the server when SMTP_URL is set', async () => {
    const server = await startSmtpServer();
    const mailer = mailerFromEnv({ SMTP_URL: server.url() }, { dataDir });
    try {
      assert.equal(mailer.transport, 'smtp');
      assert.equal(mailer.destination, `smtp://127.0.0.1:${server.port}`);
      await mailer.send(invoiceEmail(await invoiceInput(REAL_INVOICE)));
      assert.equal((await server.nextMail()).envelope.from, 'no-reply@localhost');
      assert.deepEqual(await readdir(dataDir), []);
    } finally {
      await mailer.close();
      await server.close();
    }
  });
});
