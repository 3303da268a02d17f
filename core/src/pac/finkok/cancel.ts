/**
 * Finkok `cancel` (Finkok signs SAT's cancellation request with the issuer's CSD) and `get_sat_status`
 * (SAT's consulta of a CFDI, through Finkok).
 *
 * The CSD travels as Finkok documents it: `cer` is base64 of the PEM certificate and `key` base64 of the
 * PEM private key encrypted (3DES) with the Finkok account's password — never the merchant's own key
 * password, and never an unencrypted key.
 *
 * Retries: a cancellation is sent again only when it certainly never left (connection refused, DNS);
 * status queries are read-only and retried on any transient failure.
 */
import { certificatePem, checkCancelRequest } from '../cancel-request.js';
import { badResponse, isNotSent, isTransient, pacError, startCall, withRetries } from '../http.js';
import type {
  CancellationStatus,
  CancelRequest,
  CancelResult,
  StatusRequest,
  StatusResult,
} from '../port.js';
import { finkokError, leadingCode } from './codes.js';
import type { FinkokSettings } from './config.js';
import { cancellationStatus, esCancelable, estado } from './sat-status.js';
import { callSoap, child, childrenNamed, text, viewsElement } from './soap.js';

export async function finkokCancel(settings: FinkokSettings, request: CancelRequest): Promise<CancelResult> {
  const call = startCall('finkok', 'Finkok', 'cancel', settings.timeoutMs, [settings.password]);
  const { uuid, replacementUuid } = checkCancelRequest(call, request);
  const credential = request.credential;
  const key = credential.exportPrivateKey({
    format: 'pem',
    type: 'pkcs1',
    cipher: 'des-ede3-cbc',
    passphrase: settings.password,
  });
  const result = await withRetries(call, settings.retries, isNotSent, () =>
    callSoap(call, settings.baseUrl, 'cancel', 'cancel', [
      [
        'UUIDS',
        [viewsElement('UUID', { UUID: uuid, FolioSustitucion: replacementUuid, Motivo: request.motive })],
      ],
      ['username', settings.username],
      ['password', settings.password],
      ['taxpayer_id', credential.rfc],
      ['cer', Buffer.from(certificatePem(credential.certificateBase64), 'utf8').toString('base64')],
      ['key', key.toString('base64')],
      ['store_pending', 'false'],
    ]),
  );
  const codEstatus = text(result, 'CodEstatus');
  const folio = childrenNamed(child(result, 'Folios'), 'Folio').find(
    (f) => text(f, 'UUID').toUpperCase() === uuid,
  );
  if (folio === undefined) {
    const code = leadingCode(codEstatus);
    if (code !== undefined) throw finkokError(call, code, codEstatus);
    if (codEstatus !== '') {
      throw pacError(call, {
        code: 'CANCEL_REFUSED',
        retriable: false,
        message: `Finkok no aceptó la solicitud de cancelación: ${codEstatus}`,
        messageEn: `Finkok did not accept the cancellation request: ${codEstatus}`,
      });
    }
    throw badResponse(call, `no trae el folio ${uuid}`, `it does not carry folio ${uuid}`);
  }
  const estatusUuid = text(folio, 'EstatusUUID');
  if (estatusUuid !== '201' && estatusUuid !== '202') {
    throw finkokError(call, estatusUuid || 'CANCEL_REFUSED', codEstatus);
  }
  const reported = cancellationStatus(text(folio, 'EstatusCancelacion'));
  if (reported === undefined) {
    throw badResponse(call, 'EstatusCancelacion desconocido', 'unknown EstatusCancelacion');
  }
  return {
    uuid,
    status: reported === '' ? defaultStatus(estatusUuid) : reported,
    acuse: text(result, 'Acuse'),
    requestedAt: text(result, 'Fecha') || new Date().toISOString(),
  };
}

/**
 * When Finkok does not relay EstatusCancelacion: 201 is a request SAT received (final state to be asked
 * with `status`); 202 is a CFDI SAT already holds as cancelled.
 */
function defaultStatus(estatusUuid: '201' | '202'): CancellationStatus {
  return estatusUuid === '201' ? 'En proceso' : 'Cancelado sin aceptación';
}

export async function finkokStatus(settings: FinkokSettings, request: StatusRequest): Promise<StatusResult> {
  const call = startCall('finkok', 'Finkok', 'get_sat_status', settings.timeoutMs, [settings.password]);
  const result = await withRetries(call, settings.retries, isTransient, () =>
    callSoap(call, settings.baseUrl, 'cancel', 'get_sat_status', [
      ['username', settings.username],
      ['password', settings.password],
      ['taxpayer_id', request.issuerRfc.trim().toUpperCase()],
      ['rtaxpayer_id', request.receiverRfc.trim().toUpperCase()],
      ['uuid', request.uuid.trim().toUpperCase()],
      ['total', request.total.trim()],
    ]),
  );
  const sat = child(result, 'sat');
  if (sat === undefined) {
    const error = text(result, 'error');
    const code = leadingCode(error);
    if (code !== undefined) throw finkokError(call, code, error);
    throw badResponse(
      call,
      error === '' ? 'falta el nodo sat' : error,
      error === '' ? 'the sat node is missing' : error,
    );
  }
  const codigo = text(sat, 'CodigoEstatus');
  const found = /^N\b/.test(codigo) ? 'No Encontrado' : estado(text(sat, 'Estado'));
  const cancelable = esCancelable(text(sat, 'EsCancelable'));
  const cancellation = cancellationStatus(text(sat, 'EstatusCancelacion'));
  if (found === undefined || cancelable === undefined || cancellation === undefined) {
    throw badResponse(call, `valores desconocidos (${codigo})`, `unknown values (${codigo})`);
  }
  return { estado: found, esCancelable: cancelable, estatusCancelacion: cancellation };
}
