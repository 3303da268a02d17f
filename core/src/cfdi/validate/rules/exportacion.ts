import type { Comprobante } from '../../model.js';
import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

const CCE_NAMESPACES = new Set([
  'http://www.sat.gob.mx/ComercioExterior20',
  'http://www.sat.gob.mx/ComercioExterior11',
]);

export function hasComercioExterior(cfdi: Comprobante): boolean {
  return (cfdi.Complemento ?? []).some((c) => c.local === 'ComercioExterior' && CCE_NAMESPACES.has(c.ns));
}

export const exportacion: Rule = {
  codes: ['CFDI40122', 'CFDI40123', 'CFDI40222'],
  meaning:
    'Exportacion es de c_Exportacion; 02 requiere el complemento de Comercio Exterior; 01 y 03 no lo admiten.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    const value = cfdi.Exportacion;
    if (!ctx.catalogs.exportacion.has(value)) {
      out.push(
        error(
          'CFDI40123',
          `Exportacion "${value}" no está en c_Exportacion; usa "01" (no aplica) para ventas nacionales.`,
          `Exportacion "${value}" is not in c_Exportacion; use "01" (not applicable) for domestic sales.`,
          'Exportacion',
        ),
      );
      return out;
    }
    const cce = hasComercioExterior(cfdi);
    if (value === '02' && !cce) {
      out.push(
        error(
          'CFDI40122',
          'Con Exportacion "02" (definitiva) el CFDI debe llevar el complemento de Comercio Exterior; si no exportas mercancía usa "01".',
          'With Exportacion "02" (definitive) the CFDI needs the Comercio Exterior complement; if you do not export goods use "01".',
          'Exportacion',
        ),
      );
    }
    if ((value === '01' || value === '03') && cce) {
      out.push(
        error(
          'CFDI40222',
          `Con Exportacion "${value}" no debe existir el complemento de Comercio Exterior.`,
          `With Exportacion "${value}" the Comercio Exterior complement must not be present.`,
          'Complemento',
        ),
      );
    }
    return out;
  },
};
