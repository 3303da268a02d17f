import { usoNotAllowed } from '../../../fiscal/receptor.js';
import { parseRfc } from '../../../fiscal/rfc.js';
import { usoCfdiAllowedFor } from '../../../fiscal/uso-cfdi.js';
import { error } from '../finding.js';
import type { Rule } from '../types.js';

export const receptorUsoCfdi: Rule = {
  codes: ['CFDI40160', 'CFDI40161'],
  meaning: 'UsoCFDI es de c_UsoCFDI y aplica al tipo de persona y al régimen del receptor.',
  check(cfdi, ctx) {
    const { Rfc: rfc, UsoCFDI: uso, RegimenFiscalReceptor: regimen } = cfdi.Receptor;
    const path = 'Receptor.UsoCFDI';
    if (!ctx.catalogs.usoCfdi.has(uso)) {
      return [
        error(
          'CFDI40160',
          `UsoCFDI "${uso}" no está en c_UsoCFDI (por ejemplo G03 gastos en general, S01 sin efectos fiscales, CP01 pagos).`,
          `UsoCFDI "${uso}" is not in c_UsoCFDI (e.g. G03 general expenses, S01 no tax effects, CP01 payments).`,
          path,
        ),
      ];
    }
    const tipo = parseRfc(rfc)?.tipo;
    if (tipo === undefined || !ctx.catalogs.regimenFiscal.has(regimen)) return [];
    if (usoCfdiAllowedFor(ctx.catalogs, uso, regimen, tipo)) return [];
    return [{ ...usoNotAllowed(uso, regimen, tipo), path }];
  },
};
