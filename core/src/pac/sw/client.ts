/**
 * SW Sapien's REST answers: JSON `{ status: "success", data }`, or a non-200 status with
 * `{ status: "error", message: "<code> - <text>", messageDetail }`. The code is whatever leads the
 * message ("307.", "401 -", "CFDI40102 -"); it becomes PacError.code.
 */
import {
  badResponse,
  type HttpRequest,
  httpStatusError,
  type PacCall,
  pacError,
  redact,
  send,
  shorten,
} from '../http.js';
import type { PacError } from '../port.js';
import { rejection } from '../rejection-codes.js';

export interface SwAnswer {
  httpStatus: number;
  status: string;
  message: string;
  messageDetail: string;
  data: Record<string, unknown> | undefined;
}

export async function callSw(call: PacCall, url: string, request: HttpRequest): Promise<SwAnswer> {
  const response = await send(call, url, request);
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch (error) {
    if (response.status >= 400) throw httpStatusError(call, response.status, response.text);
    throw badResponse(call, 'no es JSON', 'it is not JSON', error);
  }
  if (!isRecord(body)) {
    if (response.status >= 400) throw httpStatusError(call, response.status, response.text);
    throw badResponse(call, 'no es un objeto JSON', 'it is not a JSON object');
  }
  return {
    httpStatus: response.status,
    status: typeof body.status === 'string' ? body.status : '',
    message: typeof body.message === 'string' ? body.message : '',
    messageDetail: typeof body.messageDetail === 'string' ? body.messageDetail : '',
    data: isRecord(body.data) ? body.data : undefined,
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The code that leads SW's message, e.g. "307" from "307. El comprobante...", "CFDI40102" from "CFDI40102 - ...". */
export function swCode(message: string): string | undefined {
  return /^\s*([A-Z]*\d{3,5})(?=$|[\s.:-])/.exec(message)?.[1];
}

/** The message without its leading code, with the detail: what SW said, redacted. */
function said(call: PacCall, answer: SwAnswer): string {
  const main = answer.message.replace(/^\s*[A-Z]*\d{3,5}\s*[.:-]?\s*/, '');
  const detail =
    answer.messageDetail !== '' && answer.messageDetail !== answer.message ? ` ${answer.messageDetail}` : '';
  return shorten(redact(call, `${main}${detail}`));
}

/** Authentication refused: the settings are wrong, asking again will not help. */
export function authFailed(call: PacCall, answer: SwAnswer, withToken: boolean): PacError {
  const what = withToken
    ? {
        es: 'Revise SW_TOKEN (el token del portal de SW).',
        en: 'Check SW_TOKEN (the token from SW’s portal).',
      }
    : { es: 'Revise SW_USER y SW_PASSWORD.', en: 'Check SW_USER and SW_PASSWORD.' };
  const text = said(call, answer);
  const detail = text === '' ? '' : ` (SW: ${text})`;
  return pacError(call, {
    code: 'PAC_AUTH_FAILED',
    retriable: false,
    message: `SW Sapien rechazó las credenciales${detail}. ${what.es}`,
    messageEn: `SW Sapien refused the credentials${detail}. ${what.en}`,
  });
}

/** Any other error answer: 5xx retriable, a coded rejection as the code says, anything else not retriable. */
export function swError(call: PacCall, answer: SwAnswer): PacError {
  const text = said(call, answer);
  if (answer.httpStatus >= 500) {
    return pacError(call, {
      code: `HTTP_${answer.httpStatus}`,
      retriable: true,
      message: `SW Sapien respondió con un error ${answer.httpStatus} a "${call.operation}" (${text || 'sin detalle'}). Es un problema del PAC; intente de nuevo en unos minutos.`,
      messageEn: `SW Sapien answered "${call.operation}" with error ${answer.httpStatus} (${text || 'no detail'}). The PAC failed; try again in a few minutes.`,
    });
  }
  const code = swCode(answer.message);
  if (code !== undefined) return pacError(call, { code, ...rejection('SW Sapien', code, text) });
  if (answer.httpStatus < 400)
    return badResponse(call, `estado "${answer.status}" sin datos`, `status "${answer.status}" without data`);
  return httpStatusError(call, answer.httpStatus, answer.message || answer.messageDetail);
}
