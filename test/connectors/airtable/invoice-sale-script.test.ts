import assert from 'node:assert/strict';
import { type ApiHarness, apiHarness, CARLOS } from '../../portal/api-harness.js';
import { runScript, ScriptTable } from './scripting-runtime.js';

const FIELDS = [
  ['Monto', 'currency'],
  ['Correo', 'email'],
  ['Nombre', 'singleLineText'],
  ['RFC', 'singleLineText'],
  ['Régimen', 'singleSelect'],
  ['CP', 'singleLineText'],
  ['Uso CFDI', 'singleSelect'],
  ['Concepto', 'singleLineText'],
  ['Factura - estado', 'singleSelect'],
  ['Factura - UUID', 'singleLineText'],
  ['Factura - PDF', 'url'],
  ['Factura - XML', 'url'],
  ['Factura - portal', 'url'],
  ['Factura - error', 'multilineText'],
  ['Factura - pago', 'singleLineText'],
].map(([name, type]) => ({ name: name!, type: type! }));

const BASE = 'appVentas2026';

describe('Airtable automation script invoice-sale.js (#9), against the real server', () => {
  let h: ApiHarness;
  let table: ScriptTable;
  before(async () => {
    h = await apiHarness();
  });
  after(async () => {
    await h.close();
  });
  beforeEach(() => {
    table = new ScriptTable('Ventas', FIELDS);
  });

  const run = (recordId: string, extra: Record<string, unknown> = {}) =>
    runScript(table, BASE, { recordId, apiKey: h.keys.a, baseUrl: h.url, ...extra });

  const carlosRow = () => ({
    Monto: 1160,
    Correo: CARLOS.email,
    Nombre: 'Carlos Cortes Soto',
    RFC: CARLOS.rfc,
    Régimen: { name: '612 - Personas Físicas con Actividades Empresariales y Profesionales' },
    CP: CARLOS.zip,
    'Uso CFDI': { name: 'G03 - Gastos en general' },
    Concepto: 'Clase de piano',
  });

  it('writes the UUID, the PDF and XML links back when the row has fiscal data', async () => {
    table.rows.set('rec001', carlosRow());
    const out = await run('rec001');
    const row = table.rows.get('rec001')!;
    assert.deepEqual(row['Factura - estado'], { name: 'facturada' });
    assert.match(String(row['Factura - UUID']), /^[0-9A-F-]{36}$/);
    assert.equal(row['Factura - error'], null);
    assert.equal(out.uuid, row['Factura - UUID']);
    assert.equal(out.status, 'facturada');
    const pdf = await fetch(String(row['Factura - PDF']), {
      headers: { authorization: `Bearer ${h.keys.a}` },
    });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const xml = await h.call('GET', new URL(String(row['Factura - XML'])).pathname);
    assert.ok(h.verify(xml.bytes).ok);
    assert.match(xml.bytes.toString('utf8'), /Descripcion="Clase de piano"/);
    assert.match(xml.bytes.toString('utf8'), /Rfc="COSC8001137NA"/);
  });

  it('writes the portal link when the row has no fiscal data', async () => {
    table.rows.set('rec002', { Monto: '250.00', Correo: 'ana@example.com' });
    const out = await run('rec002');
    const row = table.rows.get('rec002')!;
    assert.deepEqual(row['Factura - estado'], { name: 'esperando datos' });
    assert.match(
      String(row['Factura - portal']),
      /^http:\/\/127\.0\.0\.1\/[a-z0-9-]+\/r\/[A-Za-z0-9_-]{43}$/,
    );
    assert.equal(row['Factura - UUID'], null);
    assert.equal(out.portal, row['Factura - portal']);
    assert.match(String(row['Factura - pago']), /^pay_/);
  });

  it('says in "Factura - error" what to fix when the RFC is invalid, then invoices once it is fixed', async () => {
    table.rows.set('rec003', { ...carlosRow(), RFC: 'COSC8001137NX' });
    const out = await run('rec003');
    const row = table.rows.get('rec003')!;
    assert.deepEqual(row['Factura - estado'], { name: 'error' });
    assert.match(String(row['Factura - error']), /RFC del receptor "COSC8001137NX" no es un RFC válido/);
    assert.match(String(row['Factura - error']), /Constancia de Situación Fiscal/);
    assert.equal(out.error, row['Factura - error']);
    const paymentId = row['Factura - pago'];

    row.RFC = CARLOS.rfc;
    await run('rec003');
    assert.deepEqual(row['Factura - estado'], { name: 'facturada' });
    assert.match(String(row['Factura - UUID']), /^[0-9A-F-]{36}$/);
    assert.equal(row['Factura - error'], null);
    assert.equal(row['Factura - pago'], paymentId, 'the same payment, now invoiced');
  });

  it('does not issue twice when the script runs again for the same record', async () => {
    table.rows.set('rec004', carlosRow());
    await run('rec004');
    const first = table.rows.get('rec004')!['Factura - UUID'];
    await run('rec004');
    await run('rec004');
    assert.equal(table.rows.get('rec004')!['Factura - UUID'], first);
    const payment = await h.store.payments.findByExternalId(
      h.merchantIds.a,
      'api_test',
      `airtable:${BASE}:rec004`,
    );
    assert.ok(payment);
    const invoices = await h.call('GET', `/v1/invoices?payment_id=${payment.id}`);
    assert.equal(invoices.json.data.length, 1);
  });

  it('writes "emitiendo" when autofactura does not answer in time, and a later run fills in the UUID', async () => {
    table.rows.set('rec005', carlosRow());
    await run('rec005', { timeoutMs: 1 });
    const row = table.rows.get('rec005')!;
    assert.deepEqual(row['Factura - estado'], { name: 'emitiendo' });
    assert.equal(row['Factura - UUID'], undefined);
    await new Promise((done) => setTimeout(done, 500));
    await run('rec005');
    assert.deepEqual(row['Factura - estado'], { name: 'facturada' });
    assert.match(String(row['Factura - UUID']), /^[0-9A-F-]{36}$/);
    const payment = await h.store.payments.findByExternalId(
      h.merchantIds.a,
      'api_test',
      `airtable:${BASE}:rec005`,
    );
    const invoices = await h.call('GET', `/v1/invoices?payment_id=${payment!.id}`);
    assert.equal(invoices.json.data.length, 1);
  });

  it('asks for its input variables when they are missing', async () => {
    table.rows.set('rec006', carlosRow());
    const out = await runScript(table, BASE, { recordId: 'rec006' });
    assert.match(String(out.error), /recordId, apiKey y baseUrl/);
    assert.deepEqual(table.rows.get('rec006')!['Factura - estado'], { name: 'error' });
  });
});
