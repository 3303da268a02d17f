/**
 * Form bodies for HTML routes: application/x-www-form-urlencoded (limit 64 KB by default) and, where a
 * route allows an upload, multipart/form-data with ONE file kept in memory — never written to disk —
 * bounded in size, media type and (optionally) a content sniff, plus bounded text fields. Anything else
 * is refused with a coded error: 413 FORM_TOO_LARGE / UPLOAD_TOO_LARGE, 415 FORM_UNSUPPORTED /
 * UPLOAD_TYPE, 400 UPLOAD_INVALID. Fields land in `ctx.request.body` (strings), the file in
 * `ctx.state.upload` (absent when none was sent).
 */
import { bodyParser } from '@koa/bodyparser';
import type { Context, Next } from 'koa';
import multer from 'multer';
import { webError } from './web-error.js';

export interface Upload {
  field: string;
  filename: string;
  mediaType: string;
  bytes: Buffer;
}

export interface FormBodyOptions {
  /** urlencoded limit in bytes; default 64 KB. */
  maxFormBytes?: number;
  /** Allow multipart with one file in `field`. */
  upload?: {
    field: string;
    maxBytes: number;
    /** Accepted media types as the browser declares them, e.g. ['application/pdf']. */
    types: string[];
    /** Checks the bytes themselves (e.g. the %PDF- header); false -> 415 UPLOAD_TYPE. */
    sniff?: (bytes: Buffer) => boolean;
    /** Human name of what is expected, for the messages: { es: 'un PDF', en: 'a PDF' }. */
    label: { es: string; en: string };
  };
}

const tooLarge = (what: { es: string; en: string }, maxBytes: number) => {
  const mb = (maxBytes / 1024 / 1024).toFixed(maxBytes % (1024 * 1024) === 0 ? 0 : 1);
  return webError(
    413,
    'UPLOAD_TOO_LARGE',
    `El archivo pesa más de ${mb} MB. Sube ${what.es} de hasta ${mb} MB.`,
    `The file is larger than ${mb} MB. Upload ${what.en} of up to ${mb} MB.`,
  );
};
const wrongType = (what: { es: string; en: string }) =>
  webError(
    415,
    'UPLOAD_TYPE',
    `El archivo no es ${what.es}. Sube ${what.es}.`,
    `The file is not ${what.en}. Upload ${what.en}.`,
  );

function multipart(upload: NonNullable<FormBodyOptions['upload']>) {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: upload.maxBytes, files: 1, fields: 30, fieldSize: 16 * 1024, parts: 32 },
    fileFilter: (_req, file, accept) => {
      if (file.fieldname !== upload.field)
        return accept(new multer.MulterError('LIMIT_UNEXPECTED_FILE', file.fieldname));
      if (!upload.types.includes(file.mimetype)) return accept(wrongType(upload.label));
      accept(null, true);
    },
  }).single(upload.field);

  return async (ctx: Context) => {
    const req = ctx.req as typeof ctx.req & { body?: Record<string, string>; file?: Express.Multer.File };
    await new Promise<void>((resolve, reject) => {
      // multer is written for Express; it only needs the Node request and response.
      parse(req as never, ctx.res as never, (error: unknown) => (error ? reject(error) : resolve()));
    }).catch((error: unknown) => {
      if (!(error instanceof multer.MulterError)) throw error;
      if (error.code === 'LIMIT_FILE_SIZE') throw tooLarge(upload.label, upload.maxBytes);
      if (error.code === 'LIMIT_UNEXPECTED_FILE' || error.code === 'LIMIT_FILE_COUNT') {
        throw webError(
          400,
          'UPLOAD_INVALID',
          'Envía un solo archivo en el campo indicado.',
          'Send one file in the expected field.',
        );
      }
      throw webError(413, 'FORM_TOO_LARGE', 'El formulario es demasiado grande.', 'The form is too large.');
    });
    ctx.request.body = { ...(req.body ?? {}) };
    const file = req.file;
    if (file && file.size > 0) {
      if (upload.sniff && !upload.sniff(file.buffer)) throw wrongType(upload.label);
      ctx.state.upload = {
        field: file.fieldname,
        filename: file.originalname,
        mediaType: file.mimetype,
        bytes: file.buffer,
      } satisfies Upload;
    }
  };
}

/** Parses the body of unsafe methods (POST, PUT, PATCH, DELETE); put it before csrf.verify. */
export function formBody(options: FormBodyOptions = {}) {
  const maxFormBytes = options.maxFormBytes ?? 64 * 1024;
  const urlencoded = bodyParser({ enableTypes: ['form'], formLimit: `${maxFormBytes}b`, encoding: 'utf-8' });
  const parseMultipart = options.upload ? multipart(options.upload) : undefined;
  return async (ctx: Context, next: Next) => {
    if (
      ['GET', 'HEAD', 'OPTIONS'].includes(ctx.method) ||
      (!ctx.request.length && !ctx.get('transfer-encoding'))
    ) {
      ctx.request.body ??= {};
      return next();
    }
    if (ctx.is('application/x-www-form-urlencoded')) {
      try {
        await urlencoded(ctx, async () => {});
      } catch (error) {
        if ((error as { status?: number }).status === 413) {
          throw webError(
            413,
            'FORM_TOO_LARGE',
            'El formulario es demasiado grande.',
            'The form is too large.',
          );
        }
        throw error;
      }
      return next();
    }
    if (parseMultipart && ctx.is('multipart/form-data')) {
      await parseMultipart(ctx);
      return next();
    }
    throw webError(
      415,
      'FORM_UNSUPPORTED',
      'Envía el formulario desde la página (formato no aceptado).',
      'Send the form from the page (unsupported format).',
    );
  };
}
