/** Cadena original (CFDI 4.0 and TimbreFiscalDigital 1.1), byte-identical to SAT's XSLT. */
export { cadenaOriginal, cadenaTfd } from './cadena-original.js';
export { normalizeSpace } from './normalize-space.js';
