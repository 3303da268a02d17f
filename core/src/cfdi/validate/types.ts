/**
 * The shapes every validation rule shares. A rule reads a Comprobante and returns findings; it never
 * throws for bad data and never touches the network.
 */
import type { Catalogs } from '../../catalogs/types.js';
import type { Comprobante } from '../model.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  /** SAT matrix code as SAT writes it (CFDI40101, CFDI140223), `XSD`, or ours (RFC_CHECKSUM). */
  code: string;
  severity: Severity;
  /** es-MX, says what to fix. */
  message: string;
  messageEn: string;
  /** Path of the offending field, e.g. `Conceptos[2].Impuestos.Traslados[0].Importe`. */
  path?: string;
}

export interface ValidationReport {
  valid: boolean;
  errors: Finding[];
  warnings: Finding[];
}

export interface ValidationContext {
  catalogs?: Catalogs;
  now?: Date;
}

/** What a rule receives: the context with every member resolved. */
export interface RuleContext {
  catalogs: Catalogs;
  now: Date;
}

export interface Rule {
  /** The codes this rule can report. */
  codes: string[];
  /** es-MX, one line: what the rule checks. */
  meaning: string;
  check(cfdi: Comprobante, ctx: RuleContext): Finding[];
}
