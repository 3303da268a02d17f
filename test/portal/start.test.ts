import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '../../scripts/autofactura.js');

function start(dataDir: string): {
  child: ChildProcess;
  output: () => string;
  line: (re: RegExp) => Promise<string>;
} {
  const child = spawn(process.execPath, [CLI, 'start', '--lang', 'en'], {
    env: {
      ...process.env,
      AUTOFACTURA_DATA_DIR: dataDir,
      PORT: '0',
      AUTOFACTURA_SECRET: '',
      DATABASE_URL: '',
      PAC: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr!.resume();
  const line = async (re: RegExp) => {
    for (let i = 0; i < 300 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    const match = re.exec(out);
    assert.ok(match, `no ${re} in:\n${out}`);
    return match[1] ?? match[0];
  };
  return { child, output: () => out, line };
}

describe('autofactura start', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'autofactura-start-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the URLs, the demo login and keys once (they work), answers /health, and exits 0 on SIGTERM', async () => {
    const first = start(dir);
    const url = await first.line(/listening on (http:\/\/localhost:\d+)/);
    const key = await first.line(/API key \(test\): (af_test_\S+)/);
    await first.line(/API key \(live\): af_live_\S+/);
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    const merchant = (await me.json()) as { id: string; rfc: string };
    assert.equal(merchant.rfc, 'EKU9003173C9');

    // The dashboard URL and the demo login it prints let a newcomer in.
    assert.equal(await first.line(/Merchant dashboard: (\S+)/), `${url}/dashboard`);
    const password = await first.line(/Dashboard login: demo@autofactura\.local \/ (\S+)/);
    assert.ok(password.length >= 20, 'a random password of 128 bits');
    const loginPage = await fetch(`${url}/dashboard/login`);
    assert.equal(loginPage.status, 200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())?.[1];
    assert.ok(csrf);
    const cookie = loginPage.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const loggedIn = await fetch(`${url}/dashboard/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email: 'demo@autofactura.local', password }).toString(),
    });
    assert.equal(loggedIn.status, 303, 'See Other after the form post');
    assert.ok(loggedIn.headers.getSetCookie().some((c) => /HttpOnly/i.test(c) && !c.startsWith('af_csrf')));

    // The portal URL is the demo's branded page; the Stripe webhook URL names the merchant.
    const portalUrl = await first.line(/Self-invoice portal: (\S+)/);
    assert.equal(portalUrl, `${url}/demo`);
    const portal = await fetch(portalUrl);
    assert.equal(portal.status, 200);
    assert.match(await portal.text(), /Escuela Kemper \(demo\)/);
    assert.equal(await first.line(/Stripe webhook: (\S+)/), `${url}/webhooks/stripe/${merchant.id}`);
    first.child.kill('SIGTERM');
    const [code] = await once(first.child, 'exit');
    assert.equal(code, 0);

    const second = start(dir);
    await second.line(
      /API keys and the dashboard login were shown when they were created[^\n]*merchant create/,
    );
    assert.doesNotMatch(second.output(), /af_(test|live)_/);
    assert.doesNotMatch(second.output(), new RegExp(password));
    assert.match(second.output(), new RegExp(`Stripe webhook: \\S+/webhooks/stripe/${merchant.id}`));
    const url2 = await second.line(/listening on (http:\/\/localhost:\d+)/);
    const again = await fetch(`${url2}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(again.status, 200, 'the key shown on the first run still works');
    second.child.kill('SIGINT');
    const [code2] = await once(second.child, 'exit');
    assert.equal(code2, 0);
  });
});
