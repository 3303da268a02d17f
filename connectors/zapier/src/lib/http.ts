/**
 * How every request reaches autofactura: the merchant's server (`baseUrl`, for self-hosters) and API key
 * (`beforeRequest`), and how its answers become Zapier errors (`afterResponse`): the server's own
 * es-MX message, 429 as a ThrottledError that tells Zapier when to retry.
 */
import type { Bundle, HttpRequestOptionsWithUrl, HttpResponse, ZObject } from 'zapier-platform-core';
import { isEnglish, say } from './lang.js';

/** The server's address without a trailing slash; `https://` is assumed when no scheme is given. */
export function baseUrl(bundle: Pick<Bundle, 'authData'>): string {
  const raw = String(bundle.authData.baseUrl ?? '').trim();
  const withScheme = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
  return withScheme.replace(/\/+$/, '');
}

/** `api('/v1/me')` -> the full URL on the merchant's server. */
export const apiUrl = (bundle: Pick<Bundle, 'authData'>, path: string) => `${baseUrl(bundle)}${path}`;

export function addApiKey(request: HttpRequestOptionsWithUrl, _z: ZObject, bundle: Bundle) {
  request.headers = {
    ...request.headers,
    authorization: `Bearer ${String(bundle.authData.apiKey ?? '').trim()}`,
    'accept-language': isEnglish(bundle) ? 'en' : 'es-MX',
  };
  // 429 is turned into a ThrottledError below, with the server's Retry-After and a message in Spanish.
  (request as { throwForThrottlingEarly?: boolean }).throwForThrottlingEarly = false;
  return request;
}

interface ApiErrorBody {
  error?: { code?: string; message?: string; param?: string; details?: { message?: string }[] };
}

/** The error's message with its other problems (`details`), each once, as the merchant reads them. */
export function errorMessage(body: ApiErrorBody, status: number, bundle?: Pick<Bundle, 'authData'>): string {
  const error = body.error;
  if (!error?.message) {
    return say(
      bundle,
      `autofactura respondió ${status} sin un mensaje de error.`,
      `autofactura answered ${status} with no error message.`,
    );
  }
  const others = (error.details ?? [])
    .map((detail) => detail.message)
    .filter((message): message is string => Boolean(message) && message !== error.message);
  return [error.message, ...new Set(others)].join(' ');
}

/** afterResponse: throws for 429 and for >= 400 unless the request asked to see errors itself. */
export function throwForApiError(response: HttpResponse, z: ZObject, bundle: Bundle) {
  return raiseApiError(response, z, bundle, false);
}

/** Throws the Zapier error for an answer >= 400 (also when the request set `skipThrowForStatus`, with `always`). */
export function raiseApiError(response: HttpResponse, z: ZObject, bundle: Bundle, always: boolean) {
  if (response.status === 429) {
    const seconds = Number.parseInt(response.getHeader('retry-after') ?? '', 10);
    throw new z.errors.ThrottledError(
      say(
        bundle,
        'autofactura recibió demasiadas solicitudes en poco tiempo; Zapier volverá a intentarlo en un momento.',
        'autofactura received too many requests in a short time; Zapier will try again shortly.',
      ),
      Number.isFinite(seconds) ? seconds : 60,
    );
  }
  if (response.status < 400 || (response.skipThrowForStatus && !always)) return response;
  let body: ApiErrorBody = {};
  try {
    body = JSON.parse(response.content) as ApiErrorBody;
  } catch {
    body = {};
  }
  const code = body.error?.code ?? `HTTP_${response.status}`;
  throw new z.errors.Error(errorMessage(body, response.status, bundle), code, response.status);
}
