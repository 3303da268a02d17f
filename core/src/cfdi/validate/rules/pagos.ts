import { NS } from '../../../xml/tree.js';
import type { Comprobante } from '../../model.js';
import { isZero } from '../decimals.js';
import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

function pagosCount(cfdi: Comprobante): number {
  return (cfdi.Complemento ?? []).filter((c) => c.ns === NS.pago20 && c.local === 'Pagos').length;
}

/** What the Guía de llenado del complemento de pagos fixes for the single Concepto of a type P CFDI. */
function conceptoProblems(cfdi: Comprobante): string[] {
  if (cfdi.Conceptos.length !== 1) return [`debe haber un solo concepto (hay ${cfdi.Conceptos.length})`];
  const c = cfdi.Conceptos[0] as Comprobante['Conceptos'][number];
  const problems: string[] = [];
  if (c.ClaveProdServ !== '84111506') problems.push('ClaveProdServ 84111506');
  if (c.Cantidad !== '1') problems.push('Cantidad 1');
  if (c.ClaveUnidad !== 'ACT') problems.push('ClaveUnidad ACT');
  if (c.Descripcion !== 'Pago') problems.push('Descripcion "Pago"');
  if (!isZero(c.ValorUnitario)) problems.push('ValorUnitario 0');
  if (!isZero(c.Importe)) problems.push('Importe 0');
  if (c.ObjetoImp !== '01') problems.push('ObjetoImp 01');
  if (c.NoIdentificacion !== undefined) problems.push('sin NoIdentificacion');
  if (c.Unidad !== undefined) problems.push('sin Unidad');
  if (c.Descuento !== undefined) problems.push('sin Descuento');
  if (c.Impuestos !== undefined) problems.push('sin Impuestos');
  return problems;
}

export const pagos: Rule = {
  codes: ['PAGOS_COMPLEMENTO', 'PAGOS_COMPROBANTE', 'PAGOS_CONCEPTO', 'PAGOS_USO_CFDI'],
  meaning:
    'Comprobante de pago (P): un complemento Pagos 2.0, Moneda XXX, Total 0, sin CondicionesDePago, UsoCFDI CP01 y el concepto único 84111506 ACT "Pago" con valores en cero.',
  check(cfdi) {
    const out: Finding[] = [];
    const count = pagosCount(cfdi);
    if (cfdi.TipoDeComprobante !== 'P') {
      if (count > 0) {
        out.push(
          error(
            'PAGOS_COMPLEMENTO',
            'El complemento de Pagos solo va en un comprobante de tipo P.',
            'The Pagos complement only goes in a type P document.',
            'Complemento',
          ),
        );
      }
      return out;
    }
    if (count !== 1) {
      out.push(
        error(
          'PAGOS_COMPLEMENTO',
          count === 0
            ? 'Un comprobante de pago (tipo P) debe incluir el complemento Pagos 2.0 con los pagos recibidos.'
            : 'Un comprobante de pago debe incluir un solo complemento Pagos 2.0; pon todos los pagos dentro de él.',
          count === 0
            ? 'A payment document (type P) must include the Pagos 2.0 complement with the payments received.'
            : 'A payment document must include a single Pagos 2.0 complement; put every payment inside it.',
          'Complemento',
        ),
      );
    }
    if (cfdi.Moneda !== 'XXX') {
      out.push(
        error(
          'PAGOS_COMPROBANTE',
          `En un comprobante de pago la Moneda es "XXX", no "${cfdi.Moneda}"; la moneda del pago va en el complemento.`,
          `In a payment document Moneda is "XXX", not "${cfdi.Moneda}"; the payment currency goes in the complement.`,
          'Moneda',
        ),
      );
    }
    if (!isZero(cfdi.Total)) {
      out.push(
        error(
          'PAGOS_COMPROBANTE',
          `En un comprobante de pago el Total es 0, no "${cfdi.Total}"; los montos van en el complemento.`,
          `In a payment document Total is 0, not "${cfdi.Total}"; amounts go in the complement.`,
          'Total',
        ),
      );
    }
    if (cfdi.CondicionesDePago !== undefined) {
      out.push(
        error(
          'PAGOS_COMPROBANTE',
          'Quita CondicionesDePago: un comprobante de pago no las lleva.',
          'Remove CondicionesDePago: a payment document does not carry them.',
          'CondicionesDePago',
        ),
      );
    }
    if (cfdi.Receptor.UsoCFDI !== 'CP01') {
      out.push(
        error(
          'PAGOS_USO_CFDI',
          `En un comprobante de pago el UsoCFDI es "CP01" (pagos), no "${cfdi.Receptor.UsoCFDI}".`,
          `In a payment document UsoCFDI is "CP01" (payments), not "${cfdi.Receptor.UsoCFDI}".`,
          'Receptor.UsoCFDI',
        ),
      );
    }
    const problems = conceptoProblems(cfdi);
    if (problems.length > 0) {
      out.push(
        error(
          'PAGOS_CONCEPTO',
          `El concepto de un comprobante de pago debe ser 84111506, Cantidad 1, ClaveUnidad ACT, Descripcion "Pago", ValorUnitario e Importe 0, ObjetoImp 01; corrige: ${problems.join(', ')}.`,
          `The concept of a payment document must be 84111506, Cantidad 1, ClaveUnidad ACT, Descripcion "Pago", ValorUnitario and Importe 0, ObjetoImp 01; fix: ${problems.join(', ')}.`,
          'Conceptos[0]',
        ),
      );
    }
    return out;
  },
};
