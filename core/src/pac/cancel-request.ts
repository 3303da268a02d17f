/**
 * Checks a cancellation request before a real PAC sees it, so a request SAT would refuse is refused here
 * with a message that says what to fix, and nothing is sent.
 */
import { type PacCall, pacError } from './http.js';
import type { CancelRequest } from './port.js';

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;
const MOTIVES = new Set(['01', '02', '03', '04']);

export interface CheckedCancel {
  uuid: string;
  /** '' unless the motive is 01. */
  replacementUuid: string;
}

export function checkCancelRequest(call: PacCall, request: CancelRequest): CheckedCancel {
  const uuid = request.uuid.trim().toUpperCase();
  if (!UUID.test(uuid)) {
    throw refused(
      call,
      'CANCEL_UUID_INVALID',
      'El UUID a cancelar no tiene el formato de un folio fiscal (8-4-4-4-12 hexadecimal). Copie el UUID del TimbreFiscalDigital.',
      'The UUID to cancel is not a folio fiscal (8-4-4-4-12 hexadecimal). Copy the UUID from the TimbreFiscalDigital.',
    );
  }
  if (!MOTIVES.has(request.motive)) {
    throw refused(
      call,
      'CANCEL_MOTIVE_INVALID',
      'El motivo de cancelación debe ser 01, 02, 03 o 04 (c_MotivoCancelacion).',
      'The cancellation motive must be 01, 02, 03 or 04 (c_MotivoCancelacion).',
    );
  }
  const replacement = request.replacementUuid?.trim().toUpperCase() ?? '';
  if (request.motive === '01') {
    if (!UUID.test(replacement)) {
      throw refused(
        call,
        'CANCEL_REPLACEMENT_REQUIRED',
        'El motivo 01 requiere el UUID del CFDI que sustituye al cancelado (relacionado con TipoRelacion 04). Emita primero el CFDI de sustitución e indique su UUID.',
        'Motive 01 needs the UUID of the CFDI that replaces the cancelled one (related with TipoRelacion 04). Issue the replacement first and give its UUID.',
      );
    }
    if (replacement === uuid) {
      throw refused(
        call,
        'CANCEL_REPLACEMENT_SAME',
        'El UUID de sustitución no puede ser el mismo que se cancela.',
        'The replacement UUID cannot be the UUID being cancelled.',
      );
    }
    return { uuid, replacementUuid: replacement };
  }
  return { uuid, replacementUuid: '' };
}

function refused(call: PacCall, code: string, message: string, messageEn: string) {
  return pacError(call, { code, message, messageEn, retriable: false });
}

/** PEM of the CSD certificate (base64 DER, as in the Comprobante's Certificado attribute). */
export function certificatePem(certificateBase64: string): string {
  const lines = certificateBase64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
