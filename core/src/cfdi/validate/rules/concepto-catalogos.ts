import type { Concepto } from '../../model.js';
import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

function hasTraslado(concepto: Concepto, impuesto: string): boolean {
  return (concepto.Impuestos?.Traslados ?? []).some((t) => t.Impuesto === impuesto);
}

const NONE: ReadonlySet<string> = new Set();

export const conceptoCatalogos: Rule = {
  codes: ['CFDI40162', 'CFDI40163', 'CFDI40164', 'CFDI40165'],
  meaning:
    'Concepto: ClaveProdServ de c_ClaveProdServ, con el complemento y los impuestos trasladados que la clave exija; ClaveUnidad de c_ClaveUnidad.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    const complements = cfdi.Complemento === undefined ? NONE : new Set(cfdi.Complemento.map((c) => c.local));
    const ingresoEgreso = cfdi.TipoDeComprobante === 'I' || cfdi.TipoDeComprobante === 'E';
    for (let i = 0; i < cfdi.Conceptos.length; i++) {
      const c = cfdi.Conceptos[i]!;
      const clave = ctx.catalogs.claveProdServ.get(c.ClaveProdServ);
      if (clave === undefined) {
        out.push(
          error(
            'CFDI40162',
            `La ClaveProdServ "${c.ClaveProdServ}" del concepto ${i + 1} no está en c_ClaveProdServ; búscala en el catálogo del SAT (o usa 01010101 si no existe una adecuada).`,
            `ClaveProdServ "${c.ClaveProdServ}" of concept ${i + 1} is not in c_ClaveProdServ; look it up in SAT's catalog (or use 01010101 when none fits).`,
            `Conceptos[${i}].ClaveProdServ`,
          ),
        );
      } else {
        if (clave.complement !== undefined && clave.complement !== '' && !complements.has(clave.complement)) {
          out.push(
            error(
              'CFDI40163',
              `La ClaveProdServ "${c.ClaveProdServ}" exige el complemento "${clave.complement}", que el CFDI no incluye.`,
              `ClaveProdServ "${c.ClaveProdServ}" requires the "${clave.complement}" complement, which the CFDI lacks.`,
              `Conceptos[${i}].ClaveProdServ`,
            ),
          );
        }
        const ivaMissing = clave.iva === 'Sí' && !hasTraslado(c, '002');
        const iepsMissing = clave.ieps === 'Sí' && !hasTraslado(c, '003');
        if (ingresoEgreso && (ivaMissing || iepsMissing)) {
          const missing = [
            ivaMissing ? 'IVA (002)' : undefined,
            iepsMissing ? 'IEPS (003)' : undefined,
          ].filter((x) => x !== undefined);
          out.push(
            error(
              'CFDI40164',
              `La ClaveProdServ "${c.ClaveProdServ}" exige el traslado de ${missing.join(' y ')} en el concepto ${i + 1}; agrégalo.`,
              `ClaveProdServ "${c.ClaveProdServ}" requires a ${missing.join(' and ')} transfer on concept ${i + 1}; add it.`,
              `Conceptos[${i}].Impuestos`,
            ),
          );
        }
      }
      if (!ctx.catalogs.claveUnidad.has(c.ClaveUnidad)) {
        out.push(
          error(
            'CFDI40165',
            `La ClaveUnidad "${c.ClaveUnidad}" del concepto ${i + 1} no está en c_ClaveUnidad (por ejemplo H87 pieza, E48 unidad de servicio, ACT actividad).`,
            `ClaveUnidad "${c.ClaveUnidad}" of concept ${i + 1} is not in c_ClaveUnidad (e.g. H87 piece, E48 service unit, ACT activity).`,
            `Conceptos[${i}].ClaveUnidad`,
          ),
        );
      }
    }
    return out;
  },
};
