/** The connector's refusals: AutofacturaError with a code, es-MX and English text that say what to fix. */
import { AutofacturaError } from '../../../core/src/errors.js';

export function conektaError(
  code: string,
  message: string,
  messageEn: string,
  status = 400,
  cause?: unknown,
) {
  return new AutofacturaError({ code, message, messageEn, status, ...(cause ? { cause } : {}) });
}
