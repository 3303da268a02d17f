/**
 * The Mailer (DESIGN.md `notify`): with SMTP_URL, messages go through that server over a pool of
 * connections with timeouts; without it, each message is written as an `.eml` file into the outbox
 * folder (`<dataDir>/outbox`, the embedded default), so nothing is lost and an operator can open or
 * forward them.
 *
 * Every message is checked and composed the same way for both (compose.ts); nodemailer's file and URL
 * access are off, so a message can only carry the bytes it was given.
 */
import { access, constants, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type StreamSentMessageInfo } from 'nodemailer';
import { type Mailbox, parseMailbox } from './address.js';
import { composeMail } from './compose.js';
import { invalidConfig, invalidContent, type MailError } from './errors.js';
import type { Mailer, SentMail } from './message.js';
import { outboxError, outboxFileName, writeOutboxFile } from './outbox.js';
import { smtpFailure } from './smtp-errors.js';
import { credentialForms, parseSmtpUrl, smtpEndpoint } from './smtp-url.js';

export const DEFAULT_MAIL_FROM = 'autofactura <no-reply@localhost>';

export interface MailerTimeouts {
  /** To open the TCP (and TLS) connection. Default 10 s. */
  connectMs?: number;
  /** For the server's 220 greeting. Default 10 s. */
  greetingMs?: number;
  /** Of inactivity on an open connection. Default 60 s. */
  socketMs?: number;
}

export interface MailerOptions {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465; unset or empty: .eml files in outboxDir. */
  smtpUrl?: string;
  outboxDir: string;
  /** Sender, "Name <address>" (MAIL_FROM). Default DEFAULT_MAIL_FROM. */
  from?: string;
  /** PEM of a certificate authority to trust for the SMTP server (e.g. a private relay). */
  tlsCa?: string | Buffer;
  timeouts?: MailerTimeouts;
  now?: () => Date;
}

export interface MailerFromEnvOptions {
  /** autofactura's data directory: the outbox is `<dataDir>/outbox`. */
  dataDir: string;
  now?: () => Date;
}

/** SMTP_URL and MAIL_FROM from the environment; empty values count as unset. */
export function mailerFromEnv(env: NodeJS.ProcessEnv, options: MailerFromEnvOptions): Mailer {
  const smtpUrl = env.SMTP_URL?.trim();
  const from = env.MAIL_FROM?.trim();
  return createMailer({
    outboxDir: join(options.dataDir, 'outbox'),
    ...(smtpUrl ? { smtpUrl } : {}),
    ...(from ? { from } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

export function createMailer(options: MailerOptions): Mailer {
  const from = senderFrom(options.from ?? DEFAULT_MAIL_FROM);
  const now = options.now ?? (() => new Date());
  const smtpUrl = options.smtpUrl?.trim();
  return smtpUrl ? smtpMailer(smtpUrl, from, now, options) : outboxMailer(options.outboxDir, from, now);
}

function senderFrom(text: string): Mailbox {
  try {
    return parseMailbox(text, 'MAIL_FROM', { requireDot: false });
  } catch (error) {
    const mail = error as MailError;
    throw invalidConfig(
      'MAIL_FROM',
      `${mail.message} Escríbelo como "Nombre <no-reply@tu-dominio.mx>".`,
      `${mail.messageEn} Write it as "Name <no-reply@your-domain.com>".`,
    );
  }
}

function smtpMailer(url: string, from: Mailbox, now: () => Date, options: MailerOptions): Mailer {
  const settings = parseSmtpUrl(url);
  const endpoint = smtpEndpoint(settings);
  const context = { endpoint, secrets: credentialForms(settings.auth), hasCredentials: !!settings.auth };
  const transporter = nodemailer.createTransport({
    pool: true,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTLS,
    ...(settings.auth ? { auth: settings.auth } : {}),
    maxConnections: settings.maxConnections,
    maxMessages: 100,
    connectionTimeout: options.timeouts?.connectMs ?? 10_000,
    greetingTimeout: options.timeouts?.greetingMs ?? 10_000,
    socketTimeout: options.timeouts?.socketMs ?? 60_000,
    tls: { minVersion: 'TLSv1.2', ...(options.tlsCa ? { ca: options.tlsCa } : {}) },
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
  return {
    transport: 'smtp',
    destination: endpoint,
    async send(message) {
      const mail = composeMail(message, from, now());
      try {
        const info = await transporter.sendMail(mail);
        return {
          messageId: info.messageId,
          accepted: info.accepted.map(String),
          rejected: info.rejected.map(String),
          response: info.response,
        };
      } catch (error) {
        throw smtpFailure(error, context);
      }
    },
    async verify() {
      try {
        await transporter.verify();
      } catch (error) {
        throw smtpFailure(error, context);
      }
    },
    async close() {
      transporter.close();
    },
  };
}

function outboxMailer(dir: string, from: Mailbox, now: () => Date): Mailer {
  const composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    transport: 'outbox',
    destination: dir,
    async send(message): Promise<SentMail> {
      const date = now();
      const mail = composeMail(message, from, date);
      let info: StreamSentMessageInfo;
      try {
        info = await composer.sendMail(mail);
      } catch (error) {
        throw invalidContent(
          'message',
          `No se pudo componer el correo: ${(error as Error).message}`,
          `Could not compose the email: ${(error as Error).message}`,
        );
      }
      const raw = info.message as Buffer; // `buffer: true`
      const file = await writeOutboxFile(dir, outboxFileName(date, info.messageId), raw);
      return { messageId: info.messageId, accepted: info.envelope.to, rejected: [], file };
    },
    async verify() {
      try {
        await mkdir(dir, { recursive: true });
        await access(dir, constants.W_OK);
      } catch (error) {
        throw outboxError(dir, error);
      }
    },
    async close() {},
  };
}
