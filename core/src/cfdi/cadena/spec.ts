/**
 * Shape of `core/data/cadena/spec.json`: SAT's cadena-original XSLT compiled by
 * `scripts/cadena/compile-xslt.ts` into a few instructions. Never edit the JSON by hand; re-run the script.
 *
 * Instructions (paths use the subset of select-path.ts, prefixes from `namespaces`):
 * - `['T', text]`        literal text of the stylesheet (e.g. the leading `|`)
 * - `['R', path]`        template Requerido: `|` + normalize-space(string(path))
 * - `['O', path]`        template Opcional: same, only when path selects something
 * - `['A', path]`        xsl:apply-templates select=path
 * - `['F', path, body]`  xsl:for-each select=path
 * - `['I', test, body]`  xsl:if; test is a path (non-empty) or [path, literal] (path = 'literal')
 */
import spec from '../../../data/cadena/spec.json' with { type: 'json' };

export type Test = string | [string, string];

export type Instruction =
  | ['T', string]
  | ['R', string]
  | ['O', string]
  | ['A', string]
  | ['F', string, Instruction[]]
  | ['I', Test, Instruction[]];

export interface SourceFile {
  /** Path under test/fixtures/sat/xml (SAT's published tree), e.g. `www.sat.gob.mx/.../donat11.xslt`. */
  file: string;
  sha256: string;
}

export interface Refusal {
  file: string;
  /** Namespace URIs whose elements this file would have handled. */
  namespaces: string[];
  reason: string;
}

export interface StylesheetSpec {
  sources: SourceFile[];
  /** Keyed by match pattern: `/` or `prefix:Local`. */
  templates: Record<string, Instruction[]>;
  /** Complement sheets the compiler could not translate: the runtime refuses their elements. */
  refused: Refusal[];
  /** Templates replaced by a later one with the same match (XSLT keeps the last). */
  overridden: { match: string; file: string }[];
}

export interface CadenaSpec {
  generatedBy: string;
  warning: string;
  namespaces: Record<string, string>;
  stylesheets: { cfdi40: StylesheetSpec; tfd11: StylesheetSpec };
}

export const CADENA_SPEC = spec as unknown as CadenaSpec;
