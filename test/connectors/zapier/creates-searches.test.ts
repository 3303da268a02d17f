/**
 * Every create and search of the Zapier app through the app tester against the real server (#8): what
 * each answers has its sample's shape, and the server's own records agree with what Zapier was told.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import App from '../../../connectors/zapier/src/index.js';
import { CARLOS } from '../../portal/api-harness.js';
import { type ZapierHarness, zapierHarness } from './harness.js';
import { assertSameShape } from './shape.js';

const FISCAL_INPUT = {
  rfc: CARLOS.rfc,
  fiscal_name: CARLOS.name,
  tax_regime: CARLOS.tax_regime,
  zip: CARLOS.zip,
  cfdi_use: CARLOS.cfdi_use,
};

describe('Zapier app: creates and searches against the real server (#8)', () => {
  let z: ZapierHarness;
  before(async () => {
    z = await zapierHarness();
  });
  after(() => z.close());

  const create = (key: string, inputData: Record<string, unknown>) =>
    z.run(z.create(key).operation.perform, { inputData });
  const search = (key: string, inputData: Record<string, unknown>) =>
    z.run(z.search(key).operation.perform, { inputData });
  const shaped = (key: string, kind: 'create' | 'search', value: unknown) =>
    assertSameShape(value, (kind === 'create' ? z.create(key) : z.search(key)).operation.sample, key);

  it('Register Payment with fiscal data and line items (children) issues the invoice at once', async () => {
    const input = {
      amount: '2320.00',
      external_id: 'forma-501',
      method: 'transfer',
      email: CARLOS.email,
      ...FISCAL_INPUT,
      items: [
        {
          product_key: '86121700',
          unit_key: 'E48',
          description: 'Inscripción',
          quantity: '1',
          unit_price: '1160.00',
          tax_included: 'true',
          iva_rate: '0.16',
        },
        {
          product_key: '86121700',
          unit_key: 'E48',
          description: 'Colegiatura',
          quantity: '2',
          unit_price: '500.00',
          tax_included: 'false',
          iva_rate: '0.16',
        },
      ],
      metadata: { canal: 'formulario' },
    };
    const recorded = await create('register_payment', input);
    shaped('register_payment', 'create', recorded);
    assert.equal(recorded.status, 'invoiced');
    assert.equal(recorded.receipt, null);
    const invoice = (await z.h.call('GET', `/v1/invoices/${recorded.invoice.id}`)).json;
    assert.equal(invoice.total, '2320.00');
    assert.equal(invoice.subtotal, '2000.00');
    assert.equal(invoice.payment_form, '03');
    const payment = (await z.h.call('GET', `/v1/payments/${recorded.id}`)).json;
    assert.equal(payment.items.length, 2);
    assert.deepEqual(payment.metadata, { canal: 'formulario' });
    // Zapier retrying the step replays the same payment (the reference is the Idempotency-Key)…
    const again = await create('register_payment', input);
    assert.equal(again.id, recorded.id);
    // …and another sale under a reference already used is refused, saying why.
    await assert.rejects(
      create('register_payment', { amount: '99.00', external_id: 'forma-501' }),
      /Ya registraste otro pago con la referencia «forma-501» y datos distintos/,
    );
  });

  it('Register Payment without fiscal data opens a receipt with the self-invoice link', async () => {
    const recorded = await create('register_payment', {
      amount: '450.00',
      method: 'cash',
      email: 'lucia@example.com',
      customer_name: 'Lucía',
    });
    shaped('register_payment', 'create', recorded);
    assert.equal(recorded.status, 'awaiting_customer');
    assert.equal(recorded.invoice, null);
    assert.match(recorded.receipt.url, /\/r\/[A-Za-z0-9_-]{40,}$/);
  });

  it('Create Invoice issues a CFDI from the full request', async () => {
    const invoice = await create('create_invoice', {
      ...FISCAL_INPUT,
      email: CARLOS.email,
      payment_form: '04',
      payment_method: 'PUE',
      items: [
        {
          product_key: '43231500',
          unit_key: 'E48',
          description: 'Licencia anual',
          quantity: '1',
          unit_price: '1000.00',
          tax_included: 'false',
          iva_rate: '0.16',
        },
      ],
      extra_json: '{"payment_conditions":"Contado"}',
    });
    shaped('create_invoice', 'create', invoice);
    assert.equal(invoice.status, 'stamped');
    assert.equal(invoice.total, '1160.00');
    assert.match(invoice.uuid, /^[0-9A-F-]{36}$/);
    const xml = (await z.h.call('GET', `/v1/invoices/${invoice.id}/xml`)).bytes.toString('utf8');
    assert.match(xml, /CondicionesDePago="Contado"/);
  });

  it('Create Customer, Find Customer by RFC or email, Update Customer Fiscal Data', async () => {
    const made = await create('create_customer', {
      email: 'maria@example.com',
      name: 'María',
      external_id: 'cli-9',
    });
    shaped('create_customer', 'create', made);
    assert.equal(made.fiscal, null);
    const byEmail = await search('find_customer', { email: 'maria@example.com' });
    assert.deepEqual(
      byEmail.map((c: { id: string }) => c.id),
      [made.id],
    );
    shaped('find_customer', 'search', byEmail[0]);
    const updated = await create('update_customer_fiscal', {
      customer_id: made.id,
      rfc: 'MASO451221PM4',
      fiscal_name: 'MARIA OLIVIA MARTINEZ SAGAZ',
      tax_regime: '612',
      zip: '80290',
      cfdi_use: 'G03',
    });
    shaped('update_customer_fiscal', 'create', updated);
    assert.equal(updated.fiscal.rfc, 'MASO451221PM4');
    const byRfc = await search('find_customer', { rfc: 'maso451221pm4' });
    assert.deepEqual(
      byRfc.map((c: { id: string }) => c.id),
      [made.id],
    );
    assert.deepEqual(await search('find_customer', { rfc: 'MASO451221PM4', email: 'otra@example.com' }), []);
    await assert.rejects(search('find_customer', {}), /Escribe el RFC o el correo/);
  });

  it('Find Invoice by UUID, serie-folio and payment reference; Find Payment by reference', async () => {
    const recorded = await create('register_payment', {
      amount: '116.00',
      external_id: 'ticket-77',
      email: CARLOS.email,
      ...FISCAL_INPUT,
    });
    const invoice = (await z.h.call('GET', `/v1/invoices/${recorded.invoice.id}`)).json;
    const byUuid = await search('find_invoice', { uuid: invoice.uuid.toLowerCase() });
    const bySeriesFolio = await search('find_invoice', {
      series: invoice.series,
      folio: String(invoice.folio),
    });
    const byReference = await search('find_invoice', { payment_reference: 'ticket-77' });
    for (const found of [byUuid, bySeriesFolio, byReference]) {
      assert.deepEqual(
        found.map((i: { id: string }) => i.id),
        [invoice.id],
      );
      shaped('find_invoice', 'search', found[0]);
    }
    assert.deepEqual(await search('find_invoice', { uuid: '00000000-0000-0000-0000-000000000000' }), []);
    assert.deepEqual(await search('find_invoice', { payment_reference: 'no-existe' }), []);
    await assert.rejects(search('find_invoice', { series: invoice.series }), /envía los dos/);

    const payments = await search('find_payment', { external_id: 'ticket-77' });
    assert.deepEqual(
      payments.map((p: { id: string }) => p.id),
      [recorded.id],
    );
    shaped('find_payment', 'search', payments[0]);
    assert.deepEqual(await search('find_payment', { external_id: 'ticket-77', source: 'stripe' }), []);
  });

  it('Send Invoice by Email and Cancel Invoice (motive 01 needs its replacement)', async () => {
    const first = await create('register_payment', {
      amount: '348.00',
      external_id: 'venta-88',
      email: CARLOS.email,
      ...FISCAL_INPUT,
    });
    const sent = await create('send_invoice_email', {
      invoice_id: first.invoice.id,
      to: ['contador@example.com'],
    });
    shaped('send_invoice_email', 'create', sent);
    assert.deepEqual(sent.to, ['contador@example.com']);
    assert.equal(sent.status, 'sent');
    const mails = await readdir(z.h.outboxDir);
    assert.ok(mails.length >= 1);

    await assert.rejects(
      create('cancel_invoice', { invoice_id: first.invoice.id, motive: '01' }),
      (error: Error) => {
        const parsed = JSON.parse(error.message);
        assert.equal(parsed.status, 400);
        assert.match(parsed.message, /sustitu|replacement_uuid|UUID/i);
        return true;
      },
    );
    const replacement = await create('create_invoice', {
      ...FISCAL_INPUT,
      payment_form: '04',
      items: [
        {
          product_key: '86121700',
          unit_key: 'E48',
          description: 'Colegiatura (corrige venta-88)',
          quantity: '1',
          unit_price: '348.00',
          tax_included: 'true',
          iva_rate: '0.16',
        },
      ],
      extra_json: JSON.stringify({ related: [{ relationship: '04', uuids: [first.invoice.uuid] }] }),
    });
    const cancelled = await create('cancel_invoice', {
      invoice_id: first.invoice.id,
      motive: '01',
      replacement_uuid: replacement.uuid,
    });
    shaped('cancel_invoice', 'create', cancelled);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancellation.motive, '01');
    await assert.rejects(
      create('send_invoice_email', { invoice_id: first.invoice.id }),
      /solo se envía por correo una factura timbrada vigente/,
    );
  });

  it('Find product key searches SAT’s catalog by word', async () => {
    const found = await search('find_product_key', { q: 'software' });
    assert.ok(found.length >= 1);
    assert.ok(found.every((p: { name: string }) => /software/i.test(p.name) || /^\d{8} · /.test(p.name)));
    shaped('find_product_key', 'search', found[0]);
  });

  it('search-or-create for customers pairs Find Customer with Create Customer', () => {
    const pair = (App as unknown as { searchOrCreates: Record<string, { search: string; create: string }> })
      .searchOrCreates.find_customer!;
    assert.equal(pair.search, 'find_customer');
    assert.equal(pair.create, 'create_customer');
  });
});
