import assert from 'node:assert/strict';
import { type ApiHarness, apiHarness } from './api-harness.js';

interface Entry {
  key: string;
  description: string;
  persona_fisica?: boolean;
  persona_moral?: boolean;
  tax_regimes?: string[];
}

describe('REST API /v1/catalogs for no-code dropdowns (real server)', () => {
  let h: ApiHarness;
  before(async () => {
    h = await apiHarness();
  });
  after(async () => {
    await h.close();
  });

  const catalog = async (path: string): Promise<Entry[]> => {
    const res = await h.call('GET', `/v1/catalogs/${path}`);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return res.json.data;
  };

  it('lists régimenes with the person types that may use them', async () => {
    const regimes = await catalog('tax_regimes');
    const byKey = new Map(regimes.map((r) => [r.key, r]));
    assert.deepEqual([byKey.get('601')?.persona_moral, byKey.get('601')?.persona_fisica], [true, false]);
    assert.equal(byKey.get('612')?.persona_fisica, true);
    assert.equal(byKey.get('626')?.persona_moral, true);
  });

  it('lists usos with their allowed régimenes, and filters them by ?tax_regime', async () => {
    const all = await catalog('cfdi_uses');
    assert.ok(all.find((u) => u.key === 'G03')?.tax_regimes?.includes('601'));
    const for605 = await catalog('cfdi_uses?tax_regime=605');
    assert.ok(for605.length < all.length);
    assert.ok(for605.every((u) => u.tax_regimes?.includes('605')));
    assert.ok(for605.some((u) => u.key === 'CN01'));
    assert.ok(!(await catalog('cfdi_uses?tax_regime=601')).some((u) => u.key === 'CN01'));
    const bad = await h.call('GET', '/v1/catalogs/cfdi_uses?tax_regime=999');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.param, 'tax_regime');
  });

  it('lists formas de pago and currencies', async () => {
    const forms = await catalog('payment_forms');
    assert.equal(forms.find((f) => f.key === '04')?.description, 'Tarjeta de crédito');
    const currencies = await catalog('currencies');
    assert.ok(currencies.some((c) => c.key === 'MXN'));
  });

  it('searches product and unit keys by words (accents ignored) or key prefix, limited', async () => {
    const phones = await catalog('product_keys?q=telefono%20celular&limit=5');
    assert.ok(phones.length > 0 && phones.length <= 5);
    assert.equal(phones[0]?.key, '43191501'); // "Teléfonos móviles", similar: "Celular o Smartphone"
    assert.equal((await catalog('product_keys?q=software&limit=7')).length, 7);
    const byKey = await catalog('product_keys?q=8612');
    assert.ok(byKey.length > 0);
    assert.ok(byKey.every((p) => p.key.startsWith('8612')));
    const units = await catalog('unit_keys?q=servicio');
    assert.ok(units.some((u) => u.key === 'E48'));
    const missing = await h.call('GET', '/v1/catalogs/product_keys');
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.code, 'CATALOG_QUERY_REQUIRED');
    const tooMany = await h.call('GET', '/v1/catalogs/product_keys?q=agua&limit=500');
    assert.equal(tooMany.json.error.param, 'limit');
  });

  it('answers 404 for an unknown catalog and 401 without a key', async () => {
    const unknown = await h.call('GET', '/v1/catalogs/planets', { headers: { 'accept-language': 'en' } });
    assert.equal(unknown.status, 404);
    assert.match(unknown.json.error.message, /tax_regimes/);
    assert.equal((await h.call('GET', '/v1/catalogs/tax_regimes', { key: null })).status, 401);
  });
});
