/** The addresses a merchant gives to send a document or a link to (`to`), checked before anything is queued. */
import { detail, invalid } from './errors.js';

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Throws a 400 naming the first address that is not an email (param `to[i]`). */
export function checkRecipients(to: string[] | undefined): void {
  const bad = (to ?? []).findIndex((address) => !EMAIL.test(address));
  if (bad < 0) return;
  throw invalid(
    [
      detail(
        'EMAIL_INVALID',
        `to[${bad}]`,
        `"${to![bad]}" no es un correo válido; escribe una dirección como cliente@ejemplo.com.`,
        `"${to![bad]}" is not a valid email; write an address such as customer@example.com.`,
      ),
    ],
    400,
  );
}
