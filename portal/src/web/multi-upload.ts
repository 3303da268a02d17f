/**
 * multipart/form-data with SEVERAL named files (form-body.ts takes one): the CSD form sends a .cer and
 * a .key. Files stay in memory, each bounded in size and count; declared media types are not trusted
 * (browsers send .cer/.key as anything), so each route checks the bytes itself. Text fields land in
 * `ctx.request.body`, files in `ctx.state.uploads[field]`. Errors: 413 UPLOAD_TOO_LARGE,
 * 400 UPLOAD_INVALID, 415 FORM_UNSUPPORTED (a body that is not multipart).
 */
import type { Context, Next } from 'koa';
import multer from 'multer';
import type { Upload } from './form-body.js';
import { webError } from './web-error.js';

export interface MultiUploadOptions {
  /** Field name -> its size limit in bytes. */
  files: Record<string, number>;
  /** Upper bound for text fields (bytes each). */
  maxFieldBytes?: number;
}

export function multiUpload(options: MultiUploadOptions) {
  const largest = Math.max(...Object.values(options.files));
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: largest,
      files: Object.keys(options.files).length,
      fields: 40,
      fieldSize: options.maxFieldBytes ?? 16 * 1024,
      parts: 48,
    },
  }).fields(Object.keys(options.files).map((name) => ({ name, maxCount: 1 })));

  return async (ctx: Context, next: Next) => {
    if (!ctx.is('multipart/form-data')) {
      throw webError(
        415,
        'FORM_UNSUPPORTED',
        'Envía el formulario desde la página (formato no aceptado).',
        'Send the form from the page (unsupported format).',
      );
    }
    const req = ctx.req as typeof ctx.req & {
      body?: Record<string, string>;
      files?: Record<string, Express.Multer.File[]>;
    };
    await new Promise<void>((resolve, reject) => {
      parse(req as never, ctx.res as never, (error: unknown) => (error ? reject(error) : resolve()));
    }).catch((error: unknown) => {
      if (!(error instanceof multer.MulterError)) throw error;
      if (error.code === 'LIMIT_FILE_SIZE') throw tooLarge(largest);
      if (error.code === 'LIMIT_UNEXPECTED_FILE' || error.code === 'LIMIT_FILE_COUNT') {
        throw webError(
          400,
          'UPLOAD_INVALID',
          'Envía cada archivo en su campo.',
          'Send each file in its own field.',
        );
      }
      throw webError(413, 'FORM_TOO_LARGE', 'El formulario es demasiado grande.', 'The form is too large.');
    });
    const uploads: Record<string, Upload> = {};
    for (const [field, list] of Object.entries(req.files ?? {})) {
      const file = list[0];
      if (!file || file.size === 0) continue;
      if (file.size > (options.files[field] ?? 0)) throw tooLarge(options.files[field] ?? 0);
      uploads[field] = { field, filename: file.originalname, mediaType: file.mimetype, bytes: file.buffer };
    }
    ctx.request.body = { ...(req.body ?? {}) };
    ctx.state.uploads = uploads;
    await next();
  };
}

function tooLarge(maxBytes: number) {
  const kb = Math.round(maxBytes / 1024);
  return webError(
    413,
    'UPLOAD_TOO_LARGE',
    `Un archivo pesa más de ${kb} KB, el máximo para ese campo.`,
    `A file is larger than ${kb} KB, the limit for that field.`,
  );
}
