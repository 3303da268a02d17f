/**
 * SAT's utility templates (utilerias.xslt, and their copy inside the TFD sheet). The compiler turns
 * `call-template Requerido/Opcional` into the R/O instructions, so it first proves the stylesheet's
 * definitions are exactly the ones those instructions implement:
 *   Requerido(valor)      = '|' + normalize-space(string(valor))
 *   Opcional(valor)       = if (valor) '|' + normalize-space(string(valor))
 *   ManejaEspacios(s)     = normalize-space(string(s))
 */
import { XSL, type XsltElement, type XsltNode } from './read-xslt.js';

const EXPECTED: Record<string, string> = {
  Requerido:
    'template{name=Requerido}[param{name=valor}[] "|" call-template{name=ManejaEspacios}[with-param{name=s,select=$valor}[]]]',
  Opcional:
    'template{name=Opcional}[param{name=valor}[] if{test=$valor}["|" call-template{name=ManejaEspacios}[with-param{name=s,select=$valor}[]]]]',
  ManejaEspacios:
    'template{name=ManejaEspacios}[param{name=s}[] value-of{select=normalize-space(string($s))}[]]',
};

export function checkNamedTemplate(template: XsltElement, file: string): void {
  const name = template.attrs.name ?? '';
  const expected = EXPECTED[name];
  if (expected === undefined) throw new Error(`${file}: named template ${name} is not supported`);
  const actual = shape(template);
  if (actual !== expected) {
    throw new Error(
      `${file}: template ${name} differs from SAT's utilerias.xslt:\n  ${actual}\n  ${expected}`,
    );
  }
}

/** A whitespace-insensitive outline of an XSLT element: name, sorted attributes, children. */
function shape(node: XsltNode): string {
  if (node.kind === 'text') return JSON.stringify(node.value);
  const prefix = node.ns === XSL ? '' : `{${node.ns}}`;
  const attrs = Object.keys(node.attrs)
    .sort()
    .map((k) => `${k}=${(node.attrs[k] as string).replace(/\s+/g, '')}`)
    .join(',');
  const children = node.children
    .filter((c) => c.kind === 'element' || c.value.trim() !== '')
    .map(shape)
    .join(' ');
  return `${prefix}${node.local}{${attrs}}[${children}]`;
}
