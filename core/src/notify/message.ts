/** What a template produces and a Mailer sends: one email with its parts, independent of nodemailer. */

export interface MailAttachment {
  filename: string;
  content: Buffer;
  /** MIME type, e.g. 'application/pdf', 'application/xml; charset=utf-8'. */
  contentType: string;
  /** Content-ID of an inline image referenced from the HTML as `cid:<cid>`. */
  cid?: string;
}

export interface MailMessage {
  to: string[];
  cc?: string[];
  bcc?: string[];
  /** Where the customer's answer goes: the merchant, not the no-reply sender. */
  replyTo?: string;
  /**
   * Display name of the sender, e.g. the merchant's trade name. The address stays the mailer's own
   * (MAIL_FROM), so mail is sent from a domain the operator controls.
   */
  fromName?: string;
  subject: string;
  html: string;
  /** Plain-text alternative of the HTML. */
  text: string;
  attachments: MailAttachment[];
}

export interface SentMail {
  /** Message-ID header, with angle brackets. */
  messageId: string;
  /** Recipients the server accepted (all of them for the outbox). */
  accepted: string[];
  /** Recipients the server refused while accepting the others. */
  rejected: string[];
  /** The .eml file written (outbox only). */
  file?: string;
  /** The server's final reply (SMTP only), e.g. "250 OK: queued as ...". */
  response?: string;
}

export interface Mailer {
  /** 'smtp': through the SMTP_URL server; 'outbox': .eml files in a folder. */
  readonly transport: 'smtp' | 'outbox';
  /** "smtp://host:port" or the outbox folder, for logs; never credentials. */
  readonly destination: string;
  /** Sends one message; fails with MailError. */
  send(message: MailMessage): Promise<SentMail>;
  /** Checks the server answers and accepts the credentials, or that the outbox folder is writable. */
  verify(): Promise<void>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}
