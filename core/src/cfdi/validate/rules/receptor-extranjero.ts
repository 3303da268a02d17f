import { RFC_FOREIGN } from '../../../fiscal/rfc.js';
import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';
import { hasComercioExterior } from './exportacion.js';

const patternCache = new Map<string, RegExp>();

function taxIdPattern(source: string): RegExp {
  let re = patternCache.get(source);
  if (re === undefined) {
    re = new RegExp(`^(?:${source})$`);
    patternCache.set(source, re);
  }
  return re;
}

export const receptorExtranjero: Rule = {
  codes: ['CFDI40150', 'CFDI40151', 'CFDI40152', 'CFDI40153', 'CFDI40154', 'CFDI40155', 'CFDI40156'],
  meaning:
    'ResidenciaFiscal y NumRegIdTrib: solo con el RFC genérico extranjero, ResidenciaFiscal de c_Pais y distinta de MEX, NumRegIdTrib con el formato del país.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    const r = cfdi.Receptor;
    const foreign = r.Rfc === RFC_FOREIGN;
    const residencia = r.ResidenciaFiscal;
    const numReg = r.NumRegIdTrib;
    const cce = hasComercioExterior(cfdi);
    if (residencia !== undefined) {
      if (!foreign) {
        out.push(
          error(
            'CFDI40151',
            'Quita ResidenciaFiscal: solo se registra cuando el receptor es extranjero con RFC XEXX010101000.',
            'Remove ResidenciaFiscal: it is only used for a foreign receptor with RFC XEXX010101000.',
            'Receptor.ResidenciaFiscal',
          ),
        );
      }
      if (residencia === 'MEX') {
        out.push(
          error(
            'CFDI40152',
            'ResidenciaFiscal no puede ser MEX: indica el país de residencia del extranjero.',
            'ResidenciaFiscal cannot be MEX: give the foreign receptor’s country of residence.',
            'Receptor.ResidenciaFiscal',
          ),
        );
      } else if (!ctx.catalogs.pais.has(residencia)) {
        out.push(
          error(
            'CFDI40150',
            `ResidenciaFiscal "${residencia}" no está en c_Pais; usa el código de tres letras (USA, CAN, ESP...).`,
            `ResidenciaFiscal "${residencia}" is not in c_Pais; use the three-letter code (USA, CAN, ESP...).`,
            'Receptor.ResidenciaFiscal',
          ),
        );
      }
    }
    if (foreign && residencia === undefined && (numReg !== undefined || cce)) {
      out.push(
        error(
          'CFDI40153',
          'Agrega ResidenciaFiscal (país de c_Pais): es obligatoria cuando hay NumRegIdTrib o complemento de Comercio Exterior.',
          'Add ResidenciaFiscal (a c_Pais country): it is required with NumRegIdTrib or the Comercio Exterior complement.',
          'Receptor.ResidenciaFiscal',
        ),
      );
    }
    if (numReg !== undefined && !foreign) {
      out.push(
        error(
          'CFDI40154',
          'Quita NumRegIdTrib: solo se registra para un receptor extranjero con RFC XEXX010101000.',
          'Remove NumRegIdTrib: it is only used for a foreign receptor with RFC XEXX010101000.',
          'Receptor.NumRegIdTrib',
        ),
      );
    }
    if (foreign && cce && numReg === undefined) {
      out.push(
        error(
          'CFDI40155',
          'Agrega NumRegIdTrib (número de identificación fiscal del extranjero): es obligatorio con el complemento de Comercio Exterior.',
          'Add NumRegIdTrib (the foreign tax id): it is required with the Comercio Exterior complement.',
          'Receptor.NumRegIdTrib',
        ),
      );
    }
    const pattern = residencia === undefined ? undefined : ctx.catalogs.pais.get(residencia)?.taxIdPattern;
    if (foreign && numReg !== undefined && pattern !== undefined && !taxIdPattern(pattern).test(numReg)) {
      out.push(
        error(
          'CFDI40156',
          `NumRegIdTrib "${numReg}" no tiene el formato de identificación fiscal de ${residencia} (${pattern}).`,
          `NumRegIdTrib "${numReg}" does not match the tax id format of ${residencia} (${pattern}).`,
          'Receptor.NumRegIdTrib',
        ),
      );
    }
    return out;
  },
};
