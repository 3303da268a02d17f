/**
 * A nodemailer SMTP failure turned into a MailError. Whether a retry can help follows the SMTP reply
 * class (RFC 5321): 4xx is transient, 5xx is permanent (nodemailer's `permanent` flag, which also treats
 * 503 as transient). Without a reply, a failure to connect, a dropped connection or a timeout is
 * retriable; a TLS or configuration problem is not, since the same attempt fails the same way.
 * The message is written here from the reply code and the redacted reply text, never from the raw error,
 * which could echo what was sent.
 */
import type { NodemailerError } from 'nodemailer';
import { MailError } from './errors.js';
import { redact } from './smtp-url.js';

const TRANSIENT = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROXY', 'EMAXLIMIT']);
/** Node's codes for a certificate that cannot be trusted or a TLS handshake that cannot work. */
const TLS_FAILURE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_SSL|ERR_TLS/;
const AUTH_REPLIES = new Set([454, 530, 534, 535, 538]);

export interface SmtpFailureContext {
  /** "smtp://host:port", shown to say which server failed. */
  endpoint: string;
  /** Credential forms to remove from any text (credentialForms()). */
  secrets: readonly string[];
  /** Whether SMTP_URL carries a user and password. */
  hasCredentials: boolean;
}

export function smtpFailure(error: unknown, context: SmtpFailureContext): MailError {
  const err = (error ?? {}) as NodemailerError;
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  const reply = err.response ? redact(oneLine(err.response), context.secrets) : undefined;
  const where = context.endpoint;

  if (err.code === 'EAUTH' || err.code === 'ENOAUTH' || (responseCode && AUTH_REPLIES.has(responseCode))) {
    const transient = responseCode !== undefined && responseCode < 500;
    const [es, en] = context.hasCredentials
      ? [
          `no aceptó el usuario o la contraseña de SMTP_URL${reply ? ` (${reply})` : ''}. Revisa las credenciales de SMTP_URL.`,
          `did not accept the user or password in SMTP_URL${reply ? ` (${reply})` : ''}. Check the credentials in SMTP_URL.`,
        ]
      : [
          `exige autenticación${reply ? ` (${reply})` : ''}. Agrega usuario y contraseña a SMTP_URL: smtp://usuario:contraseña@servidor:587.`,
          `requires authentication${reply ? ` (${reply})` : ''}. Add a user and password to SMTP_URL: smtp://user:password@host:587.`,
        ];
    return new MailError({
      code: 'MAIL_AUTH_FAILED',
      status: 502,
      retriable: transient,
      smtpCode: responseCode,
      smtpResponse: reply,
      message: `El servidor de correo ${where} ${es}`,
      messageEn: `The mail server ${where} ${en}`,
      cause: new Error(redact(String(err.message ?? error), context.secrets)),
    });
  }

  if (responseCode !== undefined) {
    const permanent = err.permanent ?? (responseCode >= 500 && responseCode !== 503);
    const what = refused(err);
    const shown = reply ?? String(responseCode);
    return new MailError({
      code: 'MAIL_SEND_FAILED',
      status: permanent ? 502 : 503,
      retriable: !permanent,
      smtpCode: responseCode,
      smtpResponse: reply,
      message: permanent
        ? `El servidor de correo ${where} rechazó ${what.es} de forma permanente (${shown}). ${what.fixEs}; reintentar no ayudará.`
        : `El servidor de correo ${where} rechazó ${what.es} de forma temporal (${shown}). Se puede reintentar más tarde.`,
      messageEn: permanent
        ? `The mail server ${where} permanently rejected ${what.en} (${shown}). ${what.fixEn}; retrying will not help.`
        : `The mail server ${where} temporarily rejected ${what.en} (${shown}). It can be retried later.`,
      cause: new Error(redact(String(err.message ?? error), context.secrets)),
    });
  }

  const tls = err.code === 'ETLS' || TLS_FAILURE.test(err.originalCode ?? '');
  const transient = !tls && err.code !== undefined && TRANSIENT.has(err.code);
  const what = tls ? tlsFailure(err.originalCode ?? err.code) : describeTransportCode(err);
  return new MailError({
    code: 'MAIL_SEND_FAILED',
    status: transient ? 503 : 502,
    retriable: transient,
    message: `No se pudo entregar el correo al servidor ${where}: ${what.es}.${transient ? ' Se puede reintentar más tarde.' : ''}`,
    messageEn: `Could not hand the email to the server ${where}: ${what.en}.${transient ? ' It can be retried later.' : ''}`,
    cause: new Error(redact(String(err.message ?? error), context.secrets)),
  });
}

function describeTransportCode(err: NodemailerError): { es: string; en: string } {
  const original = err.originalCode ?? err.code;
  switch (err.code) {
    case 'ETIMEDOUT':
      return { es: 'el servidor no respondió a tiempo', en: 'the server did not answer in time' };
    case 'EDNS':
      return { es: 'no se encontró el nombre del servidor (DNS)', en: 'the server name was not found (DNS)' };
    case 'ECONNECTION':
    case 'ESOCKET':
      return original === 'ECONNREFUSED'
        ? {
            es: 'el servidor rechazó la conexión (ECONNREFUSED)',
            en: 'the server refused the connection (ECONNREFUSED)',
          }
        : { es: `se perdió la conexión (${original})`, en: `the connection was lost (${original})` };
    default:
      return { es: `error ${original ?? 'desconocido'}`, en: `error ${original ?? 'unknown'}` };
  }
}

/** What the server refused, by the SMTP command it answered, and what to check. */
function refused(err: NodemailerError) {
  if (err.command === 'MAIL FROM') {
    return {
      es: 'el remitente',
      en: 'the sender',
      fixEs: 'Revisa MAIL_FROM: el servidor puede exigir un remitente de un dominio autorizado',
      fixEn: 'Check MAIL_FROM: the server may require a sender from an authorized domain',
    };
  }
  if (err.command === 'RCPT TO') {
    const list = (err.rejected ?? []).join(', ');
    return {
      es: list ? `a los destinatarios ${list}` : 'a los destinatarios',
      en: list ? `the recipients ${list}` : 'the recipients',
      fixEs: 'Revisa las direcciones de correo del cliente',
      fixEn: "Check the customer's email addresses",
    };
  }
  return {
    es: 'el mensaje',
    en: 'the message',
    fixEs: 'El servidor no acepta este mensaje (p. ej. por su contenido o tamaño)',
    fixEn: 'The server does not accept this message (e.g. for its content or size)',
  };
}

function tlsFailure(code: string | undefined): { es: string; en: string } {
  return {
    es: `falló la conexión segura (TLS${code ? `: ${code}` : ''}); revisa que el certificado del servidor sea válido para su nombre y el puerto de SMTP_URL (465 con smtps://, 587 con smtp://)`,
    en: `the secure connection (TLS${code ? `: ${code}` : ''}) failed; check that the server certificate is valid for its name, and the port in SMTP_URL (465 with smtps://, 587 with smtp://)`,
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
