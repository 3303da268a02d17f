/**
 * SW Sapien stamp v4: `POST /cfdi33/stamp/v4` (the path says cfdi33 for 4.0 too), multipart/form-data
 * with one part `xml` (filename "xml", text/xml). Success: `data.cfdi` is the stamped CFDI, beside
 * `uuid`, `fechaTimbrado`, `selloSAT`... A duplicate answers "307. El comprobante contiene un timbre
 * previo." and still carries the earlier timbre (`data.tfd`, or the whole `data.cfdi`): it is put back
 * into the sealed XML and returned with `duplicate: true`.
 *
 * Retries: a stamp that failed in transit (network, 5xx) is sent again within the deadline. Safe, because
 * a repeat of a stamp that did happen is a 307 carrying the original timbre. A 401 with a token we
 * requested renews the token once.
 */
import { badResponse, type PacCall, pacError, startCall, withRetries } from '../http.js';
import type { StampResult } from '../port.js';
import { rejection } from '../rejection-codes.js';
import { readSealed, type SealedDocument, stampResultFrom, withTimbre } from '../stamped-cfdi.js';
import { authorized, isTransientAfterAuth, type SwTokens } from './auth.js';
import { callSw, type SwAnswer, swCode, swError } from './client.js';
import { type SwSettings, swSecrets } from './config.js';

export async function swStamp(
  settings: SwSettings,
  tokens: SwTokens,
  sealedXml: string,
): Promise<StampResult> {
  const call = startCall('sw', 'SW Sapien', 'stamp', settings.timeoutMs, swSecrets(settings));
  const sealed = readSealed(call, sealedXml);
  return withRetries(call, settings.retries, isTransientAfterAuth, async () => {
    const answer = await authorized(call, tokens, (token) => postStamp(call, settings, token, sealedXml));
    return stampResult(call, sealed, answer);
  });
}

function postStamp(call: PacCall, settings: SwSettings, token: string, sealedXml: string): Promise<SwAnswer> {
  const form = new FormData();
  form.append('xml', new Blob([sealedXml], { type: 'text/xml' }), 'xml');
  return callSw(call, `${settings.baseUrl}/cfdi33/stamp/v4`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

function stampResult(call: PacCall, sealed: SealedDocument, answer: SwAnswer): StampResult {
  const data = answer.data;
  const reportedUuid = typeof data?.uuid === 'string' && data.uuid !== '' ? data.uuid : undefined;
  if (answer.httpStatus === 200 && answer.status === 'success') {
    if (typeof data?.cfdi !== 'string' || data.cfdi === '') {
      throw badResponse(call, 'no trae data.cfdi', 'it has no data.cfdi');
    }
    return stampResultFrom(call, sealed, data.cfdi, { duplicate: false, reportedUuid });
  }
  if (swCode(answer.message) !== '307') throw swError(call, answer);
  if (typeof data?.cfdi === 'string' && data.cfdi !== '') {
    return stampResultFrom(call, sealed, data.cfdi, { duplicate: true, reportedUuid });
  }
  if (typeof data?.tfd === 'string' && data.tfd !== '') {
    return stampResultFrom(call, sealed, withTimbre(call, sealed, data.tfd), {
      duplicate: true,
      reportedUuid,
    });
  }
  // A 307 without the earlier timbre: it exists, a later attempt can recover it.
  throw pacError(call, { code: '307', ...rejection('SW Sapien', '307', answer.message) });
}
