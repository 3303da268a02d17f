import { isImporte, isZero } from '../decimals.js';
import { error } from '../finding.js';
import { checkText, textOk } from '../text-facts.js';
import type { Finding, Rule } from '../types.js';

/** xs:decimal with up to 6 decimals (Cantidad, Base, TasaOCuota). */
const DECIMAL6 = /^[0-9]+(\.[0-9]{1,6})?$/;

/**
 * A Cantidad/Base/TasaOCuota (`positive`) or a t_Importe. The path is `prefix` + `field` with `index`
 * written into the prefix (`Conceptos[2]`...), built only when there is a finding.
 */
function amount(
  value: string | undefined,
  where: (index: number, sub: number) => string,
  index: number,
  sub: number,
  field: string,
  out: Finding[],
  positive = false,
): void {
  if (value === undefined) return;
  const ok = positive ? DECIMAL6.test(value) && !isZero(value) : isImporte(value);
  if (ok) return;
  const path = `${where(index, sub)}.${field}`;
  out.push(
    error(
      'XSD',
      `${path} "${value}" no es válido: número ${positive ? 'mayor que cero' : 'sin signo'} con hasta 6 decimales${positive ? '' : ' y 18 enteros'}, sin separador de miles.`,
      `${path} "${value}" is not valid: ${positive ? 'a number greater than zero' : 'an unsigned number'} with up to 6 decimals, no thousands separator.`,
      path,
    ),
  );
}

const concepto = (i: number) => `Conceptos[${i}]`;
const traslado = (i: number, j: number) => `Conceptos[${i}].Impuestos.Traslados[${j}]`;
const retencion = (i: number, j: number) => `Conceptos[${i}].Impuestos.Retenciones[${j}]`;
const parte = (i: number, j: number) => `Conceptos[${i}].Parte[${j}]`;
const impuestos = () => 'Impuestos';
const resumenRetencion = (j: number) => `Impuestos.Retenciones[${j}]`;
const resumenTraslado = (j: number) => `Impuestos.Traslados[${j}]`;

export const xsdConceptos: Rule = {
  codes: ['XSD'],
  meaning:
    'Hechos del XSD en conceptos e impuestos: textos de 1 a n caracteres sin "|" (Descripcion 1000, NoIdentificacion 100, Unidad 20), cantidades y bases mayores que cero, importes t_Importe.',
  check(cfdi) {
    const out: Finding[] = [];
    for (let i = 0; i < cfdi.Conceptos.length; i++) {
      const c = cfdi.Conceptos[i]!;
      if (!textOk(c.Descripcion, 1000)) checkText(c.Descripcion, `${concepto(i)}.Descripcion`, 1000, out);
      if (!textOk(c.NoIdentificacion, 100)) {
        checkText(c.NoIdentificacion, `${concepto(i)}.NoIdentificacion`, 100, out);
      }
      if (!textOk(c.Unidad, 20)) checkText(c.Unidad, `${concepto(i)}.Unidad`, 20, out);
      amount(c.Cantidad, concepto, i, 0, 'Cantidad', out, true);
      amount(c.ValorUnitario, concepto, i, 0, 'ValorUnitario', out);
      amount(c.Importe, concepto, i, 0, 'Importe', out);
      amount(c.Descuento, concepto, i, 0, 'Descuento', out);
      const traslados = c.Impuestos?.Traslados ?? [];
      for (let j = 0; j < traslados.length; j++) {
        const t = traslados[j]!;
        amount(t.Base, traslado, i, j, 'Base', out); // zero: CFDI40174
        if (t.TasaOCuota !== undefined && !DECIMAL6.test(t.TasaOCuota)) {
          amount(t.TasaOCuota, traslado, i, j, 'TasaOCuota', out);
        }
        amount(t.Importe, traslado, i, j, 'Importe', out);
      }
      const retenciones = c.Impuestos?.Retenciones ?? [];
      for (let j = 0; j < retenciones.length; j++) {
        const r = retenciones[j]!;
        amount(r.Base, retencion, i, j, 'Base', out); // zero: CFDI40181
        if (!DECIMAL6.test(r.TasaOCuota)) amount(r.TasaOCuota, retencion, i, j, 'TasaOCuota', out);
        amount(r.Importe, retencion, i, j, 'Importe', out);
      }
      const partes = c.Parte ?? [];
      for (let j = 0; j < partes.length; j++) {
        const p = partes[j]!;
        amount(p.Cantidad, parte, i, j, 'Cantidad', out, true);
        amount(p.ValorUnitario, parte, i, j, 'ValorUnitario', out);
        amount(p.Importe, parte, i, j, 'Importe', out);
      }
    }
    const imp = cfdi.Impuestos;
    if (imp !== undefined) {
      amount(imp.TotalImpuestosRetenidos, impuestos, 0, 0, 'TotalImpuestosRetenidos', out);
      amount(imp.TotalImpuestosTrasladados, impuestos, 0, 0, 'TotalImpuestosTrasladados', out);
      const retenciones = imp.Retenciones ?? [];
      for (let j = 0; j < retenciones.length; j++) {
        amount(retenciones[j]!.Importe, resumenRetencion, j, 0, 'Importe', out);
      }
      const traslados = imp.Traslados ?? [];
      for (let j = 0; j < traslados.length; j++) {
        amount(traslados[j]!.Base, resumenTraslado, j, 0, 'Base', out);
        amount(traslados[j]!.Importe, resumenTraslado, j, 0, 'Importe', out);
      }
    }
    return out;
  },
};
