/** Coded errors for HTML routes (rendered by html-errors.ts in the page's language). */
import { AutofacturaError } from '../../../core/src/errors.js';

export function webError(status: number, code: string, message: string, messageEn: string): AutofacturaError {
  return new AutofacturaError({ code, status, message, messageEn });
}
