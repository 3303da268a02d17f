import { regimenAllowedFor } from '../../../fiscal/regimen.js';
import { parseRfc } from '../../../fiscal/rfc.js';
import { error } from '../finding.js';
import type { Rule } from '../types.js';

export const receptorRegimen: Rule = {
  codes: ['CFDI40157', 'CFDI40158'],
  meaning: 'RegimenFiscalReceptor es de c_RegimenFiscal y aplica al tipo de persona del RFC del receptor.',
  check(cfdi, ctx) {
    const { Rfc: rfc, RegimenFiscalReceptor: regimen } = cfdi.Receptor;
    const path = 'Receptor.RegimenFiscalReceptor';
    if (!ctx.catalogs.regimenFiscal.has(regimen)) {
      return [
        error(
          'CFDI40157',
          `El RegimenFiscalReceptor "${regimen}" no está en c_RegimenFiscal; usa el de la Constancia de Situación Fiscal del cliente.`,
          `RegimenFiscalReceptor "${regimen}" is not in c_RegimenFiscal; use the one in the customer's Constancia de Situación Fiscal.`,
          path,
        ),
      ];
    }
    const tipo = parseRfc(rfc)?.tipo;
    if (tipo === undefined || regimenAllowedFor(ctx.catalogs, regimen, tipo)) return [];
    const persona = tipo === 'fisica' ? 'física' : 'moral';
    return [
      error(
        'CFDI40158',
        `El régimen "${regimen}" no aplica a una persona ${persona} (RFC de ${rfc.length} caracteres); revisa el RFC o el régimen en la Constancia de Situación Fiscal del cliente.`,
        `Regime "${regimen}" does not apply to a ${tipo === 'fisica' ? 'natural person' : 'company'} (RFC of ${rfc.length} characters); check the customer's RFC or regime.`,
        path,
      ),
    ];
  },
};
