import assert from 'node:assert/strict';
import { type ApiHarness, apiHarness, CARLOS } from './api-harness.js';

const { email: _email, ...CARLOS_FISCAL } = CARLOS;
/** A persona moral (SAT's test RFC URE180429TM6) registered in régimen 601. */
const URE = {
  rfc: 'URE180429TM6',
  name: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
  tax_regime: '601',
  zip: '86991',
  cfdi_use: 'G03',
};

describe('REST API /v1/customers (real server)', () => {
  let h: ApiHarness;
  before(async () => {
    h = await apiHarness();
  });
  after(async () => {
    await h.close();
  });

  const create = (body: unknown, key?: string) =>
    h.call('POST', '/v1/customers', { body, ...(key ? { key } : {}) });

  it('creates a customer with valid fiscal data and reads it back', async () => {
    const res = await create({ email: 'Compras@URE.mx', external_id: 'crm-1', fiscal: URE });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.equal(res.json.email, 'compras@ure.mx');
    assert.deepEqual(res.json.source_ids, { api: 'crm-1' });
    assert.equal(res.json.fiscal.tax_regime, '601');
    assert.ok(res.json.fiscal_validated_at);
    const got = await h.call('GET', `/v1/customers/${res.json.id}`);
    assert.deepEqual(got.json, res.json);
  });

  it('refuses fiscal data that cannot be invoiced, naming each field, and stores nothing', async () => {
    const res = await create({
      email: 'mal@example.com',
      fiscal: { ...URE, name: 'UNIVERSIDAD ROBOTICA ESPAÑOLA S.A. DE C.V.', tax_regime: '612', zip: '00000' },
    });
    assert.equal(res.status, 422, JSON.stringify(res.json));
    const params = res.json.error.details.map((d: { param: string }) => d.param).sort();
    assert.deepEqual(params, ['fiscal.name', 'fiscal.tax_regime', 'fiscal.zip']);
    assert.ok(res.json.error.details.some((d: { message: string }) => /S\.A\. DE C\.V\./i.test(d.message)));
    const search = await h.call('GET', '/v1/customers?email=mal@example.com');
    assert.deepEqual(search.json.data, []);
    const incomplete = await create({ fiscal: { rfc: URE.rfc } });
    assert.equal(incomplete.status, 422);
    assert.equal(incomplete.json.error.code, 'FISCAL_DATA_REQUIRED');
    const typo = await create({ email: 'x@example.com', fiscal: { ...URE, regimen: '601' } });
    assert.equal(typo.status, 400);
    assert.equal(typo.json.error.param, 'fiscal.regimen');
    const nobody = await create({ name: 'Sin datos' });
    assert.equal(nobody.status, 422);
    assert.equal(nobody.json.error.code, 'CUSTOMER_UNIDENTIFIED');
  });

  it('refuses a second customer with the same RFC or email with 409', async () => {
    const res = await create({ email: 'otra@ure.mx', fiscal: URE });
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, 'CUSTOMER_EXISTS');
  });

  it('updates fiscal data through PATCH, validated over what is stored', async () => {
    const carlos = (await create({ email: 'carlos@example.com', fiscal: CARLOS_FISCAL })).json;
    const wrongUse = await h.call('PATCH', `/v1/customers/${carlos.id}`, {
      body: { fiscal: { cfdi_use: 'CN01' } },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(wrongUse.status, 422);
    assert.equal(wrongUse.json.error.code, 'CFDI40161');
    assert.equal(wrongUse.json.error.param, 'fiscal.cfdi_use');
    const moral = await h.call('PATCH', `/v1/customers/${carlos.id}`, {
      body: { fiscal: { tax_regime: '601' } },
    });
    assert.equal(moral.json.error.code, 'CFDI40158');
    const unchanged = await h.call('GET', `/v1/customers/${carlos.id}`);
    assert.equal(unchanged.json.fiscal.cfdi_use, 'G03');
    const ok = await h.call('PATCH', `/v1/customers/${carlos.id}`, {
      body: { name: 'Carlos', fiscal: { tax_regime: '626', cfdi_use: 'G01' } },
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    assert.equal(ok.json.fiscal.tax_regime, '626');
    assert.equal(ok.json.fiscal.rfc, CARLOS.rfc);
    assert.equal(ok.json.name, 'Carlos');
  });

  it('validates stored or candidate fiscal data without saving: { valid, errors: [{ code, message, param }] }', async () => {
    const noFiscal = (await create({ email: 'solo-correo@example.com' })).json;
    assert.equal(noFiscal.fiscal, null);
    const missing = await h.call('POST', `/v1/customers/${noFiscal.id}/validate`);
    assert.equal(missing.status, 200);
    assert.equal(missing.json.valid, false);
    assert.equal(missing.json.errors.length, 5);
    assert.ok(missing.json.errors.every((e: { code: string }) => e.code === 'FISCAL_DATA_REQUIRED'));
    const candidate = await h.call('POST', `/v1/customers/${noFiscal.id}/validate`, {
      body: { fiscal: { ...CARLOS_FISCAL, rfc: 'XAXX010101000' } },
      headers: { 'accept-language': 'en' },
    });
    assert.deepEqual(
      candidate.json.errors.map((e: { code: string; param: string }) => [e.code, e.param]),
      [['FISCAL_RFC_GENERIC', 'fiscal.rfc']],
    );
    assert.match(candidate.json.errors[0].message, /generic RFC/);
    const good = await h.call('POST', `/v1/customers/${noFiscal.id}/validate`, { body: { fiscal: URE } });
    assert.deepEqual(good.json, { object: 'customer_validation', valid: true, errors: [] });
    assert.equal((await h.call('GET', `/v1/customers/${noFiscal.id}`)).json.fiscal, null);
  });

  it('lists customers in cursor pages and finds one by RFC or email', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { data: { id: string }[]; next_cursor: string | null } } = await h.call(
        'GET',
        `/v1/customers?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.json.data.map((c) => c.id));
      cursor = page.json.next_cursor;
    } while (cursor);
    assert.equal(seen.length, 3);
    assert.equal(new Set(seen).size, 3);
    const byRfc = await h.call('GET', `/v1/customers?rfc=${URE.rfc.toLowerCase()}`);
    assert.equal(byRfc.json.data[0].fiscal.rfc, URE.rfc);
    const byEmail = await h.call('GET', '/v1/customers?email=COMPRAS@ure.mx');
    assert.equal(byEmail.json.data[0].id, byRfc.json.data[0].id);
  });

  it("keeps customers per merchant: another merchant's ids are 404 and its lists are empty", async () => {
    const mine = (await h.call('GET', `/v1/customers?rfc=${URE.rfc}`)).json.data[0];
    const other = { key: h.keys.b };
    for (const [method, path, body] of [
      ['GET', `/v1/customers/${mine.id}`, undefined],
      ['PATCH', `/v1/customers/${mine.id}`, { name: 'Robado' }],
      ['POST', `/v1/customers/${mine.id}/validate`, undefined],
    ] as const) {
      const res = await h.call(method, path, { ...other, ...(body ? { body } : {}) });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.json.error.code, 'CUSTOMER_NOT_FOUND');
    }
    assert.deepEqual((await h.call('GET', `/v1/customers?rfc=${URE.rfc}`, other)).json.data, []);
    assert.deepEqual((await h.call('GET', '/v1/customers', other)).json.data, []);
    const theirs = await create({ email: 'compras@ure.mx', fiscal: URE }, h.keys.b);
    assert.equal(theirs.status, 201);
    const unauthenticated = await h.call('GET', '/v1/customers', { key: null });
    assert.equal(unauthenticated.status, 401);
  });
});
