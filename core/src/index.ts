/**
 * @autofactura/core — the invoicing domain. Portal and connectors import from here; nothing in core
 * imports an HTTP framework, a platform SDK or a gateway SDK (DESIGN.md).
 */

export * from './automation/index.js';
export type * from './automation/types.js';
export * from './catalogs/index.js';
export {
  type BuildOptions,
  type BuiltComprobante,
  buildComprobante,
  type SealedCfdi,
  sealComprobante,
} from './cfdi/build.js';
export { cadenaOriginal, cadenaTfd, normalizeSpace } from './cfdi/cadena/index.js';
export { type ComputeOptions, computeComprobante, localDateTime } from './cfdi/compute/index.js';
export type * from './cfdi/model.js';
export { IMPUESTO } from './cfdi/model.js';
export {
  type InvoiceItem,
  type InvoiceRequest,
  type InvoiceRequestInput,
  type InvoiceTax,
  invoiceRequestSchema,
  parseInvoiceRequest,
} from './cfdi/request/index.js';
export { signCadena, verifySello, verifySelloWithCertificate } from './cfdi/sello/index.js';
export {
  type Finding,
  RULE_LIST,
  type Severity,
  type ValidationReport,
  validateComprobante,
} from './cfdi/validate/index.js';
export { validateCfdiXml } from './cfdi/validate-xml.js';
export {
  type VerifyOptions,
  type VerifyProblem,
  type VerifyResult,
  verifyCfdi,
} from './cfdi/verify/index.js';
export {
  defaultPacCertificates,
  type PacCertificates,
  pacCertificatesFrom,
  sandboxPacCertsDir,
} from './cfdi/verify/pac-certificates.js';
export { comprobanteFromTree } from './cfdi/xml/from-tree.js';
export { CFDI40_SCHEMA_LOCATION, comprobanteToTree } from './cfdi/xml/to-tree.js';
export * from './errors.js';
export * from './fiscal/csd/index.js';
export * from './fiscal/index.js';
export * from './money/index.js';
export * from './notify/index.js';
export * from './pac/finkok/index.js';
export { type PacFromEnvOptions, pacFromEnv } from './pac/from-env.js';
export * from './pac/port.js';
export * from './pac/sandbox/index.js';
export * from './pac/sw/index.js';
export * from './pdf/index.js';
export * from './store/index.js';
export { type OpenStoreOptions, openStore } from './store/open.js';
export { parseXml } from './xml/parse.js';
export { escapeAttribute, escapeText, serializeXml } from './xml/serialize.js';
export type { XmlElement } from './xml/tree.js';
