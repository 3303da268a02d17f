import type { Catalogs } from '../../../catalogs/types.js';
import { error } from '../finding.js';
import { checkPattern } from '../text-facts.js';
import type { Finding, Rule } from '../types.js';
import { hasComercioExterior } from './exportacion.js';

/** Year (2) - aduana (2) - patente (4) - progressive (7, first digit = last digit of the year). */
const PEDIMENTO = /^[0-9]{2} {2}[0-9]{2} {2}[0-9]{4} {2}[0-9]{7}$/;
const PREDIAL = /^[0-9a-zA-Z]{1,150}$/;

function pedimentoValid(catalogs: Catalogs, value: string): boolean {
  if (!PEDIMENTO.test(value)) return false;
  return catalogs.aduana.has(value.slice(4, 6)) && value[1] === value[14];
}

function checkPedimentos(
  catalogs: Catalogs,
  list: { NumeroPedimento: string }[] | undefined,
  cce: boolean,
  path: string,
  codes: [invalid: string, withCce: string],
  out: Finding[],
): void {
  (list ?? []).forEach((p, k) => {
    const at = `${path}.InformacionAduanera[${k}].NumeroPedimento`;
    if (cce) {
      out.push(
        error(
          codes[1],
          'Quita el NumeroPedimento: no se registra cuando el CFDI lleva el complemento de Comercio Exterior.',
          'Remove NumeroPedimento: it is not used when the CFDI has the Comercio Exterior complement.',
          at,
        ),
      );
    }
    if (!pedimentoValid(catalogs, p.NumeroPedimento)) {
      out.push(
        error(
          codes[0],
          `El NumeroPedimento "${p.NumeroPedimento}" no es válido: 21 dígitos como "AA  AD  PPPP  NNNNNNN" (año, aduana de c_Aduana, patente, progresivo que empieza con el último dígito del año), con dos espacios entre grupos.`,
          `NumeroPedimento "${p.NumeroPedimento}" is invalid: 21 digits as "YY  AD  PPPP  NNNNNNN" (year, c_Aduana customs office, patent, progressive starting with the year's last digit), two spaces between groups.`,
          at,
        ),
      );
    }
  });
}

export const informacionAduanera: Rule = {
  codes: ['CFDI40194', 'CFDI40195', 'CFDI40199', 'CFDI40200', 'XSD'],
  meaning:
    'NumeroPedimento del concepto y de la parte con formato y aduana válidos, y ausente con Comercio Exterior; CuentaPredial alfanumérica.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    const cce = hasComercioExterior(cfdi);
    cfdi.Conceptos.forEach((c, i) => {
      const path = `Conceptos[${i}]`;
      checkPedimentos(ctx.catalogs, c.InformacionAduanera, cce, path, ['CFDI40194', 'CFDI40195'], out);
      (c.Parte ?? []).forEach((p, j) => {
        checkPedimentos(
          ctx.catalogs,
          p.InformacionAduanera,
          cce,
          `${path}.Parte[${j}]`,
          ['CFDI40199', 'CFDI40200'],
          out,
        );
      });
      (c.CuentaPredial ?? []).forEach((p, k) => {
        checkPattern(
          p.Numero,
          PREDIAL,
          `${path}.CuentaPredial[${k}].Numero`,
          ['solo letras y dígitos, hasta 150', 'letters and digits only, up to 150'],
          out,
        );
      });
    });
    return out;
  },
};
