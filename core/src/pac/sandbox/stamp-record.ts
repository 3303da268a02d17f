/**
 * What the sandbox remembers of each CFDI it stamped: the facts SAT's cancellation and status services
 * need (parties, total, type, relations) and the state of its cancellation. Stored as JSON beside the
 * stamped XML (./sandbox-store.ts).
 */
import type { Comprobante } from '../../cfdi/model.js';
import { NS, type XmlElement } from '../../xml/tree.js';
import type { CancellationMotive, CancellationStatus } from '../port.js';

export interface CancellationRecord {
  motive: CancellationMotive;
  replacementUuid?: string;
  /** ISO instant the request was received. */
  requestedAt: string;
  acceptanceRequired: boolean;
  status: CancellationStatus;
  /** ISO instant the receptor answered or the term ran out. */
  resolvedAt?: string;
  acuse: string;
}

export interface StampRecord {
  uuid: string;
  /** FechaTimbrado as written (Mexico City local time). */
  fechaTimbrado: string;
  /** The instant of stamping, ISO 8601. */
  stampedAt: string;
  fecha: string;
  issuerRfc: string;
  receiverRfc: string;
  regimenFiscalReceptor: string;
  tipoDeComprobante: string;
  total: string;
  moneda: string;
  tipoCambio?: string;
  claveProdServ: string[];
  /** CfdiRelacionados of this CFDI. */
  relations: { tipoRelacion: string; uuids: string[] }[];
  /** IdDocumento of every Pagos 2.0 DoctoRelacionado. */
  paidDocuments: string[];
  cancellation?: CancellationRecord;
}

function paidDocuments(complementos: XmlElement[]): string[] {
  const found = new Set<string>();
  const walk = (node: XmlElement) => {
    if (node.ns === NS.pago20 && node.local === 'DoctoRelacionado' && node.attrs.IdDocumento) {
      found.add(node.attrs.IdDocumento.toUpperCase());
    }
    node.children.forEach(walk);
  };
  complementos.forEach(walk);
  return [...found];
}

export function stampRecord(
  comprobante: Comprobante,
  stamp: { uuid: string; fechaTimbrado: string; stampedAt: Date },
): StampRecord {
  return {
    uuid: stamp.uuid,
    fechaTimbrado: stamp.fechaTimbrado,
    stampedAt: stamp.stampedAt.toISOString(),
    fecha: comprobante.Fecha,
    issuerRfc: comprobante.Emisor.Rfc,
    receiverRfc: comprobante.Receptor.Rfc,
    regimenFiscalReceptor: comprobante.Receptor.RegimenFiscalReceptor,
    tipoDeComprobante: comprobante.TipoDeComprobante,
    total: comprobante.Total,
    moneda: comprobante.Moneda,
    ...(comprobante.TipoCambio ? { tipoCambio: comprobante.TipoCambio } : {}),
    claveProdServ: [...new Set(comprobante.Conceptos.map((c) => c.ClaveProdServ))],
    relations: (comprobante.CfdiRelacionados ?? []).map((r) => ({
      tipoRelacion: r.TipoRelacion,
      uuids: r.uuids.map((u) => u.toUpperCase()),
    })),
    paidDocuments: paidDocuments(comprobante.Complemento ?? []),
  };
}

/** Every UUID this CFDI points at, with how: a TipoRelacion, or 'pago' for a paid document. */
export function outgoingReferences(record: StampRecord): { uuid: string; kind: string }[] {
  const references = record.relations.flatMap((r) => r.uuids.map((uuid) => ({ uuid, kind: r.tipoRelacion })));
  for (const uuid of record.paidDocuments) references.push({ uuid, kind: 'pago' });
  return references;
}

/** Estado as SAT reports it. */
export function estado(record: StampRecord): 'Vigente' | 'Cancelado' {
  const status = record.cancellation?.status;
  return status === 'Cancelado sin aceptación' ||
    status === 'Cancelado con aceptación' ||
    status === 'Plazo vencido'
    ? 'Cancelado'
    : 'Vigente';
}
