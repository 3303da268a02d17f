import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMailer, invoiceEmail, MailError, type MailMessage } from '../../../core/src/notify/index.js';
import { refusedPort, startSilentServer, startSmtpServer, type TestSmtpServer } from '../../support/smtp.js';
import { invoiceInput, REAL_INVOICE } from './notify-fixtures.js';

const USER = 'envios@herreria-he.mx';
const PASS = 'Pa55/w%rd@Yunque!';

/** Every place a credential could leak to: messages, details, the reply, the cause, the stack, JSON. */
function assertNoCredentials(error: MailError): void {
  const everywhere = [
    error.message,
    error.messageEn,
    error.smtpResponse,
    JSON.stringify(error.details),
    JSON.stringify(error),
    String(error.stack),
    String((error.cause as Error | undefined)?.message),
  ].join('\n');
  for (const secret of [PASS, encodeURIComponent(PASS), USER, encodeURIComponent(USER)]) {
    assert.ok(!everywhere.includes(secret), `"${secret}" leaked into the error`);
  }
  assert.ok(!everywhere.includes(Buffer.from(`\0${USER}\0${PASS}`).toString('base64')));
}

async function failure(promise: Promise<unknown>): Promise<MailError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MailError, `expected a MailError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

describe('SMTP delivery: authentication, TLS and failures', () => {
  let outboxDir: string;
  let message: MailMessage;
  const servers: TestSmtpServer[] = [];
  const closers: (() => Promise<void>)[] = [];

  async function server(options: Parameters<typeof startSmtpServer>[0]): Promise<TestSmtpServer> {
    const started = await startSmtpServer(options);
    servers.push(started);
    return started;
  }
  function mailer(smtpUrl: string, extra: Partial<Parameters<typeof createMailer>[0]> = {}) {
    const created = createMailer({ smtpUrl, outboxDir, ...extra });
    closers.push(() => created.close());
    return created;
  }

  before(async () => {
    outboxDir = await mkdtemp(join(tmpdir(), 'autofactura-notify-'));
    message = invoiceEmail(await invoiceInput(REAL_INVOICE));
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await rm(outboxDir, { recursive: true, force: true });
  });

  it('authenticates after STARTTLS (smtp://user:pass@host:587 style) and delivers', async () => {
    const smtp = await server({ auth: { user: USER, pass: PASS }, tls: 'starttls' });
    const m = mailer(smtp.url({ user: USER, pass: PASS }), { tlsCa: smtp.ca });
    await m.verify();
    await m.send(message);
    const mail = await smtp.nextMail();
    assert.equal(mail.user, USER);
    assert.equal(mail.secure, true, 'credentials travelled encrypted');
    assert.equal(mail.parsed.attachments.length, 2);
  });

  it('authenticates over implicit TLS (smtps://) and delivers', async () => {
    const smtp = await server({ auth: { user: USER, pass: PASS }, tls: 'implicit' });
    const m = mailer(smtp.url({ user: USER, pass: PASS }), { tlsCa: smtp.ca });
    assert.equal(m.destination, `smtps://127.0.0.1:${smtp.port}`);
    await m.send(message);
    const mail = await smtp.nextMail();
    assert.equal(mail.user, USER);
    assert.equal(mail.secure, true);
  });

  it('a wrong password gives MAIL_AUTH_FAILED, not retriable, without the credentials', async () => {
    const smtp = await server({ auth: { user: USER, pass: 'another-password' }, tls: 'starttls' });
    const m = mailer(smtp.url({ user: USER, pass: PASS }), { tlsCa: smtp.ca });
    for (const attempt of [m.verify(), m.send(message)]) {
      const error = await failure(attempt);
      assert.equal(error.code, 'MAIL_AUTH_FAILED');
      assert.equal(error.retriable, false);
      assert.equal(error.smtpCode, 535);
      assert.match(error.message, /no aceptó el usuario o la contraseña de SMTP_URL/);
      assertNoCredentials(error);
    }
    assert.ok(smtp.authAttempts.length >= 2 && smtp.authAttempts.every((a) => !a.ok));
    assert.equal(smtp.received.length, 0);
  });

  it('removes the credentials from a server reply that echoes them', async () => {
    const smtp = await server({
      auth: { user: USER, pass: PASS },
      tls: 'starttls',
      reject: { at: 'auth', code: 535, message: `5.7.8 Login ${USER} / ${PASS} rejected` },
    });
    const error = await failure(
      mailer(smtp.url({ user: USER, pass: PASS }), { tlsCa: smtp.ca }).send(message),
    );
    assert.equal(error.code, 'MAIL_AUTH_FAILED');
    assert.match(error.smtpResponse ?? '', /^535 5\.7\.8 Login \*\*\* \/ \*\*\* rejected$/);
    assertNoCredentials(error);
  });

  it('a server that needs AUTH, reached without credentials, gives MAIL_AUTH_FAILED', async () => {
    const smtp = await server({ auth: { user: USER, pass: PASS }, tls: 'none' });
    const error = await failure(mailer(smtp.url()).send(message));
    assert.equal(error.code, 'MAIL_AUTH_FAILED');
    assert.equal(error.smtpCode, 530);
    assert.equal(error.retriable, false);
    assert.match(error.message, /exige autenticación .*Agrega usuario y contraseña a SMTP_URL/);
  });

  it('refuses a server certificate it cannot trust, without retrying', async () => {
    const smtp = await server({ auth: { user: USER, pass: PASS }, tls: 'implicit' });
    const error = await failure(mailer(smtp.url({ user: USER, pass: PASS })).send(message));
    assert.equal(error.code, 'MAIL_SEND_FAILED');
    assert.equal(error.retriable, false);
    assert.match(error.message, /TLS/);
    assertNoCredentials(error);
    assert.equal(smtp.authAttempts.length, 0, 'no credentials were sent to an untrusted server');
  });

  for (const at of ['rcpt', 'data'] as const) {
    it(`a 550 at ${at.toUpperCase()} is a permanent MAIL_SEND_FAILED`, async () => {
      const smtp = await server({ reject: { at, code: 550, message: '5.1.1 Mailbox unavailable' } });
      const error = await failure(mailer(smtp.url()).send(message));
      assert.equal(error.code, 'MAIL_SEND_FAILED');
      assert.equal(error.retriable, false);
      assert.equal(error.smtpCode, 550);
      assert.match(error.smtpResponse ?? '', /^550 5\.1\.1 Mailbox unavailable/);
      assert.match(error.message, /de forma permanente .*reintentar no ayudará/);
      if (at === 'rcpt') assert.match(error.message, /rechazó a los destinatarios cliente@example\.mx/);
      else assert.match(error.messageEn ?? '', /rejected the message .*content or size/);
      assert.match(error.messageEn ?? '', /permanently rejected/);
      assert.equal(smtp.received.length, 0);
    });

    it(`a 451 at ${at.toUpperCase()} is a retriable MAIL_SEND_FAILED`, async () => {
      const smtp = await server({ reject: { at, code: 451, message: '4.3.0 Try again later' } });
      const m = mailer(smtp.url());
      const error = await failure(m.send(message));
      assert.equal(error.code, 'MAIL_SEND_FAILED');
      assert.equal(error.retriable, true);
      assert.equal(error.smtpCode, 451);
      assert.match(error.message, /de forma temporal/);
      // The same message goes through once the server accepts again.
      smtp.setReject(undefined);
      await m.send(message);
      assert.equal((await smtp.nextMail()).parsed.attachments.length, 2);
    });
  }

  it('a 550 to MAIL FROM points at MAIL_FROM', async () => {
    const smtp = await server({ reject: { at: 'mail', code: 550, message: '5.7.1 Sender not allowed' } });
    const error = await failure(mailer(smtp.url()).send(message));
    assert.equal(error.retriable, false);
    assert.match(error.message, /rechazó el remitente .*Revisa MAIL_FROM/);
  });

  it('reports a recipient refused among accepted ones and still delivers to the others', async () => {
    const smtp = await server({
      reject: { at: 'rcpt', code: 550, message: 'No such user', recipient: 'nadie@example.mx' },
    });
    const sent = await mailer(smtp.url()).send({
      ...message,
      to: ['cliente@example.mx', 'nadie@example.mx'],
    });
    assert.deepEqual(sent.accepted, ['cliente@example.mx']);
    assert.deepEqual(sent.rejected, ['nadie@example.mx']);
    assert.deepEqual((await smtp.nextMail()).envelope.to, ['cliente@example.mx']);
  });

  it('a refused connection is retriable and names the server, never the credentials', async () => {
    const port = await refusedPort();
    const m = mailer(`smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASS)}@127.0.0.1:${port}`);
    const error = await failure(m.send(message));
    assert.equal(error.code, 'MAIL_SEND_FAILED');
    assert.equal(error.retriable, true);
    assert.equal(error.smtpCode, undefined);
    assert.match(error.message, new RegExp(`smtp://127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
    assertNoCredentials(error);
  });

  it('a server that never greets times out, retriable', async () => {
    const silent = await startSilentServer();
    closers.push(() => silent.close());
    const m = mailer(`smtp://127.0.0.1:${silent.port}`, { timeouts: { greetingMs: 300, connectMs: 300 } });
    const started = Date.now();
    const error = await failure(m.send(message));
    assert.ok(Date.now() - started < 5000, 'the timeout applies');
    assert.equal(error.code, 'MAIL_SEND_FAILED');
    assert.equal(error.retriable, true);
    assert.match(error.messageEn ?? '', /did not answer in time/);
  });
});
