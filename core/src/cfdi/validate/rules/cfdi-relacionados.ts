import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

const UUID = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;

export const cfdiRelacionados: Rule = {
  codes: ['CFDI40137', 'XSD'],
  meaning:
    'CfdiRelacionados: TipoRelacion del catálogo c_TipoRelacion, al menos un UUID y cada UUID con su patrón.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    (cfdi.CfdiRelacionados ?? []).forEach((rel, i) => {
      const path = `CfdiRelacionados[${i}]`;
      if (!ctx.catalogs.tipoRelacion.has(rel.TipoRelacion)) {
        out.push(
          error(
            'CFDI40137',
            `TipoRelacion "${rel.TipoRelacion}" no está en c_TipoRelacion (por ejemplo 01 nota de crédito, 04 sustitución, 07 aplicación de anticipo).`,
            `TipoRelacion "${rel.TipoRelacion}" is not in c_TipoRelacion (e.g. 01 credit note, 04 substitution, 07 advance applied).`,
            `${path}.TipoRelacion`,
          ),
        );
      }
      if (rel.uuids.length === 0) {
        out.push(
          error(
            'XSD',
            'CfdiRelacionados debe tener al menos un CfdiRelacionado con su UUID.',
            'CfdiRelacionados needs at least one CfdiRelacionado UUID.',
            path,
          ),
        );
      }
      rel.uuids.forEach((uuid, j) => {
        if (!UUID.test(uuid)) {
          out.push(
            error(
              'XSD',
              `El UUID relacionado "${uuid}" no tiene el formato de un folio fiscal (36 caracteres hexadecimales con guiones).`,
              `Related UUID "${uuid}" is not a fiscal folio (36 hexadecimal characters with dashes).`,
              `${path}.CfdiRelacionado[${j}].UUID`,
            ),
          );
        }
      });
    });
    return out;
  },
};
