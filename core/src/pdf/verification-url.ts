/**
 * The expression SAT asks the printed CFDI's QR code to carry (Anexo 20, "código de barras
 * bidimensional"), built with @nodecfdi/cfdi-expresiones:
 *   https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=UUID&re=RFC&rr=RFC&tt=TOTAL&fe=LAST8
 * RFCs are XML-escaped (H&E951128469 -> H&amp;E951128469), tt is the total with up to 6 decimals and no
 * insignificant zeros (1000.00 -> 1000.0), fe the last 8 characters of the Sello.
 * The library formats tt through a JavaScript float, which garbles totals beyond 15-16 digits; ours
 * keeps the decimal digits exact.
 */
import { Comprobante40 } from '@nodecfdi/cfdi-expresiones';
import { Dec } from '../money/decimal.js';

class ExactTotalExpression extends Comprobante40 {
  override formatTotal(input: string): string {
    if (!/^\d+(\.\d+)?$/.test(input.trim())) return input;
    const fixed = new Dec(input.trim()).toFixed(6, Dec.ROUND_HALF_UP).replace(/0+$/, '');
    return fixed.endsWith('.') ? `${fixed}0` : fixed;
  }
}

const expression = new ExactTotalExpression();

export interface VerificationValues {
  uuid: string;
  rfcEmisor: string;
  rfcReceptor: string;
  total: string;
  sello: string;
}

export function verificationUrl(values: VerificationValues): string {
  return expression.format({
    id: values.uuid,
    re: values.rfcEmisor,
    rr: values.rfcReceptor,
    tt: values.total,
    fe: values.sello,
  });
}
