import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { NOT_CHECKED_OFFLINE } from '../../../core/src/cfdi/validate/not-offline.js';
import {
  registeredCodes,
  renderValidationRulesDoc,
  testsByCode,
} from '../../../scripts/docs/validation-rules-doc.js';

/** Every code of SAT's Matriz de errores CFDI 4.0 (MatrizDeErrores_CFDI_v40_20241213.xls). */
const MATRIX = [
  ...Array.from({ length: 122 }, (_, i) => `CFDI40${101 + i}`),
  'CFDI140223',
  'CFDI140224',
  'CFDI140225',
  'CFDI140226',
  'CFDI140227',
  'CFDI40999',
];

describe('docs/validation-rules.md', () => {
  it('is up to date with the registered rules (run npm run docs:rules)', () => {
    assert.equal(readFileSync('docs/validation-rules.md', 'utf8'), renderValidationRulesDoc(process.cwd()));
  });

  it('has a tagged test for every registered code', () => {
    const tests = testsByCode(process.cwd());
    assert.deepEqual(
      registeredCodes().filter((c) => !tests.has(c)),
      [],
    );
  });

  it('accounts for every code of SAT matrix: checked by a rule or listed as not checkable offline', () => {
    const accounted = new Set([...registeredCodes(), ...NOT_CHECKED_OFFLINE.map((n) => n.code)]);
    assert.deepEqual(
      MATRIX.filter((c) => !accounted.has(c)),
      [],
    );
  });
});
