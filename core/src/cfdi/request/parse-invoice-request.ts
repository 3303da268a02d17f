import { ValidationError } from '../../errors.js';
import { readValidRequest } from './fast-path.js';
import { issueToDetail } from './issues.js';
import { type InvoiceRequest, invoiceRequestSchema } from './schema.js';

/**
 * Parses an invoice request (JSON already decoded). Throws ValidationError REQUEST_INVALID whose
 * `details` list every problem found, each with its path (`items[0].unit_price`), a stable code and an
 * es-MX message (English in messageEn) saying what to fix. A plainly valid request takes the fast path
 * (same result, no zod); anything else goes through the schema.
 */
export function parseInvoiceRequest(json: unknown): InvoiceRequest {
  const fast = readValidRequest(json);
  if (fast !== undefined) return fast;
  const result = invoiceRequestSchema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  const details = result.error.issues.map(issueToDetail);
  const count = details.length;
  throw new ValidationError({
    code: 'REQUEST_INVALID',
    message: `La solicitud de factura tiene ${count} ${count === 1 ? 'error' : 'errores'}: ${details.map((d) => d.message).join(' ')}`,
    messageEn: `The invoice request has ${count} ${count === 1 ? 'error' : 'errors'}: ${details.map((d) => d.messageEn).join(' ')}`,
    details,
  });
}
