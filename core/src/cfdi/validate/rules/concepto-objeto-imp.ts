import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

const WITHOUT_TAXES = new Set(['01', '03', '04', '05']);

/** Whether the concept transfers or withholds `impuesto`. */
function taxes(
  traslados: readonly { Impuesto: string }[],
  retenciones: readonly { Impuesto: string }[],
  impuesto: string,
): boolean {
  for (const t of traslados) if (t.Impuesto === impuesto) return true;
  for (const r of retenciones) if (r.Impuesto === impuesto) return true;
  return false;
}

const isIeps = (t: { Impuesto: string }) => t.Impuesto === '003';

export const conceptoObjetoImp: Rule = {
  codes: ['CFDI40170', 'CFDI40171', 'CFDI40172', 'CFDI40173', 'CFDI140226', 'CFDI140227'],
  meaning:
    'ObjetoImp de c_ObjetoImp y congruente con los impuestos del concepto: 02 los exige, 01/03/04/05 los prohíben, 06/08 sin IVA ni IEPS, 07 con IEPS y sin IVA.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    for (let i = 0; i < cfdi.Conceptos.length; i++) {
      const c = cfdi.Conceptos[i]!;
      const objeto = c.ObjetoImp;
      const impuestos = c.Impuestos;
      const traslados = impuestos?.Traslados ?? [];
      const retenciones = impuestos?.Retenciones ?? [];
      if (!ctx.catalogs.objetoImp.has(objeto)) {
        out.push(
          error(
            'CFDI40170',
            `ObjetoImp "${objeto}" del concepto ${i + 1} no está en c_ObjetoImp (01 no objeto de impuesto, 02 sí objeto de impuesto...).`,
            `ObjetoImp "${objeto}" of concept ${i + 1} is not in c_ObjetoImp (01 not subject to tax, 02 subject to tax...).`,
            `Conceptos[${i}].ObjetoImp`,
          ),
        );
        continue;
      }
      if (objeto === '02' && impuestos === undefined) {
        out.push(
          error(
            'CFDI40171',
            `El concepto ${i + 1} es objeto de impuesto (ObjetoImp 02): agrega sus impuestos (por ejemplo el traslado de IVA) o cambia ObjetoImp.`,
            `Concept ${i + 1} is subject to tax (ObjetoImp 02): add its taxes (e.g. the VAT transfer) or change ObjetoImp.`,
            `Conceptos[${i}].Impuestos`,
          ),
        );
      }
      if (WITHOUT_TAXES.has(objeto) && impuestos !== undefined) {
        out.push(
          error(
            'CFDI40172',
            `El concepto ${i + 1} tiene ObjetoImp "${objeto}", que no lleva impuestos: quita sus Impuestos o usa ObjetoImp 02.`,
            `Concept ${i + 1} has ObjetoImp "${objeto}", which carries no taxes: remove its Impuestos or use ObjetoImp 02.`,
            `Conceptos[${i}].Impuestos`,
          ),
        );
      }
      if (impuestos !== undefined && traslados.length === 0 && retenciones.length === 0) {
        out.push(
          error(
            'CFDI40173',
            `Los Impuestos del concepto ${i + 1} están vacíos: incluye al menos un traslado o una retención, o quita el nodo.`,
            `Impuestos of concept ${i + 1} is empty: include at least one transfer or withholding, or remove it.`,
            `Conceptos[${i}].Impuestos`,
          ),
        );
      }
      if (
        (objeto === '06' || objeto === '08') &&
        (taxes(traslados, retenciones, '002') || taxes(traslados, retenciones, '003'))
      ) {
        out.push(
          error(
            'CFDI140226',
            `Con ObjetoImp "${objeto}" el concepto ${i + 1} no puede trasladar ni retener IVA (002) ni IEPS (003); solo puede retener ISR (001).`,
            `With ObjetoImp "${objeto}" concept ${i + 1} cannot transfer or withhold VAT (002) or IEPS (003); it may only withhold ISR (001).`,
            `Conceptos[${i}].Impuestos`,
          ),
        );
      }
      if (objeto === '07' && (taxes(traslados, retenciones, '002') || !traslados.some(isIeps))) {
        out.push(
          error(
            'CFDI140227',
            `Con ObjetoImp "07" el concepto ${i + 1} no lleva IVA (002) y debe trasladar IEPS (003).`,
            `With ObjetoImp "07" concept ${i + 1} carries no VAT (002) and must transfer IEPS (003).`,
            `Conceptos[${i}].Impuestos`,
          ),
        );
      }
    }
    return out;
  },
};
