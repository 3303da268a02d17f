/**
 * validateComprobante: every offline rule of SAT's Matriz de errores CFDI 4.0 (and the XSD facts the model
 * can get wrong) over a Comprobante. Pure and synchronous; catalogs are already in memory. The XSD check
 * of a serialized document is separate (`validateXsd` in ./xsd.ts).
 */
import { getCatalogs } from '../../catalogs/index.js';
import type { Comprobante } from '../model.js';
import { RULE_LIST } from './rules/index.js';
import type { Finding, RuleContext, ValidationContext, ValidationReport } from './types.js';

export { NOT_CHECKED_OFFLINE } from './not-offline.js';
export { RULE_LIST, RULES } from './rules/index.js';
export type { Finding, Rule, RuleContext, Severity, ValidationContext, ValidationReport } from './types.js';

export function validateComprobante(cfdi: Comprobante, ctx?: ValidationContext): ValidationReport {
  const resolved: RuleContext = { catalogs: ctx?.catalogs ?? getCatalogs(), now: ctx?.now ?? new Date() };
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  for (const rule of RULE_LIST) {
    for (const finding of rule.check(cfdi, resolved)) {
      (finding.severity === 'error' ? errors : warnings).push(finding);
    }
  }
  return { valid: errors.length === 0, errors, warnings };
}
