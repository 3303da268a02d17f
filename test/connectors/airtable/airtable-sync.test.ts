import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/run-cli.js';
import { type ApiHarness, apiHarness, CARLOS } from '../../portal/api-harness.js';
import { type FakeAirtable, type FakeTable, fakeAirtable } from './fake-airtable.js';
import { TEMPLATE_FIELDS } from './template.js';

const BIN = new URL('../../../scripts/autofactura.js', import.meta.url).pathname;
const BASE = 'appSyncVentas01';

describe('autofactura airtable sync (#9), against a fake Airtable and the real server', function () {
  this.timeout(240_000);
  let h: ApiHarness;
  let fake: FakeAirtable;
  let dataDir: string;
  let env: Record<string, string>;

  before(async () => {
    h = await apiHarness();
  });
  after(async () => {
    await h.close();
  });
  beforeEach(async () => {
    fake = await fakeAirtable(BASE);
    dataDir = await mkdtemp(join(tmpdir(), 'autofactura-airtable-'));
    env = {
      AIRTABLE_TOKEN: fake.token,
      AIRTABLE_ENDPOINT_URL: fake.url,
      AIRTABLE_RATE_LIMIT_WAIT_MS: '1500',
      AUTOFACTURA_URL: h.url,
      AUTOFACTURA_API_KEY: h.keys.b,
      AUTOFACTURA_DATA_DIR: dataDir,
    };
  });
  afterEach(async () => {
    const violations = [...fake.violations];
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
    assert.deepEqual(violations, [], 'the sync broke an Airtable limit');
  });

  function sales(table: FakeTable, count: number, prefix: string) {
    for (let n = 1; n <= count; n++) {
      const fiscal = n % 25 === 0;
      table.records.push({
        id: `rec${prefix}${String(n).padStart(5, '0')}`,
        createdTime: new Date().toISOString(),
        fields: {
          Venta: `V-${n}`,
          Monto: 100 + n,
          Correo: `cliente${n}@example.com`,
          ...(fiscal
            ? {
                Nombre: CARLOS.name,
                RFC: CARLOS.rfc,
                Régimen: '612',
                CP: CARLOS.zip,
                'Uso CFDI': 'G03 - Gastos en general',
                Concepto: `Venta ${n}`,
              }
            : {}),
        },
      });
    }
  }

  async function paymentsOfB() {
    const all: { id: string; externalId: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.store.payments.list(h.merchantIds.b, {
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      all.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return all;
  }

  it('registers 250 rows once each and writes every one back, also after a kill -9 in the middle and a 429', async () => {
    const table = fake.addTable('Ventas', TEMPLATE_FIELDS);
    sales(table, 250, 'A');

    const child = spawn(process.execPath, [BIN, 'airtable', 'sync', '--base', BASE, '--table', 'Ventas'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let firstErr = '';
    child.stderr.on('data', (chunk) => {
      firstErr += chunk;
    });
    const exited = new Promise((done) => child.on('exit', done));
    while (fake.writes.length < 6) {
      assert.equal(child.exitCode, null, `the sync ended before it was killed: ${firstErr}`);
      await new Promise((done) => setTimeout(done, 50));
    }
    child.kill('SIGKILL');
    await exited;
    assert.match(firstErr, /Filas por registrar: 250/);
    const writtenBeforeKill = new Set(fake.writes.flat()).size;
    assert.ok(
      writtenBeforeKill >= 60 && writtenBeforeKill < 250,
      `${writtenBeforeKill} written before the kill`,
    );

    fake.rateLimitNext(1);
    const second = await runCli(['airtable', 'sync', '--base', BASE, '--table', 'Ventas'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /Airtable pidió esperar \(429\): reintento en 2 s/);
    assert.match(second.stderr, /registradas, \d+ escritas en Airtable/);

    const payments = await paymentsOfB();
    assert.equal(payments.length, 250, 'one payment per row, none twice');
    assert.equal(new Set(payments.map((p) => p.externalId)).size, 250);
    const byExternal = new Map(payments.map((p) => [p.externalId, p.id]));
    for (const row of table.records) {
      const paymentId = row.fields['Factura - pago'];
      assert.equal(paymentId, byExternal.get(`airtable:${BASE}:${row.id}`), `row ${row.id}`);
      if (row.fields.RFC) {
        assert.equal(row.fields['Factura - estado'], 'facturada', JSON.stringify(row.fields));
        assert.match(String(row.fields['Factura - UUID']), /^[0-9A-F-]{36}$/);
        assert.match(String(row.fields['Factura - PDF']), /\/v1\/invoices\/inv_\w+\/pdf$/);
      } else {
        assert.equal(row.fields['Factura - estado'], 'esperando datos', JSON.stringify(row.fields));
        assert.match(String(row.fields['Factura - portal']), /\/r\/[A-Za-z0-9_-]{43}$/);
      }
    }
    const uuids = table.records.map((r) => r.fields['Factura - UUID']).filter(Boolean);
    assert.equal(uuids.length, 10);
    assert.equal(new Set(uuids).size, 10);
    for (const batch of fake.writes) assert.ok(batch.length <= 10);

    // Nothing changed since: a third run reads the open rows again and writes nothing.
    const writes = fake.writes.length;
    const third = await runCli(['airtable', 'sync', '--base', BASE, '--table', 'Ventas', '--json'], env);
    assert.equal(third.code, 0, third.stderr);
    const report = JSON.parse(third.stdout.trim());
    assert.equal(report.listed, 240);
    assert.equal(report.written, 0);
    assert.equal(report.unchanged, 240);
    assert.equal(fake.writes.length, writes);
    assert.equal((await paymentsOfB()).length, 250);
  });

  it('writes the rest of a batch Airtable refuses with 422 and names the refused row', async () => {
    const table = fake.addTable('Ventas', TEMPLATE_FIELDS);
    sales(table, 12, 'B');
    fake.refuse.add('recB00003');
    const run = await runCli(['airtable', 'sync', '--base', BASE, '--table', 'Ventas', '--lang', 'en'], env);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /AIRTABLE_ROW_FAILED recB00003 Airtable no aceptó la respuesta de autofactura: .*cannot accept/,
    );
    assert.match(run.stdout, /Listed 12, registered 12, written 11/);
    for (const row of table.records) {
      if (row.id === 'recB00003') assert.equal(row.fields['Factura - estado'], undefined);
      else assert.equal(row.fields['Factura - estado'], 'esperando datos');
    }
  });

  it('init says which template fields a base lacks, in Spanish and English', async () => {
    fake.addTable(
      'Ventas',
      TEMPLATE_FIELDS.filter(([name]) => name !== 'Factura - UUID' && name !== 'Concepto').map(
        ([name, type]) => (name === 'Factura - portal' ? [name, 'checkbox'] : [name, type]),
      ),
    );
    const es = await runCli(['airtable', 'init', '--base', BASE], env);
    assert.equal(es.code, 1);
    assert.match(
      es.stderr,
      /AIRTABLE_FIELD_MISSING Falta el campo obligatorio "Factura - UUID" .* créalo de tipo singleLineText/,
    );
    assert.match(es.stderr, /AIRTABLE_FIELD_MISSING Falta el campo opcional "Concepto"/);
    assert.match(
      es.stderr,
      /AIRTABLE_FIELD_TYPE El campo "Factura - portal" es de tipo checkbox; .* cámbialo a url/,
    );
    const en = await runCli(['airtable', 'init', '--base', BASE, '--table', 'Sales', '--lang', 'en'], env);
    assert.equal(en.code, 1);
    assert.match(en.stderr, /AIRTABLE_TABLE_MISSING The base has no table "Sales" \(it has: "Ventas"\)/);

    fake.addTable('Completa', TEMPLATE_FIELDS);
    const ok = await runCli(['airtable', 'init', '--base', BASE, '--table', 'Completa'], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /La tabla "Completa" tiene todo lo de la plantilla/);
  });
});
