/**
 * The embedded default delivery: each message is written as an RFC 822 `.eml` file (CRLF line ends,
 * Bcc kept) into the outbox folder, named `<UTC timestamp>_<message id>.eml` so files sort by time.
 * The file appears whole or not at all: it is written and fsynced under a temporary name, then renamed.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MailError } from './errors.js';

/** 2026-11-28T10:44:05.123Z -> 20261128T104405123Z */
export function outboxTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

/** The file name for a message: timestamp, then the Message-ID without brackets, made file-name safe. */
export function outboxFileName(date: Date, messageId: string): string {
  const id = messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9@._-]/g, '_');
  return `${outboxTimestamp(date)}_${id}.eml`;
}

/** Writes `raw` atomically as `dir/name`; returns the full path. */
export async function writeOutboxFile(dir: string, name: string, raw: Buffer): Promise<string> {
  const target = join(dir, name);
  const temporary = join(dir, `.${name}.${randomUUID()}.partial`);
  try {
    await mkdir(dir, { recursive: true });
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(raw);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
    await syncDirectory(dir);
    return target;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw outboxError(dir, error);
  }
}

/** Makes the rename durable; a platform that cannot open a directory for sync is left as is. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

export function outboxError(dir: string, error: unknown): MailError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  return new MailError({
    code: 'MAIL_OUTBOX_WRITE_FAILED',
    status: 500,
    retriable: code === 'ENOSPC' || code === 'EMFILE' || code === 'EAGAIN' || code === 'EBUSY',
    message: `No se pudo guardar el correo en la carpeta de salida ${dir} (${code}). Revisa que exista espacio y permiso de escritura, o configura SMTP_URL para enviar por un servidor de correo.`,
    messageEn: `Could not save the email in the outbox folder ${dir} (${code}). Check there is space and write permission, or set SMTP_URL to send through a mail server.`,
    cause: error,
  });
}
