import assert from 'node:assert/strict';
import { MailError, parseMailbox, parseRecipients } from '../../../core/src/notify/index.js';

function refused(input: unknown, requireDot = true): MailError {
  try {
    parseMailbox(input, 'to', { requireDot });
  } catch (error) {
    assert.ok(error instanceof MailError);
    assert.equal(error.code, 'MAIL_INVALID_ADDRESS');
    return error;
  }
  assert.fail(`expected ${JSON.stringify(input)} to be refused`);
}

describe('email addresses', () => {
  it('accepts one mailbox, with or without a display name', () => {
    assert.deepEqual(parseMailbox('cliente@example.mx', 'to'), { name: '', address: 'cliente@example.mx' });
    assert.deepEqual(parseMailbox('"Pérez, Juan" <juan.perez+facturas@correo.example.com.mx>', 'to'), {
      name: 'Pérez, Juan',
      address: 'juan.perez+facturas@correo.example.com.mx',
    });
    assert.deepEqual(parseMailbox('ventas@pastelería.mx', 'to').address, 'ventas@pastelería.mx');
    assert.deepEqual(
      parseMailbox('no-reply@localhost', 'MAIL_FROM', { requireDot: false }).address,
      'no-reply@localhost',
    );
  });

  it('refuses line breaks and control characters: nodemailer would turn them into extra recipients', () => {
    for (const input of [
      'cliente@example.mx\r\nBcc: intruso@example.net',
      'cliente@example.mx\nintruso@example.net',
      'cliente@example.mx\rX-Spam: no',
      'cliente@example.mx\u0000',
      'Cliente\u2028 <cliente@example.mx>',
    ]) {
      assert.match(refused(input).message, /saltos de línea u otros caracteres de control/);
    }
  });

  it('refuses lists, groups, missing parts and typos in the domain', () => {
    assert.match(refused('a@example.mx, b@example.mx').message, /varias direcciones/);
    assert.match(refused('a@example.mx; b@example.mx').message, /varias direcciones/);
    assert.match(refused('Clientes: a@example.mx;').messageEn ?? '', /not of the form user@domain/);
    for (const input of [
      'cliente',
      '@example.mx',
      'cliente@',
      'cliente@gmail',
      'a..b@example.mx',
      'a@-x.mx',
      'a@x..mx',
    ]) {
      refused(input);
    }
    assert.match(refused('cliente@gmail').message, /dominio esté completo/);
    // addressparser would read these as perez@example.mx named "juan", or keep a trailing comment.
    for (const input of ['juan perez@example.mx', 'juan@example.mx (trabajo)', 'x <juan@example.mx> y']) {
      assert.match(refused(input).message, /no tiene la forma usuario@dominio/);
    }
    refused('');
    refused(undefined);
    refused(42);
    refused(`${'a'.repeat(65)}@example.mx`);
  });

  it('names the position of a bad recipient in a list', () => {
    assert.equal(parseRecipients(['a@example.mx', 'b@example.mx'], 'to').length, 2);
    try {
      parseRecipients(['a@example.mx', 'b@example'], 'cc');
      assert.fail('expected a failure');
    } catch (error) {
      assert.equal((error as MailError).details[0]?.path, 'cc[1]');
    }
  });
});
