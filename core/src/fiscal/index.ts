export { codigoPostalExists } from './codigo-postal.js';
export type { FiscalIssue } from './issue.js';
export { checkReceptor, type ReceptorFiscal, type ReceptorIssue } from './receptor.js';
export {
  checkReceptorNombre,
  findRegimenCapital,
  normalizeReceptorNombre,
  type RegimenCapital,
} from './receptor-nombre.js';
export { regimenAllowedFor, regimenExists } from './regimen.js';
export { checkRfc, type PersonaTipo, parseRfc, RFC_FOREIGN, RFC_GENERIC, type RfcInfo } from './rfc.js';
export { usoCfdiAllowedFor, usoCfdiExists } from './uso-cfdi.js';
