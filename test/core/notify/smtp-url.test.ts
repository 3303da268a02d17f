import assert from 'node:assert/strict';
import { createMailer, MailError } from '../../../core/src/notify/index.js';
import { credentialForms, parseSmtpUrl, redact } from '../../../core/src/notify/smtp-url.js';

function configError(run: () => unknown): MailError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof MailError);
    assert.equal(error.code, 'MAIL_CONFIG_INVALID');
    return error;
  }
  assert.fail('expected MAIL_CONFIG_INVALID');
}

describe('SMTP_URL and MAIL_FROM', () => {
  it('reads host, port, TLS mode and URL-encoded credentials', () => {
    assert.deepEqual(parseSmtpUrl('smtp://apikey:p%40ss%2Fw%3Ard@smtp.sendgrid.net'), {
      host: 'smtp.sendgrid.net',
      port: 587,
      secure: false,
      requireTLS: false,
      maxConnections: 3,
      auth: { user: 'apikey', pass: 'p@ss/w:rd' },
    });
    const smtps = parseSmtpUrl('smtps://u%40x.mx:pw@mail.example.mx?maxConnections=5');
    assert.equal(smtps.port, 465);
    assert.equal(smtps.secure, true);
    assert.equal(smtps.maxConnections, 5);
    assert.equal(smtps.auth?.user, 'u@x.mx');
    assert.equal(parseSmtpUrl('smtp://localhost:25?requireTLS=true').requireTLS, true);
    assert.equal(parseSmtpUrl('smtp://relay:2525').auth, undefined);
  });

  it('refuses unusable URLs without ever repeating the password', () => {
    const secret = 'n0-r3p3at';
    for (const url of [
      `http://user:${secret}@smtp.example.mx`,
      `smtp://user:${secret}@smtp.example.mx?pool=true`,
      `smtp://user:${secret}%ZZ@smtp.example.mx`,
      `not a url ${secret}`,
    ]) {
      const error = configError(() => createMailer({ smtpUrl: url, outboxDir: '/nonexistent' }));
      assert.match(error.message, /^SMTP_URL: /);
      assert.ok(!`${error.message}${error.messageEn}${JSON.stringify(error)}`.includes(secret), url);
    }
  });

  it('refuses a MAIL_FROM that is not one address', () => {
    const error = configError(() => createMailer({ outboxDir: '/tmp', from: 'Facturas <facturas>' }));
    assert.match(error.message, /^MAIL_FROM: /);
    assert.match(error.messageEn ?? '', /Write it as "Name <no-reply@your-domain.com>"/);
    configError(() => createMailer({ outboxDir: '/tmp', from: 'a@x.mx\r\nBcc: b@y.mx' }));
  });

  it('redacts every form a credential can take in server text', () => {
    const forms = credentialForms({ user: 'facturas@he.mx', pass: 'p@ss' });
    const text = `user facturas@he.mx pass p@ss url p%40ss b64 ${Buffer.from('p@ss').toString('base64')} plain ${Buffer.from('\0facturas@he.mx\0p@ss').toString('base64')}`;
    assert.equal(redact(text, forms), 'user *** pass *** url *** b64 *** plain ***');
  });
});
