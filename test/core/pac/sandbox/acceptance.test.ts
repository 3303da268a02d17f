import assert from 'node:assert/strict';
import { exemptionFromAcceptance } from '../../../../core/src/pac/sandbox/acceptance.js';
import { isBusinessDay, nextBusinessDay } from '../../../../core/src/pac/sandbox/business-days.js';
import type { StampRecord } from '../../../../core/src/pac/sandbox/stamp-record.js';
import { cdmx } from './sandbox-fixtures.js';

/** An ingreso of $1,682.00 to a persona física in régimen 612, stamped Monday 23 Nov 2026. */
function record(change: Partial<StampRecord> = {}): StampRecord {
  return {
    uuid: '0C2E6DD0-8C2B-4E3B-9C2F-8E1B8B0E6E11',
    fechaTimbrado: '2026-11-23T10:20:00',
    stampedAt: cdmx('2026-11-23T10:20:00').toISOString(),
    fecha: '2026-11-23T10:15:00',
    issuerRfc: 'EKU9003173C9',
    receiverRfc: 'COSC8001137NA',
    regimenFiscalReceptor: '612',
    tipoDeComprobante: 'I',
    total: '1682.00',
    moneda: 'MXN',
    claveProdServ: ['86121700'],
    relations: [],
    paidDocuments: [],
    ...change,
  };
}

const WEEK_LATER = cdmx('2026-11-30T12:00:00');

describe('sandbox PAC: when cancelling needs the receptor (RMF 2.7.1.35)', () => {
  const cases: [string, Partial<StampRecord>, string | undefined][] = [
    ['an ingreso above $1,000 to a named receptor', {}, undefined],
    ['a total of exactly $1,000.00 (I)', { total: '1000.00' }, 'I'],
    ['$1,000.01', { total: '1000.01' }, undefined],
    ['USD 50.00 at 17.25 = $862.50 (I)', { total: '50.00', moneda: 'USD', tipoCambio: '17.25' }, 'I'],
    ['USD 100.00 at 17.25 = $1,725.00', { total: '100.00', moneda: 'USD', tipoCambio: '17.25' }, undefined],
    [
      'a CFDI de pagos with Total 0 (excluded from I)',
      { tipoDeComprobante: 'P', total: '0', moneda: 'XXX' },
      undefined,
    ],
    ['nómina (II)', { tipoDeComprobante: 'N' }, 'II'],
    ['an egreso (III)', { tipoDeComprobante: 'E' }, 'III'],
    ['a traslado (IV)', { tipoDeComprobante: 'T', total: '0', moneda: 'XXX' }, 'IV'],
    [
      'a traslado of diesel (rule 2.7.7.1.6), although its Total is 0',
      { tipoDeComprobante: 'T', total: '0', moneda: 'XXX', claveProdServ: ['78101800', '15101505'] },
      undefined,
    ],
    ['a receptor in the RIF (V)', { regimenFiscalReceptor: '621' }, 'V'],
    ['público en general (VII)', { receiverRfc: 'XAXX010101000', regimenFiscalReceptor: '616' }, 'VII'],
    ['a foreign resident (VIII)', { receiverRfc: 'XEXX010101000', regimenFiscalReceptor: '616' }, 'VIII'],
  ];
  for (const [name, change, expected] of cases) {
    it(`${name}: ${expected ? `no acceptance (${expected})` : 'acceptance'}`, () => {
      assert.equal(exemptionFromAcceptance(record(change), WEEK_LATER), expected);
    });
  }

  it('needs none until the end of the next business day (IX)', () => {
    assert.equal(exemptionFromAcceptance(record(), cdmx('2026-11-23T18:00:00')), 'IX');
    assert.equal(exemptionFromAcceptance(record(), cdmx('2026-11-24T23:59:59')), 'IX');
    assert.equal(exemptionFromAcceptance(record(), cdmx('2026-11-25T00:00:00')), undefined);
    // Issued Friday 13 Nov 2026: Monday 16 is a holiday (third Monday of November), so Tuesday 17 still counts.
    const friday = record({ stampedAt: cdmx('2026-11-13T18:00:00').toISOString() });
    assert.equal(exemptionFromAcceptance(friday, cdmx('2026-11-17T20:00:00')), 'IX');
    assert.equal(exemptionFromAcceptance(friday, cdmx('2026-11-18T08:00:00')), undefined);
  });
});

describe('sandbox PAC: business days', () => {
  it('skips weekends and the holidays of CFF article 12', () => {
    assert.equal(nextBusinessDay('2026-11-27'), '2026-11-30'); // Friday -> Monday
    assert.equal(nextBusinessDay('2026-11-13'), '2026-11-17'); // third Monday of November
    assert.equal(nextBusinessDay('2026-01-30'), '2026-02-03'); // first Monday of February
    assert.equal(nextBusinessDay('2026-03-13'), '2026-03-17'); // third Monday of March
    assert.equal(nextBusinessDay('2026-09-15'), '2026-09-17'); // 16 September
    assert.equal(nextBusinessDay('2026-04-30'), '2026-05-04'); // 1 May (Friday)
    assert.equal(nextBusinessDay('2027-05-04'), '2027-05-06'); // 5 May
    assert.equal(nextBusinessDay('2024-09-30'), '2024-10-02'); // 1 October 2024, new federal executive
    assert.equal(isBusinessDay('2006-12-01'), false); // 1 December 2006 (a Friday), new federal executive
    assert.ok(isBusinessDay('2030-10-01') === false && isBusinessDay('2029-10-01'));
  });

  it('skips Holy Thursday, Good Friday and 12 December, as SAT declares every year', () => {
    assert.equal(nextBusinessDay('2026-04-01'), '2026-04-06'); // Easter 2026: 5 April
    assert.equal(nextBusinessDay('2025-04-16'), '2025-04-21'); // Easter 2025: 20 April
    assert.equal(nextBusinessDay('2024-03-27'), '2024-04-01'); // Easter 2024: 31 March
    assert.equal(nextBusinessDay('2025-12-11'), '2025-12-15'); // 12 December 2025 was a Friday
  });
});
