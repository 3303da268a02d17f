import { isImporte, isZero } from '../decimals.js';
import { error } from '../finding.js';
import { checkText } from '../text-facts.js';
import type { Finding, Rule } from '../types.js';

/** xs:decimal with up to 6 decimals (Cantidad, Base, TasaOCuota). */
const DECIMAL6 = /^[0-9]+(\.[0-9]{1,6})?$/;

function amount(value: string | undefined, path: string, out: Finding[], positive = false): void {
  if (value === undefined) return;
  const ok = positive ? DECIMAL6.test(value) && !isZero(value) : isImporte(value);
  if (ok) return;
  out.push(
    error(
      'XSD',
      `${path} "${value}" no es válido: número ${positive ? 'mayor que cero' : 'sin signo'} con hasta 6 decimales${positive ? '' : ' y 18 enteros'}, sin separador de miles.`,
      `${path} "${value}" is not valid: ${positive ? 'a number greater than zero' : 'an unsigned number'} with up to 6 decimals, no thousands separator.`,
      path,
    ),
  );
}

export const xsdConceptos: Rule = {
  codes: ['XSD'],
  meaning:
    'Hechos del XSD en conceptos e impuestos: textos de 1 a n caracteres sin "|" (Descripcion 1000, NoIdentificacion 100, Unidad 20), cantidades y bases mayores que cero, importes t_Importe.',
  check(cfdi) {
    const out: Finding[] = [];
    cfdi.Conceptos.forEach((c, i) => {
      const p = `Conceptos[${i}]`;
      checkText(c.Descripcion, `${p}.Descripcion`, 1000, out);
      checkText(c.NoIdentificacion, `${p}.NoIdentificacion`, 100, out);
      checkText(c.Unidad, `${p}.Unidad`, 20, out);
      amount(c.Cantidad, `${p}.Cantidad`, out, true);
      amount(c.ValorUnitario, `${p}.ValorUnitario`, out);
      amount(c.Importe, `${p}.Importe`, out);
      amount(c.Descuento, `${p}.Descuento`, out);
      (c.Impuestos?.Traslados ?? []).forEach((t, j) => {
        const q = `${p}.Impuestos.Traslados[${j}]`;
        amount(t.Base, `${q}.Base`, out); // zero: CFDI40174
        if (t.TasaOCuota !== undefined && !DECIMAL6.test(t.TasaOCuota))
          amount(t.TasaOCuota, `${q}.TasaOCuota`, out);
        amount(t.Importe, `${q}.Importe`, out);
      });
      (c.Impuestos?.Retenciones ?? []).forEach((r, j) => {
        const q = `${p}.Impuestos.Retenciones[${j}]`;
        amount(r.Base, `${q}.Base`, out); // zero: CFDI40181
        if (!DECIMAL6.test(r.TasaOCuota)) amount(r.TasaOCuota, `${q}.TasaOCuota`, out);
        amount(r.Importe, `${q}.Importe`, out);
      });
      (c.Parte ?? []).forEach((parte, j) => {
        const q = `${p}.Parte[${j}]`;
        amount(parte.Cantidad, `${q}.Cantidad`, out, true);
        amount(parte.ValorUnitario, `${q}.ValorUnitario`, out);
        amount(parte.Importe, `${q}.Importe`, out);
      });
    });
    const imp = cfdi.Impuestos;
    if (imp !== undefined) {
      amount(imp.TotalImpuestosRetenidos, 'Impuestos.TotalImpuestosRetenidos', out);
      amount(imp.TotalImpuestosTrasladados, 'Impuestos.TotalImpuestosTrasladados', out);
      (imp.Retenciones ?? []).forEach((r, j) => {
        amount(r.Importe, `Impuestos.Retenciones[${j}].Importe`, out);
      });
      (imp.Traslados ?? []).forEach((t, j) => {
        amount(t.Base, `Impuestos.Traslados[${j}].Base`, out);
        amount(t.Importe, `Impuestos.Traslados[${j}].Importe`, out);
      });
    }
    return out;
  },
};
