/**
 * Cancellation in the sandbox, as SAT runs it: a request is checked (./cancel-checks.ts); when the
 * receptor's acceptance is not needed (./acceptance.ts) the CFDI is cancelled at once ("Cancelado sin
 * aceptación"), otherwise it stays "En proceso" until the receptor accepts ("Cancelado con aceptación"),
 * rejects ("Solicitud rechazada", the CFDI stays Vigente and may be requested again) or lets 72 hours
 * pass ("Plazo vencido", cancelled). The term is applied lazily whenever the record is read.
 */
import { Dec } from '../../money/index.js';
import type { CancelRequest, CancelResult, StatusRequest, StatusResult } from '../port.js';
import { acceptanceRequired } from './acceptance.js';
import { cancellationAcuse } from './acuse.js';
import {
  blockingReferences,
  checkDeadline,
  checkMotive,
  checkParties,
  findCancellable,
  noCancelable,
} from './cancel-checks.js';
import { sandboxCredential } from './sandbox-credential.js';
import { rejected } from './sandbox-errors.js';
import type { SandboxStore } from './sandbox-store.js';
import { estado, type StampRecord } from './stamp-record.js';

/** Time the receptor has to answer; silence counts as acceptance (CFF 29-A; SAT's portal says 72 hours). */
export const ACCEPTANCE_HOURS = 72;
const HOUR = 3_600_000;

export interface CancellationContext {
  dataDir: string;
  store: SandboxStore;
  now: () => Date;
}

function resultOf(record: StampRecord): CancelResult {
  const cancellation = record.cancellation!;
  return {
    uuid: record.uuid,
    status: cancellation.status,
    acuse: cancellation.acuse,
    requestedAt: cancellation.requestedAt,
  };
}

/** Applies the 72-hour term to a pending request, persisting the change. */
export async function settle(store: SandboxStore, record: StampRecord, now: Date): Promise<void> {
  const cancellation = record.cancellation;
  if (cancellation?.status !== 'En proceso') return;
  const expires = new Date(new Date(cancellation.requestedAt).getTime() + ACCEPTANCE_HOURS * HOUR);
  if (now < expires) return;
  cancellation.status = 'Plazo vencido';
  cancellation.resolvedAt = expires.toISOString();
  await store.writeRecord(record);
}

export async function cancelCfdi(ctx: CancellationContext, request: CancelRequest): Promise<CancelResult> {
  const now = ctx.now();
  const record = await findCancellable(ctx.store, request);
  await settle(ctx.store, record, now);
  checkParties(record, request, now);
  const previous = record.cancellation?.status;
  // A repeated request (SAT's 202 "previamente cancelado", or one still waiting) answers what it got.
  if (previous !== undefined && previous !== 'Solicitud rechazada') return resultOf(record);
  await checkMotive(ctx.store, record, request);
  checkDeadline(record, now);
  const blocking = await blockingReferences(ctx.store, record);
  if (blocking.length > 0) noCancelable(record, blocking);

  const required = acceptanceRequired(record, now);
  const credential = sandboxCredential(ctx.dataDir, now);
  record.cancellation = {
    motive: request.motive,
    ...(request.replacementUuid ? { replacementUuid: request.replacementUuid.toUpperCase() } : {}),
    requestedAt: now.toISOString(),
    acceptanceRequired: required,
    status: required ? 'En proceso' : 'Cancelado sin aceptación',
    ...(required ? {} : { resolvedAt: now.toISOString() }),
    acuse: cancellationAcuse({
      issuerRfc: record.issuerRfc,
      uuid: record.uuid,
      estatusUuid: '201',
      at: now,
      credential,
    }),
  };
  await ctx.store.writeRecord(record);
  return resultOf(record);
}

/** The receptor accepts or rejects a pending cancellation (SAT's Aceptación/Rechazo service, codes 1001/1002). */
export async function respondToCancellation(
  ctx: CancellationContext,
  uuid: string,
  accept: boolean,
): Promise<CancelResult> {
  const now = ctx.now();
  const record = await ctx.store.readRecord(uuid);
  if (record === undefined) {
    throw rejected(
      '205',
      `El UUID ${uuid} no existe en este PAC. Revisa el folio fiscal.`,
      `UUID ${uuid} does not exist at this PAC. Check the folio fiscal.`,
    );
  }
  await settle(ctx.store, record, now);
  const status = record.cancellation?.status;
  if (status === 'Cancelado con aceptación' || status === 'Solicitud rechazada') {
    throw rejected(
      '1002',
      `La solicitud de cancelación del UUID ${record.uuid} ya tiene respuesta (${status}).`,
      `The cancellation request for UUID ${record.uuid} already has an answer (${status}).`,
    );
  }
  if (status !== 'En proceso') {
    const why = status === undefined ? '' : ` (${status})`;
    throw rejected(
      '1001',
      `No hay una solicitud de cancelación en espera de respuesta para el UUID ${record.uuid}${why}.`,
      `No cancellation request awaits an answer for UUID ${record.uuid}${why}.`,
    );
  }
  record.cancellation!.status = accept ? 'Cancelado con aceptación' : 'Solicitud rechazada';
  record.cancellation!.resolvedAt = now.toISOString();
  await ctx.store.writeRecord(record);
  return resultOf(record);
}

function matches(record: StampRecord, request: StatusRequest): boolean {
  try {
    return (
      record.issuerRfc === request.issuerRfc.trim().toUpperCase() &&
      record.receiverRfc === request.receiverRfc.trim().toUpperCase() &&
      new Dec(record.total).eq(new Dec(request.total))
    );
  } catch {
    return false;
  }
}

/** SAT's status query: 'No Encontrado' unless UUID, both RFCs and the total all match. */
export async function statusOf(ctx: CancellationContext, request: StatusRequest): Promise<StatusResult> {
  const record = await ctx.store.readRecord(request.uuid);
  if (record === undefined || !matches(record, request)) {
    return { estado: 'No Encontrado', esCancelable: '', estatusCancelacion: '' };
  }
  const now = ctx.now();
  await settle(ctx.store, record, now);
  const cancellation = record.cancellation;
  let esCancelable: StatusResult['esCancelable'];
  if (cancellation !== undefined && cancellation.status !== 'Solicitud rechazada') {
    esCancelable = cancellation.acceptanceRequired
      ? 'Cancelable con aceptación'
      : 'Cancelable sin aceptación';
  } else if ((await blockingReferences(ctx.store, record)).length > 0) {
    esCancelable = 'No cancelable';
  } else {
    esCancelable = acceptanceRequired(record, now)
      ? 'Cancelable con aceptación'
      : 'Cancelable sin aceptación';
  }
  return { estado: estado(record), esCancelable, estatusCancelacion: cancellation?.status ?? '' };
}
