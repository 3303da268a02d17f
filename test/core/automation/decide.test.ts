import assert from 'node:assert/strict';
import { decide } from '../../../core/src/automation/decide.js';
import { defaultSettings } from '../../../core/src/automation/defaults.js';
import { backoffMs } from '../../../core/src/automation/jobs.js';
import { invoiceRequest, netAmount } from '../../../core/src/automation/payment-to-request.js';
import { buildComprobante } from '../../../core/src/cfdi/build.js';
import type { Merchant, Payment } from '../../../core/src/store/types.js';

describe('automation: deciding what to do with a payment', () => {
  const settings = { automation: 'auto' as const };
  it('invoices when the fiscal data is complete and valid', () => {
    assert.deepEqual(decide({ automation: 'auto', settings, fiscal: 'complete' }), { action: 'invoice' });
  });
  it('opens a receipt when data is missing or invalid, saying which', () => {
    assert.deepEqual(decide({ automation: 'auto', settings, fiscal: 'missing' }), {
      action: 'receipt',
      reason: 'fiscal_data_missing',
    });
    assert.deepEqual(decide({ automation: 'invoice', settings, fiscal: 'invalid' }), {
      action: 'receipt',
      reason: 'fiscal_data_invalid',
    });
  });
  it("lets the payment's automation win over the merchant's, and the merchant's decide 'auto'", () => {
    assert.equal(decide({ automation: 'receipt', settings, fiscal: 'complete' }).action, 'receipt');
    assert.equal(decide({ automation: 'none', settings, fiscal: 'complete' }).action, 'none');
    assert.equal(
      decide({ automation: 'auto', settings: { automation: 'none' }, fiscal: 'complete' }).action,
      'none',
    );
    assert.equal(
      decide({ automation: 'invoice', settings: { automation: 'none' }, fiscal: 'complete' }).action,
      'invoice',
    );
  });
});

describe('automation: job retry backoff', () => {
  const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 10 };
  it('doubles from the base and stops at the cap, with ±20% jitter', () => {
    assert.equal(
      backoffMs(policy, 1, () => 0.5),
      1000,
    );
    assert.equal(
      backoffMs(policy, 4, () => 0.5),
      8000,
    );
    assert.equal(
      backoffMs(policy, 30, () => 0.5),
      60_000,
    );
    assert.equal(
      backoffMs(policy, 1, () => 0),
      800,
    );
    assert.equal(
      backoffMs(policy, 1, () => 1),
      1200,
    );
  });
});

describe('automation: payment -> invoice request', () => {
  const merchant = {
    id: 'mer_1',
    rfc: 'EKU9003173C9',
    name: 'ESCUELA KEMPER URGATE',
    regime: '601',
    zip: '42501',
    settings: defaultSettings(),
  } as Merchant;
  const fiscal = {
    rfc: 'COSC8001137NA',
    name: 'CARLOS CORTES SOTO',
    taxRegime: '612',
    zip: '52000',
    cfdiUse: 'G03',
  };
  const payment = (change: Partial<Payment> = {}): Payment =>
    ({
      id: 'pay_1',
      amount: '1160.00',
      currency: 'MXN',
      paymentForm: '04',
      refunds: [],
      ...change,
    }) as Payment;

  it('charges exactly the amount paid with the default product (IVA 16% included)', () => {
    const request = invoiceRequest({ merchant, payments: [payment()], fiscal, series: 'A', folio: 7 });
    const { comprobante } = buildComprobante(request, { now: new Date('2026-11-28T18:00:00Z') });
    assert.equal(comprobante.Total, '1160.00');
    assert.equal(comprobante.SubTotal, '1000.00');
    assert.equal(comprobante.FormaPago, '04');
    assert.equal(comprobante.MetodoPago, 'PUE');
    assert.equal(comprobante.Folio, '7');
    assert.equal(comprobante.Conceptos[0]!.ClaveProdServ, '01010101');
    assert.equal(comprobante.Fecha, '2026-11-28T12:00:00', 'Fecha is now in the local time of zip 42501');
  });

  it('invoices several payments together with the form of the largest one', () => {
    const request = invoiceRequest({
      merchant,
      payments: [
        payment({ amount: '100.00', paymentForm: '01' }),
        payment({ amount: '232.00', paymentForm: '03' }),
      ],
      fiscal,
      series: 'A',
      folio: 8,
    });
    const { comprobante } = buildComprobante(request, { now: new Date('2026-11-28T18:00:00Z') });
    assert.equal(comprobante.Total, '332.00');
    assert.equal(comprobante.FormaPago, '03');
    assert.equal(comprobante.Conceptos.length, 2);
  });

  it('subtracts partial refunds made before the invoice', () => {
    const refunded = payment({
      refunds: [{ externalId: 're_1', amount: '160.5', at: '2026-11-28T18:00:00Z' }],
    });
    assert.equal(netAmount(refunded), '999.50');
  });
});
