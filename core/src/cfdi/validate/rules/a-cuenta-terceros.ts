import { checkRfc } from '../../../fiscal/rfc.js';
import { error } from '../finding.js';
import { checkPattern, checkText } from '../text-facts.js';
import type { Finding, Rule } from '../types.js';

const EXT = 'EXT990101NI1';
const EXT_NOMBRE =
  'EXPEDICIÓN DE CFDI POR RESIDENTES EN MÉXICO QUE PRESTAN SERVICIOS DE INTERMEDIACIÓN ENTRE TERCEROS A OFERENTES DE BIENES Y SERVICIOS RESIDENTES EN EL EXTRANJERO';
const FIVE_DIGITS = /^[0-9]{5}$/;

export const aCuentaTerceros: Rule = {
  codes: [
    'CFDI40188',
    'CFDI40189',
    'CFDI40191',
    'CFDI40193',
    'CFDI140223',
    'RFC_INVALID',
    'RFC_CHECKSUM',
    'XSD',
  ],
  meaning:
    'ACuentaTerceros: RFC válido y distinto del emisor y del receptor, régimen de c_RegimenFiscal; con EXT990101NI1 el nombre fijo del SAT, el CP del LugarExpedicion y régimen 616.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    cfdi.Conceptos.forEach((c, i) => {
      const t = c.ACuentaTerceros;
      if (t === undefined) return;
      const path = `Conceptos[${i}].ACuentaTerceros`;
      const rfc = t.RfcACuentaTerceros;
      for (const issue of checkRfc(rfc, 'RFC del tercero'))
        out.push({ ...issue, path: `${path}.RfcACuentaTerceros` });
      checkText(t.NombreACuentaTerceros, `${path}.NombreACuentaTerceros`, 300, out);
      checkPattern(
        t.DomicilioFiscalACuentaTerceros,
        FIVE_DIGITS,
        `${path}.DomicilioFiscalACuentaTerceros`,
        ['deben ser 5 dígitos', 'it must be 5 digits'],
        out,
      );
      if (rfc === cfdi.Emisor.Rfc || rfc === cfdi.Receptor.Rfc) {
        out.push(
          error(
            'CFDI40188',
            `El RFC a cuenta de terceros "${rfc}" del concepto ${i + 1} no puede ser el del emisor ni el del receptor.`,
            `Third-party RFC "${rfc}" of concept ${i + 1} cannot be the emisor's or the receptor's.`,
            `${path}.RfcACuentaTerceros`,
          ),
        );
      }
      if (!ctx.catalogs.regimenFiscal.has(t.RegimenFiscalACuentaTerceros)) {
        out.push(
          error(
            'CFDI40191',
            `RegimenFiscalACuentaTerceros "${t.RegimenFiscalACuentaTerceros}" del concepto ${i + 1} no está en c_RegimenFiscal.`,
            `RegimenFiscalACuentaTerceros "${t.RegimenFiscalACuentaTerceros}" of concept ${i + 1} is not in c_RegimenFiscal.`,
            `${path}.RegimenFiscalACuentaTerceros`,
          ),
        );
      }
      if (rfc !== EXT) return;
      if (t.NombreACuentaTerceros !== EXT_NOMBRE) {
        out.push(
          error(
            'CFDI40189',
            `Con el RFC ${EXT} el NombreACuentaTerceros debe ser exactamente "${EXT_NOMBRE}".`,
            `With RFC ${EXT}, NombreACuentaTerceros must be exactly "${EXT_NOMBRE}".`,
            `${path}.NombreACuentaTerceros`,
          ),
        );
      }
      if (t.DomicilioFiscalACuentaTerceros !== cfdi.LugarExpedicion) {
        out.push(
          error(
            'CFDI40193',
            `Con el RFC ${EXT} el DomicilioFiscalACuentaTerceros debe ser el LugarExpedicion (${cfdi.LugarExpedicion}).`,
            `With RFC ${EXT}, DomicilioFiscalACuentaTerceros must equal LugarExpedicion (${cfdi.LugarExpedicion}).`,
            `${path}.DomicilioFiscalACuentaTerceros`,
          ),
        );
      }
      if (t.RegimenFiscalACuentaTerceros !== '616') {
        out.push(
          error(
            'CFDI140223',
            `Con el RFC ${EXT} el RegimenFiscalACuentaTerceros debe ser "616".`,
            `With RFC ${EXT}, RegimenFiscalACuentaTerceros must be "616".`,
            `${path}.RegimenFiscalACuentaTerceros`,
          ),
        );
      }
    });
    return out;
  },
};
