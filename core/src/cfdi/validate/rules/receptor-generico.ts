import { RFC_FOREIGN, RFC_GENERIC } from '../../../fiscal/rfc.js';
import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

export const receptorGenerico: Rule = {
  codes: ['CFDI40146', 'CFDI40149', 'CFDI40159'],
  meaning:
    'RFC genéricos: PUBLICO EN GENERAL solo con XAXX010101000; con XAXX o XEXX el DomicilioFiscalReceptor es el LugarExpedicion y el régimen es 616.',
  check(cfdi) {
    const out: Finding[] = [];
    const r = cfdi.Receptor;
    if (r.Nombre === 'PUBLICO EN GENERAL' && r.Rfc !== RFC_GENERIC) {
      out.push(
        error(
          'CFDI40146',
          `Con el nombre PUBLICO EN GENERAL el RFC del receptor debe ser XAXX010101000, no "${r.Rfc}"; si el cliente tiene RFC escribe su nombre como en su Constancia de Situación Fiscal.`,
          `With name PUBLICO EN GENERAL the receptor RFC must be XAXX010101000, not "${r.Rfc}"; if the customer has an RFC use their registered name.`,
          'Receptor.Rfc',
        ),
      );
    }
    if (r.Rfc !== RFC_GENERIC && r.Rfc !== RFC_FOREIGN) return out;
    if (r.DomicilioFiscalReceptor !== cfdi.LugarExpedicion) {
      out.push(
        error(
          'CFDI40149',
          `Con el RFC genérico ${r.Rfc} el DomicilioFiscalReceptor debe ser igual al LugarExpedicion (${cfdi.LugarExpedicion}), no "${r.DomicilioFiscalReceptor}".`,
          `With generic RFC ${r.Rfc}, DomicilioFiscalReceptor must equal LugarExpedicion (${cfdi.LugarExpedicion}), not "${r.DomicilioFiscalReceptor}".`,
          'Receptor.DomicilioFiscalReceptor',
        ),
      );
    }
    if (r.RegimenFiscalReceptor !== '616') {
      out.push(
        error(
          'CFDI40159',
          `Con el RFC genérico ${r.Rfc} el RegimenFiscalReceptor debe ser "616" (sin obligaciones fiscales), no "${r.RegimenFiscalReceptor}".`,
          `With generic RFC ${r.Rfc}, RegimenFiscalReceptor must be "616" (no tax obligations), not "${r.RegimenFiscalReceptor}".`,
          'Receptor.RegimenFiscalReceptor',
        ),
      );
    }
    return out;
  },
};
