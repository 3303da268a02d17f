/** Fecha is the local time of issuer.zip's time zone (c_CodigoPostal), never UTC. */
import assert from 'node:assert/strict';
import { localDateTime } from '../../../core/src/cfdi/compute/fecha.js';
import { ValidationError } from '../../../core/src/errors.js';
import { build, built, ISSUER, IVA16, item } from './requests.js';

const fecha = (zip: string, date?: string, now = new Date('2026-11-28T18:00:00Z')) =>
  built(
    [item({ taxes: [IVA16] })],
    { issuer: { ...ISSUER, zip }, ...(date === undefined ? {} : { date }) },
    now,
  ).Fecha;

describe('Fecha (#2)', () => {
  it('without date: now in Ciudad de México (06600), UTC-6 all year (no DST since 2022)', () => {
    assert.equal(fecha('06600'), '2026-11-28T12:00:00');
    assert.equal(fecha('06600', undefined, new Date('2026-07-01T18:00:00Z')), '2026-07-01T12:00:00');
  });

  it('Tijuana (22000) follows US daylight saving time: UTC-7 on 2026-07-01, UTC-8 on 2026-01-15', () => {
    assert.equal(fecha('22000', '2026-07-01T18:00:00Z'), '2026-07-01T11:00:00');
    assert.equal(fecha('22000', '2026-01-15T18:00:00Z'), '2026-01-15T10:00:00');
  });

  it('Tijuana springs forward at 2:00 local on 2026-03-08 (10:00 UTC)', () => {
    assert.equal(fecha('22000', '2026-03-08T09:59:59Z'), '2026-03-08T01:59:59');
    assert.equal(fecha('22000', '2026-03-08T10:00:00Z'), '2026-03-08T03:00:00');
  });

  it('Cancún (77500) is UTC-5 all year', () => {
    assert.equal(fecha('77500', '2026-01-15T18:00:00Z'), '2026-01-15T13:00:00');
    assert.equal(fecha('77500', undefined), '2026-11-28T13:00:00');
  });

  it('converts an instant with an offset, and drops fractions of a second', () => {
    assert.equal(fecha('22000', '2026-07-01T12:00:00-05:00'), '2026-07-01T10:00:00');
    assert.equal(fecha('06600', '2026-11-28T23:30:00.999+05:30'), '2026-11-28T12:00:00');
    assert.equal(fecha('06600', '2026-11-29T03:15:00Z'), '2026-11-28T21:15:00'); // the day before, locally
  });

  it('keeps a local date without offset as it is, whatever the zone', () => {
    assert.equal(fecha('22000', '2026-11-28T10:15:00'), '2026-11-28T10:15:00');
    assert.equal(fecha('77500', '2026-11-28T10:15:00'), '2026-11-28T10:15:00');
  });

  it('refuses to convert a date for a zip with no known time zone (REQUEST_UNKNOWN_ZIP)', () => {
    assert.throws(
      () =>
        build([item({ taxes: [IVA16] })], {
          issuer: { ...ISSUER, zip: '00000' },
          date: '2026-11-28T10:00:00Z',
        }),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.code === 'REQUEST_UNKNOWN_ZIP' &&
        error.details[0]?.path === 'issuer.zip' &&
        /El código postal 00000 de issuer\.zip no está en el catálogo c_CodigoPostal/.test(error.message),
    );
  });

  it('localDateTime writes YYYY-MM-DDThh:mm:ss in the zone', () => {
    assert.equal(
      localDateTime(new Date('2026-07-01T18:00:00.999Z'), 'America/Tijuana'),
      '2026-07-01T11:00:00',
    );
    assert.equal(localDateTime(new Date('2026-12-31T23:59:59Z'), 'America/Cancun'), '2026-12-31T18:59:59');
    assert.equal(
      localDateTime(new Date('2027-01-01T05:59:59Z'), 'America/Mexico_City'),
      '2026-12-31T23:59:59',
    );
  });
});
