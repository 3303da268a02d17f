/**
 * Dashboard login through the real server (#5): sessions, cookie flags, lockout (per account, per IP,
 * unknown emails too), logout, CSRF, safe redirects, sign-up closed, and pages under a strict CSP.
 */
import assert from 'node:assert/strict';
import { type DashboardHarness, dashboardHarness, PASSWORD } from './dashboard-harness.js';

const sessionCookie = (lines: string[]) => lines.find((line) => line.startsWith('af_session='));

describe('dashboard login', () => {
  let h: DashboardHarness;
  before(async () => {
    h = await dashboardHarness();
    await h.seedMerchant('ana@example.com', { tradeName: 'Papelería Ana' });
    await h.seedMerchant('beto@example.com', { tradeName: 'Taller Beto' });
  });
  after(() => h.close());

  it('sends / to the dashboard and the dashboard to the login page, remembering where to go', async () => {
    const c = h.client();
    assert.equal((await c.get('/')).location, '/dashboard');
    const home = await c.get('/dashboard/payments?status=failed');
    assert.equal(home.status, 302);
    assert.equal(home.location, '/dashboard/login?next=%2Fdashboard%2Fpayments%3Fstatus%3Dfailed');
    const login = await c.get(home.location);
    assert.equal(login.status, 200);
    assert.match(login.text, /<h1>Inicia sesión<\/h1>/);
    assert.match(login.text, /name="next" value="\/dashboard\/payments\?status=failed"/);
    const answer = await c.post('/dashboard/login', {
      email: 'ANA@example.com ',
      password: PASSWORD,
      next: '/dashboard/payments?status=failed',
    });
    assert.equal(answer.status, 303);
    assert.equal(answer.location, '/dashboard/payments?status=failed');
    const page = await c.get('/dashboard');
    assert.equal(page.status, 200);
    assert.match(page.text, /Hola, Papelería Ana/);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie scoped to /dashboard, not Secure on plain http', async () => {
    const c = h.client();
    const answer = await h.login(c, 'ana@example.com');
    const cookie = sessionCookie(answer.cookies);
    assert.ok(cookie, 'a session cookie');
    assert.match(cookie, /; httponly/i);
    assert.match(cookie, /; samesite=lax/i);
    assert.match(cookie, /; path=\/dashboard/i);
    assert.match(cookie, /; expires=/i);
    assert.doesNotMatch(cookie, /; secure/i);
    assert.ok((c.cookie('af_session') ?? '').length >= 43, 'a 256-bit token');
  });

  it('never reuses a session cookie the browser brought (no fixation)', async () => {
    const c = h.client();
    await h.login(c, 'ana@example.com');
    const first = c.cookie('af_session');
    await c.get('/dashboard');
    assert.equal(
      (await c.post('/dashboard/login', { email: 'ana@example.com', password: PASSWORD })).status,
      303,
    );
    const second = c.cookie('af_session');
    assert.ok(second);
    assert.notEqual(second, first);
    assert.equal(await h.af.dashboardSession(first!), null, 'the first session ended at the second login');
  });

  it('answers a wrong password and an unknown email alike, with no session', async () => {
    const c = h.client({ from: '127.0.0.5' });
    const wrong = await h.login(c, 'beto@example.com', 'not the password at all');
    const unknown = await h.login(c, 'nadie@example.com', 'not the password at all');
    for (const page of [wrong, unknown]) {
      assert.equal(page.status, 401);
      assert.match(page.text, /Correo o contraseña incorrectos/);
      assert.equal(sessionCookie(page.cookies), undefined);
    }
    assert.match(wrong.text, /value="beto@example.com"/, 'the email stays typed');
    assert.doesNotMatch(wrong.text, /not the password/, 'the password is never sent back');
  });

  it('locks an account after 5 failures, even for the right password, and not the others', async () => {
    await h.seedMerchant('carla@example.com');
    const c = h.client({ from: '127.0.0.6' });
    for (let i = 0; i < 5; i++)
      assert.equal((await h.login(c, 'carla@example.com', `wrong-${i}-password`)).status, 401);
    const locked = await h.login(c, 'carla@example.com');
    assert.equal(locked.status, 429);
    assert.match(locked.text, /Demasiados intentos fallidos/);
    assert.equal(locked.headers['retry-after'], '900');
    assert.equal(sessionCookie(locked.cookies), undefined);
    assert.equal(
      (await h.login(h.client({ from: '127.0.0.7' }), 'carla@example.com')).status,
      429,
      'from anywhere',
    );
    assert.equal((await h.login(c, 'beto@example.com')).status, 303, 'another account still logs in');
  });

  it('counts failures for unknown emails too, so the lockout reveals no account', async () => {
    const c = h.client({ from: '127.0.0.8' });
    for (let i = 0; i < 5; i++) await h.login(c, 'fantasma@example.com', 'wrong password here');
    const sixth = await h.login(c, 'fantasma@example.com', 'wrong password here');
    assert.equal(sixth.status, 429, 'an unknown email locks like a real one');
    assert.match(sixth.text, /Demasiados intentos fallidos/);
  });

  it('locks an address after 20 failures over many emails, while other addresses still log in', async () => {
    const attacker = h.client({ from: '127.0.0.9' });
    for (let i = 0; i < 20; i++) {
      assert.equal((await h.login(attacker, `guess${i}@example.com`, 'password guess 1')).status, 401);
    }
    assert.equal(
      (await h.login(attacker, 'ana@example.com')).status,
      429,
      'the right password from that address',
    );
    assert.equal((await h.login(h.client({ from: '127.0.0.10' }), 'ana@example.com')).status, 303);
  });

  it('logs out: the cookie is cleared and the old token opens nothing', async () => {
    const c = h.client();
    await h.login(c, 'ana@example.com');
    const token = c.cookie('af_session')!;
    await c.get('/dashboard');
    const out = await c.post('/dashboard/logout');
    assert.equal(out.status, 303);
    assert.equal(out.location, '/dashboard/login');
    assert.match(sessionCookie(out.cookies) ?? '', /^af_session=;.*expires=Thu, 01 Jan 1970/i);
    assert.equal(await h.af.dashboardSession(token), null);
    const again = await fetch(`${h.url}/dashboard`, {
      headers: { cookie: `af_session=${token}` },
      redirect: 'manual',
    });
    assert.equal(again.status, 302);
    assert.match(again.headers.get('location') ?? '', /^\/dashboard\/login/);
  });

  it('refuses forms without a valid CSRF token and changes nothing', async () => {
    const c = h.client();
    await c.get('/dashboard/login');
    const noToken = await c.post(
      '/dashboard/login',
      { email: 'ana@example.com', password: PASSWORD },
      { csrf: null },
    );
    assert.equal(noToken.status, 403);
    assert.match(noToken.text, /El formulario caducó/);
    assert.equal(sessionCookie(noToken.cookies), undefined);
    await h.login(c, 'ana@example.com');
    await c.get('/dashboard/settings/fiscal');
    const forged = await c.post(
      '/dashboard/settings/fiscal',
      { name: 'OTRO NOMBRE', regime: '601', zip: '42501' },
      { csrf: 'x'.repeat(43) },
    );
    assert.equal(forged.status, 403);
    const logout = await c.post('/dashboard/logout', {}, { csrf: null });
    assert.equal(logout.status, 403);
    assert.equal((await c.get('/dashboard')).status, 200, 'still logged in');
    const settings = await c.get('/dashboard/settings/fiscal');
    assert.doesNotMatch(settings.text, /OTRO NOMBRE/);
  });

  it('goes only to dashboard paths after login (no open redirect)', async () => {
    for (const next of [
      '//evil.example/x',
      'https://evil.example/',
      '/dashboard\\@evil.example',
      '/portal',
    ]) {
      const c = h.client();
      await c.get('/dashboard/login');
      const answer = await c.post('/dashboard/login', {
        email: 'beto@example.com',
        password: PASSWORD,
        next,
      });
      assert.equal(answer.location, '/dashboard', `next=${next}`);
    }
  });

  it('serves pages under a strict CSP: no inline style or script, the nonce only on the script tag', async () => {
    const c = h.client();
    await h.login(c, 'ana@example.com');
    for (const path of [
      '/dashboard/login',
      '/dashboard',
      '/dashboard/settings/branding',
      '/dashboard/payments',
    ]) {
      const page = await c.get(path);
      const csp = String(page.headers['content-security-policy']);
      assert.match(csp, /script-src 'self' 'nonce-/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.doesNotMatch(page.text, /<style/);
      assert.doesNotMatch(page.text, /\sstyle="/);
      assert.doesNotMatch(page.text, /<script(?![^>]*\ssrc=)/, `${path}: an inline script`);
      assert.doesNotMatch(page.text, /\son[a-z]+="/, `${path}: an inline event handler`);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.equal(page.headers['x-frame-options'], 'DENY');
    }
    const dash = await c.get('/dashboard');
    assert.equal((dash.text.match(/nonce="/g) ?? []).length, 1, 'one nonce: dashboard.js');
  });

  it('answers unknown dashboard pages with the dashboard 404 page', async () => {
    const page = await h.client().get('/dashboard/nothing-here');
    assert.equal(page.status, 404);
    assert.match(String(page.headers['content-type']), /text\/html/);
  });
});

describe('dashboard sessions behind https, and closed sign-up', () => {
  let h: DashboardHarness;
  before(async () => {
    h = await dashboardHarness({ publicUrl: 'https://factura.example.com', signupOpen: false });
    await h.seedMerchant('dora@example.com');
  });
  after(() => h.close());

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const answer = await h.login(h.client(), 'dora@example.com');
    assert.equal(answer.status, 303);
    assert.match(sessionCookie(answer.cookies) ?? '', /; secure/i);
  });

  it('has no sign-up when AUTOFACTURA_SIGNUP=closed', async () => {
    const c = h.client();
    assert.equal((await c.get('/dashboard/signup')).status, 404);
    const login = await c.get('/dashboard/login');
    assert.doesNotMatch(login.text, /href="\/dashboard\/signup"/);
    const post = await c.post('/dashboard/signup', {
      email: 'x@example.com',
      password: PASSWORD,
      password2: PASSWORD,
    });
    assert.equal(post.status, 404, 'refused with a valid CSRF token too');
    assert.equal(await h.store.dashboardUsers.findByEmail('x@example.com'), null);
  });
});
