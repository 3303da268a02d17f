/**
 * Validation of a CFDI document as a PAC would receive it: SAT's XSD (offline, with a catCFDI.xsd
 * generated from the catalogs) plus every offline rule of SAT's error matrix over its model.
 */
import type { Catalogs } from '../catalogs/types.js';
import { isAutofacturaError } from '../errors.js';
import { parseXml } from '../xml/parse.js';
import type { Comprobante } from './model.js';
import { validateComprobante } from './validate/index.js';
import type { Finding, ValidationReport } from './validate/types.js';
import { validateXsd } from './validate/xsd.js';
import { comprobanteFromTree } from './xml/from-tree.js';

export interface ValidateXmlOptions {
  catalogs?: Catalogs;
  now?: Date;
}

export async function validateCfdiXml(
  xml: string,
  options: ValidateXmlOptions = {},
): Promise<ValidationReport> {
  let comprobante: Comprobante;
  try {
    comprobante = comprobanteFromTree(parseXml(xml));
  } catch (error) {
    if (!isAutofacturaError(error)) throw error;
    const findings: Finding[] = error.details.map((d) => ({
      code: d.code,
      severity: 'error',
      message: d.message,
      messageEn: d.messageEn ?? d.message,
    }));
    return { valid: false, errors: findings, warnings: [] };
  }
  const xsd = await validateXsd(xml);
  const rules = validateComprobante(comprobante, options);
  const errors = [...xsd.filter((f) => f.severity === 'error'), ...rules.errors];
  const warnings = [...xsd.filter((f) => f.severity === 'warning'), ...rules.warnings];
  return { valid: errors.length === 0, errors, warnings };
}
