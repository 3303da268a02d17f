/**
 * Every ```json block of docs/invoice-request.md is a request that builds, seals with the EKU9003173C9
 * test CSD and passes validation (SAT's XSD included); the **Result:** line under it states values of the
 * built CFDI (`Path=value`, a path into the Comprobante model, Impuestos.* for the totals of taxes), and
 * each of them must be what the build gives. The clock is fixed, as the page says.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildComprobante, sealComprobante } from '../../../core/src/cfdi/build.js';
import { validateCfdiXml } from '../../../core/src/cfdi/validate-xml.js';
import { loadCsd } from '../../../core/src/fiscal/csd/index.js';
import { EKU } from '../../support/oracles.js';

const DOC = new URL('../../../docs/invoice-request.md', import.meta.url);
const NOW = new Date('2026-11-28T18:00:00Z');

interface Example {
  title: string;
  json: string;
  expected: [path: string, value: string][];
}

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  const block = /```json\n([\s\S]*?)```/g;
  for (let m = block.exec(markdown); m; m = block.exec(markdown)) {
    const before = markdown.slice(0, m.index);
    const title =
      before
        .match(/^#+ (.+)$/gm)
        ?.at(-1)
        ?.replace(/^#+ /, '') ?? `block at ${m.index}`;
    const after = markdown.slice(block.lastIndex);
    const until = after.search(/```json|^#/m);
    const tail = until < 0 ? after : after.slice(0, until);
    const result = /\*\*Result:\*\*([\s\S]*?)(\n\n|$)/.exec(tail)?.[1] ?? '';
    const expected = [...result.matchAll(/`([\w.[\]]+)=([^`]*)`/g)].map(
      (r) => [r[1], r[2]] as [string, string],
    );
    found.push({ title, json: m[1] as string, expected });
  }
  return found;
}

function at(object: unknown, path: string): unknown {
  let value: unknown = object;
  for (const key of path.split(/[.[\]]+/).filter(Boolean)) {
    value = (value as Record<string, unknown> | undefined)?.[key];
  }
  return value;
}

describe('docs/invoice-request.md examples (#2)', function () {
  this.timeout(120_000);
  const markdown = readFileSync(DOC, 'utf8');
  const found = examples(markdown);
  const csd = loadCsd({
    certificate: readFileSync(EKU.cer),
    privateKey: readFileSync(EKU.key),
    password: EKU.password,
  });

  it('has the worked examples the page promises, each with a Result line', () => {
    assert.ok(found.length >= 7, `found ${found.length} json blocks`);
    for (const example of found)
      assert.ok(example.expected.length > 0, `no **Result:** under "${example.title}"`);
  });

  for (const example of found) {
    it(`builds, seals and validates "${example.title}" with the totals the page states`, async () => {
      const request = JSON.parse(example.json);
      const { comprobante, warnings } = buildComprobante(request, { now: NOW });
      assert.deepEqual(warnings, []);
      for (const [path, value] of example.expected) {
        const actual = at(comprobante, path) ?? at(comprobante.Impuestos, path);
        assert.equal(actual, value, `${example.title}: ${path}`);
      }
      const sealed = sealComprobante(comprobante, csd);
      const report = await validateCfdiXml(sealed.xml, { now: NOW });
      assert.deepEqual(report.errors, [], `${example.title}: ${JSON.stringify(report.errors)}`);
    });
  }
});
