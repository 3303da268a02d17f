/**
 * The PAC port: what autofactura needs from a Proveedor Autorizado de Certificación. Implemented by the
 * sandbox (embedded default, `pac/sandbox`) and by adapters for real PACs (`pac/finkok`, `pac/sw`).
 * Contracts of the real services: shared/reference/pac-contracts.md.
 *
 * Every method fails with PacError: the PAC's own code (e.g. "401", "302", "CFDI40102"), a plain-Spanish
 * message (English in messageEn) and `retriable` — true only when sending the very same request again can
 * help (network error, timeout, 5xx, SAT unavailable); never for a rejected document (401, 30x).
 */

import { AutofacturaError, type AutofacturaErrorOptions } from '../errors.js';
import type { Csd } from '../fiscal/csd/index.js';

export interface StampResult {
  /** Folio fiscal (UUID of the TimbreFiscalDigital), upper case. */
  uuid: string;
  /** FechaTimbrado as written in the TFD (local time of Mexico City, "YYYY-MM-DDThh:mm:ss"). */
  stampedAt: string;
  /** The sealed CFDI with the tfd:TimbreFiscalDigital inside cfdi:Complemento. */
  xml: string;
  /** True when the PAC had already stamped this exact XML and returned the earlier timbre. */
  duplicate: boolean;
}

/** c_MotivoCancelacion: 01 with errors and a replacement, 02 with errors without, 03 not carried out, 04 global. */
export type CancellationMotive = '01' | '02' | '03' | '04';

export interface CancelRequest {
  uuid: string;
  motive: CancellationMotive;
  /** Required with motive 01: the UUID of the CFDI that replaces it (related with TipoRelacion 04). */
  replacementUuid?: string;
  /** The issuer's CSD: the cancellation request is signed with it. */
  credential: Csd;
  /** Total of the CFDI being cancelled, as written in it. */
  total: string;
  receiverRfc: string;
}

/** EstatusCancelacion / the state of a cancellation request. */
export type CancellationStatus =
  | 'En proceso'
  | 'Cancelado sin aceptación'
  | 'Cancelado con aceptación'
  | 'Plazo vencido'
  | 'Solicitud rechazada';

export interface CancelResult {
  uuid: string;
  status: CancellationStatus;
  /** The acuse (XML receipt) of the cancellation request, as returned by the PAC/SAT. */
  acuse: string;
  /** When the request was received, ISO 8601. */
  requestedAt: string;
}

export interface StatusRequest {
  uuid: string;
  issuerRfc: string;
  receiverRfc: string;
  total: string;
}

export interface StatusResult {
  /** Estado: 'Vigente' | 'Cancelado' | 'No Encontrado'. */
  estado: 'Vigente' | 'Cancelado' | 'No Encontrado';
  /** EsCancelable: 'Cancelable sin aceptación' | 'Cancelable con aceptación' | 'No cancelable'. */
  esCancelable: 'Cancelable sin aceptación' | 'Cancelable con aceptación' | 'No cancelable' | '';
  /** EstatusCancelacion, '' when no cancellation was requested. */
  estatusCancelacion: CancellationStatus | '';
}

export interface Pac {
  /** 'sandbox' | 'finkok' | 'sw'. */
  readonly name: string;
  stamp(sealedXml: string): Promise<StampResult>;
  cancel(request: CancelRequest): Promise<CancelResult>;
  status(request: StatusRequest): Promise<StatusResult>;
}

export interface PacErrorOptions extends AutofacturaErrorOptions {
  /** Which PAC answered. */
  pac: string;
}

export class PacError extends AutofacturaError {
  readonly pac: string;

  constructor(options: PacErrorOptions) {
    super({ status: options.retriable ? 503 : 422, ...options });
    this.pac = options.pac;
  }
}
