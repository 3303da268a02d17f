/**
 * Cadena original of a CFDI 4.0 and of its TimbreFiscalDigital 1.1, byte for byte what SAT's XSLT
 * (cadenaoriginal_4_0.xslt and cadenaoriginal_TFD_1_1.xslt) produce, computed from the spec compiled
 * out of those stylesheets (core/data/cadena/spec.json) without an XSLT engine.
 */
import { XmlError } from '../../errors.js';
import { NS, type XmlElement } from '../../xml/tree.js';
import { compileProgram, type Program, runProgram } from './compile-program.js';
import { CADENA_SPEC } from './spec.js';

let cfdi40: Program | undefined;
let tfd11: Program | undefined;

/** `||4.0|Serie|...||` for a cfdi:Comprobante 4.0 (complements included, Addenda and TFD left out). */
export function cadenaOriginal(root: XmlElement): string {
  if (root.ns !== NS.cfdi || root.local !== 'Comprobante') {
    throw new XmlError({
      code: 'CFDI_NOT_40',
      message: `El documento no es un CFDI 4.0: se esperaba cfdi:Comprobante en ${NS.cfdi} y se encontró ${root.name} (${root.ns || 'sin espacio de nombres'}).`,
      messageEn: `The document is not a CFDI 4.0: expected cfdi:Comprobante in ${NS.cfdi}, found ${root.name} (${root.ns || 'no namespace'}).`,
    });
  }
  cfdi40 ??= compileProgram(CADENA_SPEC.stylesheets.cfdi40, CADENA_SPEC.namespaces);
  return runProgram(cfdi40, root);
}

/** `||1.1|UUID|FechaTimbrado|RfcProvCertif|[Leyenda|]SelloCFD|NoCertificadoSAT||`. */
export function cadenaTfd(tfd: XmlElement): string {
  if (tfd.ns !== NS.tfd || tfd.local !== 'TimbreFiscalDigital' || tfd.attrs.Version !== '1.1') {
    throw new XmlError({
      code: 'TFD_NOT_11',
      message: `Se esperaba un TimbreFiscalDigital versión 1.1 (${NS.tfd}); se encontró ${tfd.name} versión ${tfd.attrs.Version ?? tfd.attrs.version ?? 'sin versión'}.`,
      messageEn: `Expected a TimbreFiscalDigital version 1.1 (${NS.tfd}); found ${tfd.name} version ${tfd.attrs.Version ?? tfd.attrs.version ?? 'none'}.`,
    });
  }
  tfd11 ??= compileProgram(CADENA_SPEC.stylesheets.tfd11, CADENA_SPEC.namespaces);
  return runProgram(tfd11, tfd);
}
