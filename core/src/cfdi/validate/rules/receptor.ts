import { codigoPostalExists } from '../../../fiscal/codigo-postal.js';
import { checkReceptorNombre } from '../../../fiscal/receptor-nombre.js';
import { checkRfc } from '../../../fiscal/rfc.js';
import { error } from '../finding.js';
import { checkPattern, checkText } from '../text-facts.js';
import type { Finding, Rule } from '../types.js';

const FIVE_DIGITS = /^[0-9]{5}$/;

export const receptor: Rule = {
  codes: ['RFC_INVALID', 'RFC_CHECKSUM', 'RECEPTOR_NOMBRE_REGIMEN_CAPITAL', 'RECEPTOR_CODIGO_POSTAL', 'XSD'],
  meaning:
    'Receptor: RFC con formato válido, Nombre sin régimen capital (como en la Constancia de Situación Fiscal) y DomicilioFiscalReceptor del catálogo c_CodigoPostal.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    const r = cfdi.Receptor;
    for (const issue of checkRfc(r.Rfc, 'RFC del receptor')) out.push({ ...issue, path: 'Receptor.Rfc' });
    const before = out.length;
    checkText(r.Nombre, 'Receptor.Nombre', 300, out);
    if (out.length === before) {
      for (const issue of checkReceptorNombre(r.Nombre)) out.push({ ...issue, path: 'Receptor.Nombre' });
    }
    checkText(r.NumRegIdTrib, 'Receptor.NumRegIdTrib', 40, out);
    const cp = r.DomicilioFiscalReceptor;
    if (!FIVE_DIGITS.test(cp)) {
      checkPattern(
        cp,
        FIVE_DIGITS,
        'Receptor.DomicilioFiscalReceptor',
        ['deben ser 5 dígitos', 'it must be 5 digits'],
        out,
      );
    } else if (!codigoPostalExists(ctx.catalogs, cp)) {
      out.push(
        error(
          'RECEPTOR_CODIGO_POSTAL',
          `El código postal del domicilio fiscal del receptor "${cp}" no existe en c_CodigoPostal; escribe el de su Constancia de Situación Fiscal.`,
          `Receptor tax address postal code "${cp}" is not in c_CodigoPostal; use the one in their Constancia de Situación Fiscal.`,
          'Receptor.DomicilioFiscalReceptor',
        ),
      );
    }
    return out;
  },
};
