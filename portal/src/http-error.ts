/**
 * The API's error edge: every failure becomes `{ error: { type, code, message, param? } }` with the
 * status the AutofacturaError carries (es-MX message, English with Accept-Language: en). Unknown errors
 * are 500 `api_error` with no internals in the body; they are logged once through `app.on('error')`.
 */
import type { Context, Next } from 'koa';
import { AutofacturaError, isAutofacturaError } from '../../core/src/errors.js';
import { langOf } from './lang.js';
import { snakePath } from './snake.js';

export function apiError(
  status: number,
  code: string,
  message: string,
  messageEn: string,
  path?: string,
): AutofacturaError {
  return new AutofacturaError({
    code,
    status,
    message,
    messageEn,
    details: [{ code, message, messageEn, ...(path ? { path } : {}) }],
  });
}

function typeOf(status: number, code: string): string {
  if (status === 401) return 'authentication_error';
  if (code.startsWith('IDEMPOTENCY')) return 'idempotency_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/** Koa's own HTTP errors (body parser: 413 too large, 400 bad JSON). */
function fromKoa(error: { status: number; message: string }): AutofacturaError {
  if (error.status === 413) {
    return apiError(
      413,
      'BODY_TOO_LARGE',
      'El cuerpo de la solicitud excede 1 MB.',
      'The request body exceeds 1 MB.',
    );
  }
  if (error.status === 400) {
    return apiError(
      400,
      'INVALID_JSON',
      'El cuerpo de la solicitud no es JSON válido.',
      'The request body is not valid JSON.',
    );
  }
  return apiError(error.status, 'BAD_REQUEST', 'Solicitud no válida.', 'Invalid request.');
}

export async function errorMiddleware(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (caught) {
    const status = (caught as { status?: unknown }).status;
    const known = isAutofacturaError(caught)
      ? caught
      : typeof status === 'number' && status >= 400 && status < 500
        ? fromKoa(caught as { status: number; message: string })
        : null;
    if (!known) {
      ctx.app.emit('error', caught, ctx);
      ctx.status = 500;
      ctx.body = {
        error: {
          type: 'api_error',
          code: 'INTERNAL_ERROR',
          message:
            langOf(ctx.get('accept-language')) === 'en'
              ? 'Internal error; it was logged. Try again.'
              : 'Error interno; quedó registrado. Vuelve a intentar.',
        },
      };
      return;
    }
    const en = langOf(ctx.get('accept-language')) === 'en';
    const first = known.details[0];
    const message = en
      ? (first?.messageEn ?? known.messageEn ?? known.message)
      : (first?.message ?? known.message);
    ctx.status = known.status >= 400 && known.status < 600 ? known.status : 500;
    ctx.body = {
      error: {
        type: typeOf(ctx.status, known.code),
        code: known.code,
        message,
        ...(first?.path ? { param: snakePath(first.path) } : {}),
        ...(known.details.length > 1
          ? {
              details: known.details.map((d) => ({
                code: d.code,
                message: en ? (d.messageEn ?? d.message) : d.message,
                ...(d.path ? { param: snakePath(d.path) } : {}),
              })),
            }
          : {}),
      },
    };
    if (ctx.status >= 500) ctx.app.emit('error', known, ctx);
  }
}
