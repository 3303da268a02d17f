/**
 * A merchant onboards from scratch through the real server (#5): sign-up, the CSD (SAT's test CSD
 * EKU9003173C9), fiscal data with series and next folio, branding with a logo, colors and slug, the
 * default product, automation, the PAC, and the Stripe connection; then API keys (shown once) and the
 * rule that secrets never come back in a page.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  type Client,
  type DashboardHarness,
  dashboardHarness,
  type FilePart,
  PASSWORD,
} from './dashboard-harness.js';

const PUBLIC_URL = 'https://factura.example.mx';
const STRIPE_SECRET = `whsec_${'Zk3pQ9rT2vX8yB4nM6cD1fG5hJ7kL0sA'}`;
const CSD_PASSWORD = '12345678a';
const NO_FILE: FilePart = { name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) };

describe('dashboard onboarding', () => {
  let h: DashboardHarness;
  let c: Client;
  /** Every page the merchant saw, to look for secrets afterwards. */
  const seen: string[] = [];
  const get = async (path: string) => {
    const page = await c.get(path);
    seen.push(page.text);
    return page;
  };
  let merchantId = '';
  let testKey = '';
  let liveKey = '';

  before(async () => {
    h = await dashboardHarness({ publicUrl: PUBLIC_URL });
    c = h.client();
  });
  after(() => h.close());

  it('signs up and lands on the CSD step', async () => {
    await get('/dashboard/signup');
    const mismatch = await c.post('/dashboard/signup', {
      email: 'lucia@example.com',
      password: PASSWORD,
      password2: 'otra frase distinta',
    });
    assert.equal(mismatch.status, 422);
    assert.match(mismatch.text, /Las dos contraseñas no coinciden/);
    const short = await c.post('/dashboard/signup', {
      email: 'lucia@example.com',
      password: 'corta',
      password2: 'corta',
    });
    assert.equal(short.status, 422);
    const answer = await c.post('/dashboard/signup', {
      email: 'lucia@example.com',
      password: PASSWORD,
      password2: PASSWORD,
    });
    assert.equal(answer.status, 303);
    assert.equal(answer.location, '/dashboard/onboarding/csd');
    assert.equal(
      (await get('/dashboard')).location,
      '/dashboard/onboarding/csd',
      'no merchant yet: onboarding first',
    );
    const csd = await get('/dashboard/onboarding/csd');
    assert.equal(csd.status, 200);
    assert.match(csd.text, /aria-current="step"/);
    assert.match(csd.text, /enctype="multipart\/form-data"/);
  });

  it('refuses a CSD with the wrong password or a missing file, saying what to do', async () => {
    const files = await h.csd();
    const wrong = await c.upload(
      '/dashboard/onboarding/csd',
      { password: 'no-es-esta', regime: '601', zip: '42501' },
      files,
    );
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /notice--bad/);
    assert.match(wrong.text, /contraseña/i);
    assert.doesNotMatch(wrong.text, /no-es-esta/, 'the typed password is not sent back');
    const missing = await c.upload(
      '/dashboard/onboarding/csd',
      { password: CSD_PASSWORD, regime: '601', zip: '42501' },
      { cer: files.cer, key: NO_FILE },
    );
    assert.equal(missing.status, 422);
    assert.match(missing.text, /Sube los dos archivos del CSD/);
    assert.equal((await h.store.dashboardUsers.findByEmail('lucia@example.com'))?.merchantId, undefined);
  });

  it('creates the merchant from the CSD and shows both API keys once', async () => {
    const created = await c.upload(
      '/dashboard/onboarding/csd',
      { password: CSD_PASSWORD, regime: '601', zip: '42501' },
      await h.csd(),
    );
    seen.push(created.text);
    assert.equal(created.status, 201);
    assert.match(created.text, /ESCUELA KEMPER URGATE/);
    assert.match(created.text, /EKU9003173C9/);
    testKey = /af_test_[A-Za-z0-9_-]+/.exec(created.text)?.[0] ?? '';
    liveKey = /af_live_[A-Za-z0-9_-]+/.exec(created.text)?.[0] ?? '';
    assert.ok(testKey.length > 30 && liveKey.length > 30, 'both keys in full');
    const user = await h.store.dashboardUsers.findByEmail('lucia@example.com');
    merchantId = user?.merchantId ?? '';
    assert.ok(merchantId);
    const merchant = await h.store.merchants.get(merchantId);
    assert.equal(merchant?.rfc, 'EKU9003173C9');
    assert.doesNotMatch(
      JSON.stringify(merchant),
      new RegExp(CSD_PASSWORD),
      'the CSD password is stored encrypted',
    );
  });

  it('saves fiscal data, series and the next folio, showing errors beside their fields', async () => {
    await get('/dashboard/onboarding/fiscal');
    const bad = await c.post('/dashboard/onboarding/fiscal', {
      name: 'ESCUELA KEMPER URGATE',
      regime: '601',
      zip: '123',
      seriesInvoice: 'FAC',
      seriesCreditNote: 'NC',
      seriesGlobal: 'GL',
      nextFolio: '',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /id="zip-error">[^<]+</, 'the zip code problem shown at the zip field');
    assert.match(bad.text, /value="FAC"/, 'what was typed stays');
    const badFolio = await c.post('/dashboard/onboarding/fiscal', {
      name: 'ESCUELA KEMPER URGATE',
      regime: '601',
      zip: '42501',
      seriesInvoice: 'FAC',
      seriesCreditNote: 'NC',
      seriesGlobal: 'GL',
      nextFolio: 'mil',
    });
    assert.equal(badFolio.status, 422);
    assert.match(badFolio.text, /El siguiente folio debe ser un número entero positivo/);
    const saved = await c.post('/dashboard/onboarding/fiscal', {
      name: 'ESCUELA KEMPER URGATE',
      regime: '601',
      zip: '42501',
      seriesInvoice: 'fac',
      seriesCreditNote: 'NC',
      seriesGlobal: 'GL',
      nextFolio: '1201',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/dashboard/onboarding/branding');
    const merchant = await h.store.merchants.get(merchantId);
    assert.deepEqual(merchant?.settings.series, { invoice: 'FAC', creditNote: 'NC', global: 'GL' });
  });

  it('brands the portal with a logo, colors, texts and a slug', async () => {
    const page = await get('/dashboard/onboarding/branding');
    assert.match(page.text, />factura\.example\.mx\/<\/span>/, 'the portal address prefix');
    const logo = await readFile(new URL('../../portal/demo/logo.png', import.meta.url));
    const fields = {
      tradeName: 'Escuela Kemper',
      slug: 'escuela-kemper',
      color: '#0F766E',
      secondaryColor: '#F59E0B',
      welcomeText: 'Factura tus colegiaturas aquí.',
      supportEmail: 'facturas@kemper.example',
      phone: '+52 771 123 4567',
      whatsapp: '527711234567',
      social_instagram: 'https://instagram.com/kemper',
    };
    const notImage = await c.upload('/dashboard/onboarding/branding', fields, {
      logo: { name: 'logo.png', type: 'image/png', bytes: Buffer.from('%PDF-1.7 not an image') },
    });
    assert.equal(notImage.status, 422, 'a renamed file is refused by its bytes');
    assert.match(
      notImage.text,
      /id="logo-error">El archivo no es una imagen PNG o JPEG/,
      'beside the logo field',
    );
    assert.match(notImage.text, /value="escuela-kemper"/, 'what was typed stays');
    const badColor = await c.upload(
      '/dashboard/onboarding/branding',
      { ...fields, color: 'verde' },
      { logo: NO_FILE },
    );
    assert.equal(badColor.status, 422);
    assert.match(badColor.text, /id="color-error">[^<]+</);
    const saved = await c.upload('/dashboard/onboarding/branding', fields, {
      logo: { name: 'logo.png', type: 'image/png', bytes: logo },
    });
    assert.equal(saved.status, 303, saved.text.slice(0, 400));
    assert.equal(saved.location, '/dashboard/onboarding/product');
    const merchant = await h.store.merchants.get(merchantId);
    assert.equal(merchant?.branding.slug, 'escuela-kemper');
    assert.equal(merchant?.branding.color?.toUpperCase(), '#0F766E');
    assert.ok(merchant?.branding.logoBlob);
    const served = await c.get('/dashboard/logo');
    assert.equal(served.status, 200);
    assert.deepEqual(served.bytes, logo);
    const again = await get('/dashboard/settings/branding');
    assert.match(
      again.text,
      /cambias la dirección, los enlaces y QR/,
      'changing the slug breaks old links: said',
    );
    assert.match(again.text, /\/dashboard\/branding\/preview\.css\?color=%230F766E&amp;secondary=%23F59E0B/i);
    const css = await c.get('/dashboard/branding/preview.css?color=%230F766E&secondary=%23F59E0B');
    assert.equal(css.text.trim(), '.preview-card{--p:#0F766E;--s:#F59E0B}');
    const injected = await c.get(
      '/dashboard/branding/preview.css?color=red%7Dbody%7Bdisplay:none&secondary=%23F59E0B',
    );
    assert.doesNotMatch(injected.text, /display/, 'only #RRGGBB reaches the stylesheet');
  });

  it('sets the default product from the SAT catalog, with a search for its key', async () => {
    const search = await c.get('/dashboard/catalogs/products?q=servicios%20educativos');
    const items = (JSON.parse(search.text) as { items: { key: string; description: string }[] }).items;
    assert.ok(items.length > 0);
    assert.ok(
      items.every((i) => /educativ/i.test(i.description.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))),
    );
    const byKey = JSON.parse((await c.get('/dashboard/catalogs/products?q=8610')).text) as {
      items: { key: string }[];
    };
    assert.ok(byKey.items.length > 0 && byKey.items.every((i) => i.key.startsWith('8610')));
    await get('/dashboard/onboarding/product');
    const bad = await c.post('/dashboard/onboarding/product', {
      productKey: '99999999',
      unitKey: 'E48',
      description: 'Colegiatura',
      iva: '0.16',
    });
    assert.equal(bad.status, 422);
    const saved = await c.post('/dashboard/onboarding/product', {
      productKey: '86121500',
      unitKey: 'E48',
      description: 'Colegiatura mensual',
      iva: 'exento',
      taxIncluded: '1',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/dashboard/onboarding/automation');
    const product = (await h.store.merchants.get(merchantId))?.settings.defaultProduct;
    assert.equal(product?.productKey, '86121500');
    assert.deepEqual(product?.taxes, [{ type: 'IVA', factor: 'Exento' }]);
    assert.equal(product?.taxIncluded, true);
  });

  it('chooses the automation, the PAC and connects Stripe with its webhook URL and secret', async () => {
    const auto = await get('/dashboard/onboarding/automation');
    assert.match(auto.text, /name="automation" value="auto" checked/);
    const automation = await c.post('/dashboard/onboarding/automation', {
      automation: 'invoice',
      receiptDays: '15',
      globalPeriodicity: 'monthly',
      refundPolicy: 'credit_note',
    });
    assert.equal(automation.location, '/dashboard/onboarding/pac');
    await get('/dashboard/onboarding/pac');
    const noCredentials = await c.post('/dashboard/onboarding/pac', { pac: 'finkok' });
    assert.equal(noCredentials.status, 422);
    assert.match(noCredentials.text, /credenciales de tu cuenta de Finkok/);
    const pac = await c.post('/dashboard/onboarding/pac', { pac: 'sandbox' });
    assert.equal(pac.location, '/dashboard/onboarding/connections');
    const connections = await get('/dashboard/onboarding/connections');
    assert.match(connections.text, new RegExp(`value="${PUBLIC_URL}/webhooks/stripe/${merchantId}"`));
    assert.match(connections.text, /Sin conectar/);
    const bad = await c.post('/dashboard/onboarding/connections', {
      stripeSecret: 'sk_live_not_a_webhook_secret',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /empieza con whsec_/);
    assert.doesNotMatch(bad.text, /sk_live_not_a_webhook_secret/);
    const saved = await c.post('/dashboard/onboarding/connections', { stripeSecret: STRIPE_SECRET });
    assert.equal(saved.location, '/dashboard?welcome=1');
    const merchant = await h.store.merchants.get(merchantId);
    assert.equal(merchant?.settings.automation, 'invoice');
    assert.equal(merchant?.settings.receiptDays, 15);
    assert.ok(merchant?.secrets['stripe.webhook_secret']);
    assert.doesNotMatch(JSON.stringify(merchant), /Zk3pQ9rT2vX8yB4nM6cD1fG5hJ7kL0sA/, 'stored encrypted');
    const after = await get('/dashboard/settings/connections');
    assert.match(after.text, /Configurado/);

    // Connect account and API key: checked before anything is saved, the key kept encrypted and never shown.
    const badAccount = await c.post('/dashboard/settings/connections', {
      stripeAccount: 'cuenta-123',
      stripeApiKey: 'rk_live_Zq9xY8wV7uT6sR5qP4oN3m',
    });
    assert.equal(badAccount.status, 422);
    assert.match(badAccount.text, /empieza con acct_/);
    assert.equal(
      (await h.store.merchants.get(merchantId))?.secrets['stripe.api_key'],
      undefined,
      'nothing saved',
    );
    const linked = await c.post('/dashboard/settings/connections', {
      stripeAccount: 'acct_1KemperTest01',
      stripeApiKey: 'rk_live_Zq9xY8wV7uT6sR5qP4oN3m',
    });
    assert.equal(linked.status, 303);
    const withKey = await h.store.merchants.get(merchantId);
    assert.equal(withKey?.connections?.['stripe.account'], 'acct_1KemperTest01');
    assert.ok(withKey?.secrets['stripe.api_key']);
    assert.doesNotMatch(JSON.stringify(withKey), /Zq9xY8wV7uT6sR5qP4oN3m/, 'the API key is stored encrypted');
    const shown = await get('/dashboard/settings/connections');
    assert.match(shown.text, /value="acct_1KemperTest01"/);
    assert.match(shown.text, /Guardada \(escribe otra para reemplazarla\)/);
    assert.doesNotMatch(shown.text, /Zq9xY8wV7uT6sR5qP4oN3m/);
    await c.post('/dashboard/settings/connections', { stripeAccount: '', stripeApiKeyRemove: '1' });
    const unlinked = await h.store.merchants.get(merchantId);
    assert.equal(unlinked?.connections?.['stripe.account'], undefined);
    assert.equal(unlinked?.secrets['stripe.api_key'], undefined);
    const home = await get('/dashboard?welcome=1');
    assert.match(home.text, /Listo, tu comercio está configurado/);
    assert.match(home.text, /href="\/escuela-kemper"/);
  });

  it('invoices the next live payment with the series and folio set in onboarding', async () => {
    const paid = await h.pay(liveKey, {
      amount: '2500.00',
      method: 'transfer',
      customer: {
        email: 'carlos@example.com',
        name: 'CARLOS CORTES SOTO',
        rfc: 'COSC8001137NA',
        tax_regime: '612',
        zip: '52000',
        cfdi_use: 'D10',
      },
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.json));
    const payment = await h.settle(merchantId, paid.json.id);
    assert.equal(payment.status, 'invoiced');
    const invoice = await h.store.invoices.get(merchantId, payment.invoiceId!);
    assert.equal(`${invoice?.series}-${invoice?.folio}`, 'FAC-1201');
    const list = await get('/dashboard/invoices');
    assert.match(list.text, /FAC-1201/);
  });

  it('creates an API key shown once, lists only its prefix, and revokes it', async () => {
    const page = await get('/dashboard/settings/api-keys');
    assert.equal((page.text.match(/<tr>/g) ?? []).length - 1, 2, 'the two keys of onboarding');
    const created = await c.post('/dashboard/settings/api-keys', { mode: 'live' });
    assert.equal(created.status, 201);
    assert.equal(created.headers['cache-control'], 'no-store');
    const key = /value="(af_live_[^"]+)"/.exec(created.text)?.[1] ?? '';
    assert.ok(key.length > 30);
    const me = await fetch(`${h.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(me.status, 200, 'the new key works');
    const list = await get('/dashboard/settings/api-keys');
    assert.doesNotMatch(list.text, new RegExp(key), 'never shown again');
    assert.match(list.text, new RegExp(`${key.slice(0, 16)}…`), 'its prefix');
    const id = (await h.store.merchants.get(merchantId))?.apiKeys.find((k) => key.startsWith(k.prefix))?.id;
    const revoked = await c.post(`/dashboard/settings/api-keys/${id}/revoke`);
    assert.equal(revoked.status, 303);
    const refused = await fetch(`${h.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(refused.status, 401, 'a revoked key opens nothing');
    assert.match((await get('/dashboard/settings/api-keys')).text, /Revocada/);
  });

  it('never shows a secret in a page except the keys shown once on purpose', async () => {
    for (const path of [
      '/dashboard',
      '/dashboard/settings/csd',
      '/dashboard/settings/fiscal',
      '/dashboard/settings/pac',
      '/dashboard/settings/connections',
      '/dashboard/settings/api-keys',
      '/dashboard/payments',
    ]) {
      await get(path);
    }
    const createdPage = seen.findIndex((text) => text.includes(testKey));
    seen.forEach((text, index) => {
      assert.doesNotMatch(text, /12345678a/, 'the CSD password');
      assert.doesNotMatch(text, /Zk3pQ9rT2vX8yB4nM6cD1fG5hJ7kL0sA/, 'the Stripe secret');
      assert.doesNotMatch(text, /-----BEGIN|MII[A-Za-z0-9+/]{40}/, 'the key or certificate');
      if (index !== createdPage) {
        assert.ok(!text.includes(testKey) && !text.includes(liveKey), `an API key in page ${index}`);
      }
    });
  });
});
