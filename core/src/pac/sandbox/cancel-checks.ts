/**
 * The checks SAT's cancellation service makes on a request, with its codes: 205 UUID not found,
 * 203 not the issuer's, CANC104 receptor RFC and CANC105 total that do not match the CFDI, 304 a CSD not
 * valid today, 207 motive, 208 replacement missing or invalid, 209 replacement where none is wanted,
 * 212 replacement without TipoRelacion 04 to the cancelled CFDI, 210 past the deadline (the month the
 * issuer's annual return is due), 204 a CFDI other live CFDI still point at ("No cancelable").
 */
import { Dec } from '../../money/index.js';
import type { CancelRequest } from '../port.js';
import { mexicoCityTime } from './fecha-window.js';
import { rejected } from './sandbox-errors.js';
import type { SandboxStore } from './sandbox-store.js';
import { estado, type StampRecord } from './stamp-record.js';

const MOTIVES = new Set(['01', '02', '03', '04']);

function sameAmount(a: string, b: string): boolean {
  try {
    return new Dec(a).eq(new Dec(b));
  } catch {
    return false;
  }
}

export async function findCancellable(store: SandboxStore, request: CancelRequest): Promise<StampRecord> {
  const record = await store.readRecord(request.uuid);
  if (record === undefined) {
    throw rejected(
      '205',
      `El UUID ${request.uuid} no existe en este PAC. Revisa el folio fiscal (UUID) del CFDI que quieres cancelar.`,
      `UUID ${request.uuid} does not exist at this PAC. Check the folio fiscal (UUID) of the CFDI to cancel.`,
    );
  }
  return record;
}

export function checkParties(record: StampRecord, request: CancelRequest, now: Date): void {
  const credential = request.credential;
  if (credential.rfc !== record.issuerRfc) {
    throw rejected(
      '203',
      `El UUID ${record.uuid} no corresponde al RFC emisor ${credential.rfc}: lo emitió ${record.issuerRfc}. Solicita la cancelación con el CSD del emisor.`,
      `UUID ${record.uuid} does not belong to issuer RFC ${credential.rfc}: ${record.issuerRfc} issued it. Request the cancellation with the issuer's CSD.`,
    );
  }
  if (request.receiverRfc.trim().toUpperCase() !== record.receiverRfc) {
    throw rejected(
      'CANC104',
      `El RFC receptor ${request.receiverRfc} no corresponde al CFDI ${record.uuid} (receptor ${record.receiverRfc}). Envía el RFC del receptor tal como está en el CFDI.`,
      `Receiver RFC ${request.receiverRfc} does not match CFDI ${record.uuid} (receiver ${record.receiverRfc}). Send the receiver's RFC as written in the CFDI.`,
    );
  }
  if (!sameAmount(request.total, record.total)) {
    throw rejected(
      'CANC105',
      `El total ${request.total} no corresponde al CFDI ${record.uuid} (Total ${record.total}). Envía el Total tal como está en el CFDI.`,
      `Total ${request.total} does not match CFDI ${record.uuid} (Total ${record.total}). Send the Total as written in the CFDI.`,
    );
  }
  if (now < credential.validFrom || now > credential.validTo) {
    throw rejected(
      '304',
      `El CSD ${credential.noCertificado} no está vigente hoy (vale del ${credential.validFrom.toISOString()} al ${credential.validTo.toISOString()}). Solicita la cancelación con un CSD vigente del emisor.`,
      `CSD ${credential.noCertificado} is not valid today (valid from ${credential.validFrom.toISOString()} to ${credential.validTo.toISOString()}). Request the cancellation with a current CSD of the issuer.`,
    );
  }
}

