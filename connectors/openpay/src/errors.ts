/** The connector's refusals and retriable failures: AutofacturaError with es-MX and English text. */
import { AutofacturaError } from '../../../core/src/errors.js';

export function openpayError(
  code: string,
  message: string,
  messageEn: string,
  status = 400,
  cause?: unknown,
) {
  return new AutofacturaError({
    code,
    message,
    messageEn,
    status,
    retriable: status >= 500,
    ...(cause ? { cause } : {}),
  });
}
