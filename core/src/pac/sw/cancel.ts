/**
 * SW Sapien cancellation with the CSD: `POST /cfdi33/cancel/csd` with JSON `{ uuid, password, rfc,
 * b64Cer, b64Key, motivo, folioSustitucion }` (base64 of the DER .cer and .key, and the key's password).
 * The key sent is the issuer's, encrypted for this request alone with a random password (PKCS#8 with
 * 3DES, as SAT issues .key files): the merchant's own key password never leaves autofactura. Success:
 * `{ data: { acuse, uuid: { "<UUID>": "201" } } }`.
 *
 * Retries: only when the request certainly never left (connection refused, DNS).
 *
 * Status: SW's contract here (pac-contracts.md) has no status query, so `status` refuses with
 * PAC_STATUS_NOT_SUPPORTED.
 */
import { randomBytes } from 'node:crypto';
import { parseXml } from '../../xml/parse.js';
import { checkCancelRequest } from '../cancel-request.js';
import { badResponse, isNotSent, pacError, startCall, withRetries } from '../http.js';
import {
  type CancelRequest,
  type CancelResult,
  PacError,
  type StatusRequest,
  type StatusResult,
} from '../port.js';
import { rejection } from '../rejection-codes.js';
import { authorized, type SwTokens } from './auth.js';
import { callSw, isRecord, swError } from './client.js';
import { type SwSettings, swSecrets } from './config.js';

export async function swCancel(
  settings: SwSettings,
  tokens: SwTokens,
  request: CancelRequest,
): Promise<CancelResult> {
  const keyPassword = randomBytes(18).toString('base64url');
  const call = startCall('sw', 'SW Sapien', 'cancel', settings.timeoutMs, [
    ...swSecrets(settings),
    keyPassword,
  ]);
  const { uuid, replacementUuid } = checkCancelRequest(call, request);
  const credential = request.credential;
  const key = credential.exportPrivateKey({
    format: 'der',
    type: 'pkcs8',
    cipher: 'des-ede3-cbc',
    passphrase: keyPassword,
  });
  const body = JSON.stringify({
    uuid,
    password: keyPassword,
    rfc: credential.rfc,
    b64Cer: credential.certificateBase64,
    b64Key: key.toString('base64'),
    motivo: request.motive,
    ...(request.motive === '01' ? { folioSustitucion: replacementUuid } : {}),
  });
  const answer = await withRetries(call, settings.retries, isNotSent, () =>
    authorized(call, tokens, (token) =>
      callSw(call, `${settings.baseUrl}/cfdi33/cancel/csd`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      }),
    ),
  );
  if (answer.httpStatus !== 200 || answer.status !== 'success') throw swError(call, answer);
  const acuse = answer.data?.acuse;
  const folios = answer.data?.uuid;
  if (typeof acuse !== 'string' || !isRecord(folios)) {
    throw badResponse(call, 'faltan data.acuse o data.uuid', 'data.acuse or data.uuid is missing');
  }
  const entry = Object.entries(folios).find(([key]) => key.toUpperCase() === uuid);
  const estatusUuid = entry === undefined ? undefined : String(entry[1]);
  if (estatusUuid === undefined)
    throw badResponse(call, `no trae el folio ${uuid}`, `it does not carry folio ${uuid}`);
  if (estatusUuid !== '201' && estatusUuid !== '202') {
    throw pacError(call, { code: estatusUuid, ...rejection('SW Sapien', estatusUuid, '') });
  }
  return {
    uuid,
    // SW does not say whether the receptor must accept: 201 is a request SAT received (ask `status` later
    // through SAT), 202 a CFDI SAT already holds as cancelled.
    status: estatusUuid === '201' ? 'En proceso' : 'Cancelado sin aceptación',
    acuse,
    requestedAt: acuseFecha(acuse) ?? new Date().toISOString(),
  };
}

/** The Fecha of SAT's acuse (its root's attribute), when the acuse is readable. */
function acuseFecha(acuse: string): string | undefined {
  try {
    const fecha = parseXml(acuse).attrs.Fecha;
    return fecha === undefined || fecha === '' ? undefined : fecha;
  } catch {
    return undefined;
  }
}

export async function swStatus(request: StatusRequest): Promise<StatusResult> {
  throw new PacError({
    pac: 'sw',
    code: 'PAC_STATUS_NOT_SUPPORTED',
    retriable: false,
    message: `La consulta de estatus del CFDI ${request.uuid} no está disponible con SW Sapien en autofactura (su contrato no la incluye). Consulte el estatus en https://verificacfdi.facturaelectronica.sat.gob.mx o use PAC=finkok.`,
    messageEn: `Checking the status of CFDI ${request.uuid} is not available with SW Sapien in autofactura (its contract does not include it). Check the status at https://verificacfdi.facturaelectronica.sat.gob.mx or use PAC=finkok.`,
  });
}
