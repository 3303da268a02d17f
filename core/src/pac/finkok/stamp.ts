/**
 * Finkok `stamp`, and `stamped` to recover a timbre after "307 El CFDI contiene un timbre previo".
 *
 * Retries: a stamp that failed in transit (network, 5xx, SOAP fault) is sent again within the deadline.
 * That is safe because stamping is idempotent here: if Finkok did stamp the first time, the repeat gets
 * 307 and `stamped` returns the original timbre, so one sealed XML never gets two UUIDs.
 */
import { badResponse, isTransient, type PacCall, startCall, withRetries } from '../http.js';
import { PacError, type StampResult } from '../port.js';
import { readSealed, type SealedDocument, stampResultFrom } from '../stamped-cfdi.js';
import { finkokError } from './codes.js';
import type { FinkokSettings } from './config.js';
import { callSoap, incidencias, type SoapParameter, text } from './soap.js';

const DUPLICATE = '307';
const NOT_STAMPED_BEFORE = '603';

export async function finkokStamp(settings: FinkokSettings, sealedXml: string): Promise<StampResult> {
  const call = startCall('finkok', 'Finkok', 'stamp', settings.timeoutMs, [settings.password]);
  const sealed = readSealed(call, sealedXml);
  const parameters: SoapParameter[] = [
    ['xml', Buffer.from(sealedXml, 'utf8').toString('base64')],
    ['username', settings.username],
    ['password', settings.password],
  ];
  const result = await withRetries(call, settings.retries, isTransient, () =>
    callSoap(call, settings.baseUrl, 'stamp', 'stamp', parameters),
  );
  const stampedXml = text(result, 'xml');
  const found = incidencias(result);
  const reportedUuid = text(result, 'UUID') || undefined;
  if (found.some((incidencia) => incidencia.code === DUPLICATE)) {
    // Finkok may or may not send the earlier XML with a 307; `stamped` always can.
    if (stampedXml !== '')
      return stampResultFrom(call, sealed, stampedXml, { duplicate: true, reportedUuid });
    return recoverEarlierStamp(call, settings, sealed, parameters);
  }
  if (stampedXml !== '') return stampResultFrom(call, sealed, stampedXml, { duplicate: false, reportedUuid });
  const first = found[0];
  if (first !== undefined) throw finkokError(call, first.code || 'FINKOK', first.message);
  throw badResponse(
    call,
    'no trae el CFDI timbrado ni incidencias',
    'it has neither the stamped CFDI nor incidencias',
  );
}

/**
 * `stamped` right after a 307 may not find the timbre yet (603): asked again, with the stamp's retries,
 * within the same deadline. If it never appears the error is 307 and retriable: a later stamp recovers it.
 */
async function recoverEarlierStamp(
  call: PacCall,
  settings: FinkokSettings,
  sealed: SealedDocument,
  parameters: SoapParameter[],
): Promise<StampResult> {
  const recovery: PacCall = { ...call, operation: 'stamped' };
  const stillMissing = (error: unknown) => error instanceof PacError && error.code === NOT_STAMPED_BEFORE;
  try {
    return await withRetries(
      recovery,
      settings.retries,
      (error) => isTransient(error) || stillMissing(error),
      async () => {
        const result = await callSoap(recovery, settings.baseUrl, 'stamp', 'stamped', parameters);
        const stampedXml = text(result, 'xml');
        if (stampedXml !== '') {
          return stampResultFrom(recovery, sealed, stampedXml, {
            duplicate: true,
            reportedUuid: text(result, 'UUID') || undefined,
          });
        }
        const first = incidencias(result)[0];
        if (first !== undefined) throw finkokError(recovery, first.code || 'FINKOK', first.message);
        throw badResponse(recovery, 'no trae el CFDI timbrado', 'it does not carry the stamped CFDI');
      },
    );
  } catch (error) {
    if (stillMissing(error)) throw finkokError(call, DUPLICATE, 'stamped: 603');
    throw error;
  }
}
