import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseInvoiceRequest } from '../../../core/src/cfdi/request/index.js';

const FIXTURES = new URL('../../fixtures/requests/', import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: the tests reshape free-form request JSON
type Json = Record<string, any>;

function minimal(): Json {
  return {
    issuer: { rfc: 'EKU9003173C9', name: 'ESCUELA KEMPER URGATE', tax_regime: '601', zip: '06600' },
    customer: { rfc: 'KIJ0906199R1', name: 'KIJ', tax_regime: '601', zip: '59820', cfdi_use: 'G03' },
    payment_form: '04',
    items: [
      {
        product_key: '43232408',
        unit_key: 'H87',
        description: 'Licencia',
        quantity: '1',
        unit_price: '100',
        taxes: [{ type: 'IVA', rate: '0.16' }],
      },
      { product_key: '84111506', unit_key: 'ACT', description: 'Gestión', quantity: '1', unit_price: '50' },
    ],
  };
}

describe('invoice request: defaults and normalisation (#2)', () => {
  it('applies the defaults: type I, MXN, PUE, export 01, tax_object 02 with taxes and 01 without', () => {
    const parsed = parseInvoiceRequest(minimal());
    assert.equal(parsed.type, 'I');
    assert.equal(parsed.currency, 'MXN');
    assert.equal(parsed.payment_method, 'PUE');
    assert.equal(parsed.payment_form, '04');
    assert.equal(parsed.export, '01');
    assert.equal(parsed.exchange_rate, undefined);
    assert.equal(parsed.date, undefined);
    const [taxed, untaxed] = parsed.items;
    assert.equal(taxed?.tax_object, '02');
    assert.equal(untaxed?.tax_object, '01');
    assert.deepEqual(untaxed?.taxes, []);
    assert.equal(taxed?.tax_included, false);
    assert.deepEqual(taxed?.taxes, [{ type: 'IVA', rate: '0.16', factor: 'Tasa', withholding: false }]);
  });

  it('defaults payment_form to 99 with PPD', () => {
    const request = minimal();
    delete request.payment_form;
    request.payment_method = 'PPD';
    assert.equal(parseInvoiceRequest(request).payment_form, '99');
  });

  it('keeps the values it was given instead of the defaults', () => {
    const request = minimal();
    Object.assign(request, { type: 'E', currency: 'USD', exchange_rate: '17.2508', export: '03' });
    request.items[1].tax_object = '03';
    const parsed = parseInvoiceRequest(request);
    assert.deepEqual(
      [parsed.type, parsed.currency, parsed.exchange_rate, parsed.export, parsed.items[1]?.tax_object],
      ['E', 'USD', '17.2508', '03', '03'],
    );
  });

  it('accepts MXN with exchange_rate 1', () => {
    const request = minimal();
    request.exchange_rate = 1;
    assert.equal(parseInvoiceRequest(request).exchange_rate, '1');
  });

  it('reads numbers as decimal strings and drops leading zeros, keeping the decimals sent', () => {
    const request = minimal();
    Object.assign(request.items[0], { quantity: '0016.50', unit_price: 19.9, discount: 0.1 });
    request.items[1].quantity = 3;
    const [first, second] = parseInvoiceRequest(request).items;
    assert.equal(first?.quantity, '16.50');
    assert.equal(first?.unit_price, '19.9');
    assert.equal(first?.discount, '0.1');
    assert.equal(second?.quantity, '3');
  });

  it('trims text and upper-cases keys: RFC, unit, use, currency, country, UUID', () => {
    const request = minimal();
    request.issuer.rfc = ' eku9003173c9 ';
    request.issuer.name = '  ESCUELA KEMPER URGATE ';
    request.customer = {
      rfc: 'xexx010101000',
      name: 'ACME',
      tax_regime: '616',
      zip: '06600',
      cfdi_use: 's01',
      country: 'usa',
      tax_id: '123456789',
    };
    request.currency = 'usd';
    request.exchange_rate = '17.2508';
    request.items[0].unit_key = 'h87';
    request.related = [{ relationship: '01', uuids: ['5fb2822e-396d-4725-8521-cdc4bdd20ccf'] }];
    const parsed = parseInvoiceRequest(request);
    assert.equal(parsed.issuer.rfc, 'EKU9003173C9');
    assert.equal(parsed.issuer.name, 'ESCUELA KEMPER URGATE');
    assert.equal(parsed.customer.rfc, 'XEXX010101000');
    assert.equal(parsed.customer.cfdi_use, 'S01');
    assert.equal(parsed.customer.country, 'USA');
    assert.equal(parsed.currency, 'USD');
    assert.equal(parsed.items[0]?.unit_key, 'H87');
    assert.deepEqual(parsed.related, [
      { relationship: '01', uuids: ['5FB2822E-396D-4725-8521-CDC4BDD20CCF'] },
    ]);
  });

  it('takes the global year as a number or a string', () => {
    for (const year of [2026, '2026']) {
      const request = minimal();
      request.global = { periodicity: '01', months: '11', year };
      assert.deepEqual(parseInvoiceRequest(request).global, {
        periodicity: '01',
        months: '11',
        year: '2026',
      });
    }
  });

  it('keeps the date as sent: local, instant or with offset', () => {
    for (const date of ['2026-11-28T10:15:00', '2026-11-28T16:15:00Z', '2026-11-28T10:15:00.250-06:00']) {
      const request = minimal();
      request.date = date;
      assert.equal(parseInvoiceRequest(request).date, date);
    }
  });

  it('parses every request fixture in test/fixtures/requests', () => {
    for (const name of ['iva16.json', 'honorarios-retenciones.json', 'tax-included.json']) {
      const parsed = parseInvoiceRequest(JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')));
      assert.ok(parsed.items.length > 0, name);
    }
  });
});
