/**
 * A coded core error as the text a form shows, in the page's language, and the per-field messages
 * (`details[].path`) so each input can show its own problem next to it. Onboarding's CSD errors get
 * wording about the upload (core's CSD_EXPIRED talks about an invoice's date).
 */
import type { Context } from 'koa';
import type { AutofacturaError } from '../../../core/src/errors.js';

export function errorText(ctx: Context, error: AutofacturaError): string {
  const en = ctx.state.lang === 'en';
  if (error.code === 'CSD_EXPIRED') {
    return en
      ? "This CSD is not valid today (expired or not yet valid). Request a new one on SAT's portal (Certifica) and upload its .cer and .key."
      : 'Este CSD no está vigente hoy (venció o aún no inicia). Solicita uno nuevo en el portal del SAT (Certifica) y sube su .cer y .key.';
  }
  const first = error.details.length > 1 ? undefined : error.details[0];
  const es = first?.message ?? error.message;
  return en ? (first?.messageEn ?? error.messageEn ?? es) : es;
}

/** path -> message, for showing each problem beside its field. */
export function fieldErrors(ctx: Context, error: AutofacturaError): Record<string, string> {
  const en = ctx.state.lang === 'en';
  const out: Record<string, string> = {};
  for (const detail of error.details) {
    if (!detail.path) continue;
    out[detail.path] ??= en ? (detail.messageEn ?? detail.message) : detail.message;
  }
  return out;
}
