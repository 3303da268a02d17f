import { isImporte } from '../decimals.js';
import { error } from '../finding.js';
import { checkPattern, checkText } from '../text-facts.js';
import type { Finding, Rule } from '../types.js';

const NO_CERTIFICADO = /^[0-9]{20}$/;
const CONFIRMACION = /^[0-9a-zA-Z]{5}$/;
const IMPORTE_SHAPE: [string, string] = [
  'número sin signo con hasta 18 enteros y 6 decimales',
  'an unsigned number with up to 18 integer digits and 6 decimals',
];

export const xsdComprobante: Rule = {
  codes: ['XSD'],
  meaning:
    'Hechos del XSD en el nodo Comprobante: Version 4.0, Serie, Folio y CondicionesDePago sin "|", NoCertificado de 20 dígitos, importes t_Importe, al menos un concepto.',
  check(cfdi) {
    const out: Finding[] = [];
    if (cfdi.Version !== '4.0') {
      out.push(
        error(
          'XSD',
          `Version debe ser "4.0", no "${cfdi.Version as string}".`,
          `Version must be "4.0", not "${cfdi.Version as string}".`,
          'Version',
        ),
      );
    }
    checkText(cfdi.Serie, 'Serie', 25, out);
    checkText(cfdi.Folio, 'Folio', 40, out);
    checkText(cfdi.CondicionesDePago, 'CondicionesDePago', 1000, out);
    checkPattern(
      cfdi.NoCertificado,
      NO_CERTIFICADO,
      'NoCertificado',
      ['deben ser los 20 dígitos del número de serie del CSD', 'it must be the 20-digit CSD serial number'],
      out,
    );
    checkPattern(
      cfdi.Confirmacion,
      CONFIRMACION,
      'Confirmacion',
      ['son 5 letras o dígitos', 'it is 5 letters or digits'],
      out,
    );
    for (const [name, value] of [
      ['SubTotal', cfdi.SubTotal],
      ['Descuento', cfdi.Descuento],
      ['Total', cfdi.Total],
    ] as const) {
      if (value !== undefined && !isImporte(value)) {
        out.push(
          error(
            'XSD',
            `${name} "${value}" no es válido: ${IMPORTE_SHAPE[0]}.`,
            `${name} "${value}" is not valid: ${IMPORTE_SHAPE[1]}.`,
            name,
          ),
        );
      }
    }
    if (cfdi.Conceptos.length === 0) {
      out.push(
        error(
          'XSD',
          'El comprobante debe tener al menos un concepto.',
          'The document needs at least one concept.',
          'Conceptos',
        ),
      );
    }
    return out;
  },
};
