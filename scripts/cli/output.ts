/** How the CLI talks: `CODE message` lines, es-MX by default, English with --lang en or AUTOFACTURA_LANG=en. */
import { type ErrorDetail, isAutofacturaError } from '../../core/src/errors.js';

export type Lang = 'es' | 'en';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  lang: Lang;
}

export function processIo(lang: Lang): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    lang,
  };
}

export function langFrom(value: string | undefined): Lang {
  const chosen = value ?? process.env.AUTOFACTURA_LANG ?? 'es';
  return chosen.toLowerCase().startsWith('en') ? 'en' : 'es';
}

export function detailLine(detail: ErrorDetail, lang: Lang): string {
  const message = lang === 'en' && detail.messageEn ? detail.messageEn : detail.message;
  const where = detail.path ? ` [${detail.path}]` : '';
  return `${detail.code} ${message}${where}\n`;
}

/** Prints a known error as `CODE message` lines (no stack) and returns the exit code; rethrows bugs. */
export function reportError(error: unknown, io: Io): number {
  if (isAutofacturaError(error)) {
    for (const detail of error.details) io.err(detailLine(detail, io.lang));
    return 1;
  }
  if (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
    const path = (error as NodeJS.ErrnoException).path ?? '';
    io.err(
      io.lang === 'en'
        ? `FILE_NOT_FOUND The file ${path} does not exist.\n`
        : `FILE_NOT_FOUND No existe el archivo ${path}.\n`,
    );
    return 1;
  }
  throw error;
}
