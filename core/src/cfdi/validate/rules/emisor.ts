import { regimenAllowedFor } from '../../../fiscal/regimen.js';
import { checkRfc, parseRfc } from '../../../fiscal/rfc.js';
import { error } from '../finding.js';
import { checkPattern, checkText } from '../text-facts.js';
import type { Finding, Rule } from '../types.js';

const TEN_DIGITS = /^[0-9]{10}$/;

export const emisor: Rule = {
  codes: ['CFDI40140', 'CFDI40141', 'RFC_INVALID', 'RFC_CHECKSUM', 'XSD'],
  meaning:
    'Emisor: RFC con formato válido (dígito verificador como aviso), Nombre sin "|", RegimenFiscal de c_RegimenFiscal y del tipo de persona del RFC.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    const { Rfc: rfc, RegimenFiscal: regimen } = cfdi.Emisor;
    for (const issue of checkRfc(rfc, 'RFC del emisor')) out.push({ ...issue, path: 'Emisor.Rfc' });
    checkText(cfdi.Emisor.Nombre, 'Emisor.Nombre', 300, out);
    checkPattern(
      cfdi.Emisor.FacAtrAdquirente,
      TEN_DIGITS,
      'Emisor.FacAtrAdquirente',
      ['deben ser 10 dígitos', 'it must be 10 digits'],
      out,
    );
    if (!ctx.catalogs.regimenFiscal.has(regimen)) {
      out.push(
        error(
          'CFDI40140',
          `El RegimenFiscal del emisor "${regimen}" no está en c_RegimenFiscal; usa el de tu Constancia de Situación Fiscal (por ejemplo 601, 612, 626).`,
          `Emisor RegimenFiscal "${regimen}" is not in c_RegimenFiscal; use the one in your Constancia de Situación Fiscal (e.g. 601, 612, 626).`,
          'Emisor.RegimenFiscal',
        ),
      );
      return out;
    }
    const tipo = parseRfc(rfc)?.tipo;
    if (tipo !== undefined && !regimenAllowedFor(ctx.catalogs, regimen, tipo)) {
      const persona = tipo === 'fisica' ? 'física' : 'moral';
      out.push(
        error(
          'CFDI40141',
          `El RegimenFiscal "${regimen}" no aplica a una persona ${persona} (el RFC del emisor tiene ${rfc.length} caracteres); revisa el régimen en tu Constancia de Situación Fiscal.`,
          `RegimenFiscal "${regimen}" does not apply to a ${tipo === 'fisica' ? 'natural person' : 'company'} (the emisor RFC has ${rfc.length} characters); check your Constancia de Situación Fiscal.`,
          'Emisor.RegimenFiscal',
        ),
      );
    }
    return out;
  },
};
