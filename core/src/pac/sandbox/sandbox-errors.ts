/**
 * The sandbox's rejections, with the codes real PACs and SAT use (pac-contracts.md; SAT's cancellation
 * service for 2xx, CANC1xx and 1xxx) and a message that says what to fix. A rejection is never
 * retriable: the same request gets the same answer.
 */
import type { ErrorDetail } from '../../errors.js';
import { PacError } from '../port.js';

export const SANDBOX = 'sandbox';

/**
 * A rejection. `details` (e.g. every XSD or matrix finding) follow the main line, which comes first so
 * a caller that prints `CODE message` per detail shows the PAC's code on top.
 */
export function rejected(
  code: string,
  message: string,
  messageEn: string,
  details: ErrorDetail[] = [],
): PacError {
  const main: ErrorDetail = { code, message, messageEn };
  const rest = details
    .filter((d) => !(d.code === code && d.message === message))
    .map(({ code, message, messageEn, path }) => ({
      code,
      message,
      ...(messageEn ? { messageEn } : {}),
      ...(path ? { path } : {}),
    }));
  return new PacError({ pac: SANDBOX, code, message, messageEn, retriable: false, details: [main, ...rest] });
}
