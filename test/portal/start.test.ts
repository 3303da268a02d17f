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

  it('prints the URL and the demo keys once, answers /health, and exits 0 on SIGTERM', async () => {
    const first = start(dir);
    const url = await first.line(/listening on (http:\/\/localhost:\d+)/);
    const key = await first.line(/API key \(test\): (af_test_\S+)/);
    await first.line(/API key \(live\): af_live_\S+/);
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(((await me.json()) as { rfc: string }).rfc, 'EKU9003173C9');
    first.child.kill('SIGTERM');
    const [code] = await once(first.child, 'exit');
    assert.equal(code, 0);

    const second = start(dir);
    await second.line(/API keys were shown when they were created[^\n]*merchant create/);
    assert.doesNotMatch(second.output(), /af_(test|live)_/);
    const url2 = await second.line(/listening on (http:\/\/localhost:\d+)/);
    const again = await fetch(`${url2}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(again.status, 200, 'the key shown on the first run still works');
    second.child.kill('SIGINT');
    const [code2] = await once(second.child, 'exit');
    assert.equal(code2, 0);
  });
});
