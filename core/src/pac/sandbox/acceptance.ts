/**
 * Does cancelling this CFDI need the receptor's acceptance? RMF rule 2.7.1.35 lists when it does not;
 * the sandbox applies every case a CFDI itself shows:
 *   I    total up to $1,000.00 MXN (Total x TipoCambio), except a CFDI de pagos (tipo P) and the fuel
 *        traslados of IV;
 *   II   nómina (N);  III  egresos (E);
 *   IV   traslado (T), except fuels (ClaveProdServ 15101505, 15101514, 15101515: rule 2.7.7.1.6);
 *   V    issued to a taxpayer in the RIF (RegimenFiscalReceptor 621);
 *   VII  público en general (receptor XAXX010101000; facturas globales included);
 *   VIII residentes en el extranjero (receptor XEXX010101000);
 *   IX   cancelled no later than the business day after it was issued (./business-days.ts).
 * Cases that depend on who the issuer is (VI retenciones, X PCGCFDISP, XI sistema financiero,
 * XII Federación) cannot be seen in the CFDI and are not applied: such a CFDI needs acceptance here.
 */
import { Dec } from '../../money/index.js';
import { nextBusinessDay } from './business-days.js';
import { mexicoCityTime } from './fecha-window.js';
import type { StampRecord } from './stamp-record.js';

const LIMIT = new Dec('1000.00');
const FUELS = new Set(['15101505', '15101514', '15101515']);

function totalInPesos(record: StampRecord): Dec | undefined {
  try {
    return new Dec(record.total).times(new Dec(record.tipoCambio ?? '1'));
  } catch {
    return undefined;
  }
}

/** The case of rule 2.7.1.35 that exempts this cancellation (e.g. 'II'), or undefined when none does. */
export function exemptionFromAcceptance(record: StampRecord, requestedAt: Date): string | undefined {
  const tipo = record.tipoDeComprobante;
  const fuel = tipo === 'T' && record.claveProdServ.some((c) => FUELS.has(c));
  if (tipo === 'N') return 'II';
  if (tipo === 'E') return 'III';
  if (tipo === 'T' && !fuel) return 'IV';
  // A traslado's Total is 0: the fuel exception of IV would be void if I applied to it.
  const total = totalInPesos(record);
  if (tipo !== 'P' && !fuel && total?.lte(LIMIT)) return 'I';
  if (record.regimenFiscalReceptor === '621') return 'V';
  if (record.receiverRfc === 'XAXX010101000') return 'VII';
  if (record.receiverRfc === 'XEXX010101000') return 'VIII';
  const issued = mexicoCityTime(new Date(record.stampedAt)).slice(0, 10);
  const requested = mexicoCityTime(requestedAt).slice(0, 10);
  if (requested <= nextBusinessDay(issued)) return 'IX';
  return undefined;
}

export function acceptanceRequired(record: StampRecord, requestedAt: Date): boolean {
  return exemptionFromAcceptance(record, requestedAt) === undefined;
}
