import assert from 'node:assert/strict';
import { getCatalogs } from '../../../core/src/catalogs/index.js';
import { checkReceptor } from '../../../core/src/fiscal/receptor.js';
import { regimenAllowedFor } from '../../../core/src/fiscal/regimen.js';
import { usoCfdiAllowedFor } from '../../../core/src/fiscal/uso-cfdi.js';

const ok = {
  Rfc: 'URE180429TM6',
  Nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
  DomicilioFiscalReceptor: '86991',
  RegimenFiscalReceptor: '601',
  UsoCFDI: 'G03',
};

describe('fiscal/receptor', () => {
  const catalogs = getCatalogs();

  it('accepts a complete persona moral receptor', () => {
    assert.deepEqual(checkReceptor(ok, catalogs), []);
  });

  it('knows which regimes apply to each person type (CFDI40158)', () => {
    assert.equal(regimenAllowedFor(catalogs, '601', 'moral'), true);
    assert.equal(regimenAllowedFor(catalogs, '601', 'fisica'), false);
    assert.equal(regimenAllowedFor(catalogs, '626', 'fisica'), true);
    assert.equal(checkReceptor({ ...ok, RegimenFiscalReceptor: '612' }, catalogs)[0]?.code, 'CFDI40158');
  });

  it('knows which UsoCFDI each regime allows (CFDI40161)', () => {
    assert.equal(usoCfdiAllowedFor(catalogs, 'D01', '612', 'fisica'), true);
    assert.equal(usoCfdiAllowedFor(catalogs, 'D01', '601', 'moral'), false);
    const issues = checkReceptor({ ...ok, UsoCFDI: 'D01' }, catalogs);
    assert.deepEqual(
      issues.map((i) => [i.code, i.field]),
      [['CFDI40161', 'UsoCFDI']],
    );
  });

  it('reports each bad field with its own code (CFDI40157) (CFDI40160) (RECEPTOR_CODIGO_POSTAL)', () => {
    const issues = checkReceptor(
      {
        Rfc: 'ure180429tm6',
        Nombre: 'URE SA DE CV',
        DomicilioFiscalReceptor: '00000',
        RegimenFiscalReceptor: '699',
        UsoCFDI: 'Z01',
      },
      catalogs,
    );
    assert.deepEqual(
      issues.map((i) => i.code),
      ['RFC_INVALID', 'RECEPTOR_NOMBRE_REGIMEN_CAPITAL', 'RECEPTOR_CODIGO_POSTAL', 'CFDI40157', 'CFDI40160'],
    );
  });
});