export async function checkMotive(
  store: SandboxStore,
  record: StampRecord,
  request: CancelRequest,
): Promise<void> {
  const { motive, replacementUuid } = request;
  if (!MOTIVES.has(motive)) {
    throw rejected(
      '207',
      `El motivo de cancelación "${motive}" no es válido. Usa 01 (con errores, con relación), 02 (con errores, sin relación), 03 (no se llevó a cabo la operación) o 04 (operación nominativa en una factura global).`,
      `Cancellation motive "${motive}" is not valid. Use 01 (errors, with a replacement), 02 (errors, no replacement), 03 (the operation did not happen) or 04 (nominative operation in a factura global).`,
    );
  }
  if (motive !== '01') {
    if (replacementUuid) {
      throw rejected(
        '209',
        `Con el motivo ${motive} no se indica folio de sustitución (${replacementUuid}). Quita el UUID de sustitución, o usa el motivo 01 si el CFDI se sustituye.`,
        `Motive ${motive} takes no replacement UUID (${replacementUuid}). Remove it, or use motive 01 if the CFDI is being replaced.`,
      );
    }
    return;
  }
  if (!replacementUuid) {
    throw rejected(
      '208',
      'El motivo 01 requiere el UUID del CFDI que sustituye al cancelado. Emite primero el CFDI correcto con TipoRelacion 04 hacia este UUID y cancela indicando ese UUID como sustitución.',
      'Motive 01 requires the UUID of the CFDI that replaces the cancelled one. First issue the correct CFDI with TipoRelacion 04 pointing at this UUID, then cancel giving that UUID as the replacement.',
    );
  }
  const replacement = await store.readRecord(replacementUuid);
  if (
    replacement === undefined ||
    replacement.uuid === record.uuid ||
    replacement.issuerRfc !== record.issuerRfc ||
    estado(replacement) === 'Cancelado'
  ) {
    throw rejected(
      '208',
      `El folio de sustitución ${replacementUuid} no es válido: debe ser un CFDI vigente del mismo emisor (${record.issuerRfc}), timbrado en este PAC y distinto del que se cancela.`,
      `Replacement ${replacementUuid} is not valid: it must be a live CFDI of the same issuer (${record.issuerRfc}), stamped by this PAC and different from the one being cancelled.`,
    );
  }
  const relates = replacement.relations.some((r) => r.tipoRelacion === '04' && r.uuids.includes(record.uuid));
  if (!relates) {
    throw rejected(
      '212',
      `El CFDI de sustitución ${replacement.uuid} no relaciona al ${record.uuid} con TipoRelacion 04 (sustitución de los CFDI previos). Emite el CFDI de sustitución con esa relación y usa su UUID.`,
      `Replacement CFDI ${replacement.uuid} does not relate ${record.uuid} with TipoRelacion 04 (substitution of previous CFDI). Issue the replacement with that relation and use its UUID.`,
    );
  }
}

/** Last day to cancel: the end of the month the annual return is due (March for companies, April for individuals). */
export function cancellationDeadline(record: StampRecord): string {
  const year = Number(record.fecha.slice(0, 4)) + 1;
  return record.issuerRfc.length === 12 ? `${year}-03-31` : `${year}-04-30`;
}

export function checkDeadline(record: StampRecord, now: Date): void {
  const deadline = cancellationDeadline(record);
  if (mexicoCityTime(now).slice(0, 10) <= deadline) return;
  throw rejected(
    '210',
    `El CFDI ${record.uuid} (Fecha ${record.fecha}) ya no se puede cancelar: el plazo terminó el ${deadline}, el último día del mes en que se presenta la declaración anual de ese ejercicio. Corrige la operación con un CFDI de egreso.`,
    `CFDI ${record.uuid} (Fecha ${record.fecha}) can no longer be cancelled: the term ended on ${deadline}, the last day of the month the annual return for that year is due. Correct the operation with a CFDI de egreso.`,
  );
}

/** Live CFDI that point at this one other than as its replacement (TipoRelacion 04). */
export async function blockingReferences(store: SandboxStore, record: StampRecord): Promise<string[]> {
  const blocking: string[] = [];
  for (const reference of await store.referencesTo(record.uuid)) {
    if (reference.kind === '04') continue;
    const source = await store.readRecord(reference.uuid);
    if (source !== undefined && estado(source) === 'Vigente') blocking.push(source.uuid);
  }
  return blocking;
}

export function noCancelable(record: StampRecord, blocking: string[]): never {
  throw rejected(
    '204',
    `El CFDI ${record.uuid} no es cancelable: los CFDI ${blocking.join(', ')} lo relacionan y siguen vigentes. Cancela primero esos CFDI relacionados.`,
    `CFDI ${record.uuid} is not cancellable: CFDI ${blocking.join(', ')} relate to it and are still live. Cancel those related CFDI first.`,
  );
}
