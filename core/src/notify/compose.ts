/**
 * A MailMessage as nodemailer's message options. Every address is checked first (address.ts: one plain
 * mailbox per field, no line breaks), the sender keeps the mailer's address with the message's display
 * name, the Message-ID is made here on the sender's domain (the outbox names files after it), and
 * `Auto-Submitted: auto-generated` (RFC 3834) keeps auto-replies from looping.
 */
import { randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { SendMailOptions } from 'nodemailer';
import { type Mailbox, parseMailbox, parseRecipients } from './address.js';
import { invalidContent } from './errors.js';
import type { MailMessage } from './message.js';

/** A MailMessage as nodemailer's message options, after checking every address and part. */
export function composeMail(message: MailMessage, from: Mailbox, date: Date): SendMailOptions {
  if (typeof message.subject !== 'string' || message.subject.trim() === '') {
    throw invalidContent('subject', 'El correo no tiene asunto.', 'The email has no subject.');
  }
  const to = parseRecipients(message.to, 'to');
  const cc = message.cc?.length ? parseRecipients(message.cc, 'cc') : [];
  const bcc = message.bcc?.length ? parseRecipients(message.bcc, 'bcc') : [];
  const replyTo = message.replyTo === undefined ? undefined : parseMailbox(message.replyTo, 'replyTo');
  const domain = domainToASCII(from.address.slice(from.address.lastIndexOf('@') + 1)) || 'localhost';
  return {
    from: { name: message.fromName ?? from.name, address: from.address },
    to,
    ...(cc.length ? { cc } : {}),
    ...(bcc.length ? { bcc } : {}),
    ...(replyTo ? { replyTo } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${randomUUID()}@${domain}>`,
    date,
    headers: { 'Auto-Submitted': 'auto-generated' },
    attachments: message.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
      ...(a.cid
        ? { cid: a.cid, contentDisposition: 'inline' as const }
        : { contentDisposition: 'attachment' as const }),
    })),
  };
}
