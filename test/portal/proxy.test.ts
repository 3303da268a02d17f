import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../../portal/src/start.js';

const quiet = { info() {}, warn() {}, error() {} };

/**
 * The portal's per-IP rate limit behind a reverse proxy: with TRUST_PROXY=1 each client address in
 * X-Forwarded-For has its own budget; without it the header is ignored (anyone could forge it).
 */
describe('TRUST_PROXY and the per-IP limits', () => {
  const servers: RunningServer[] = [];
  const dirs: string[] = [];
  after(async () => {
    for (const server of servers) await server.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  async function server(trustProxy: string): Promise<RunningServer> {
    const dir = await mkdtemp(join(tmpdir(), 'autofactura-proxy-'));
    dirs.push(dir);
    const running = await startServer({
      env: {
        AUTOFACTURA_DATA_DIR: dir,
        AUTOFACTURA_SECRET: 'a'.repeat(64),
        AUTOFACTURA_DEMO_PASSWORD: 'demo-password-123',
        TRUST_PROXY: trustProxy,
      },
      port: 0,
      host: '127.0.0.1',
      logger: quiet,
      portalLimits: { tokenPerMinute: 2 },
    });
    servers.push(running);
    return running;
  }

  const hit = (url: string, ip: string) =>
    fetch(`${url}/demo/r/${'x'.repeat(43)}`, { headers: { 'x-forwarded-for': ip } }).then((r) => r.status);

  it('counts each forwarded client apart when the proxy is trusted', async () => {
    const { url } = await server('1');
    assert.deepEqual([await hit(url, '203.0.113.1'), await hit(url, '203.0.113.1')], [404, 404]);
    assert.equal(await hit(url, '203.0.113.1'), 429);
    assert.equal(await hit(url, '203.0.113.2'), 404, 'another client has its own budget');
  });

  it('ignores X-Forwarded-For otherwise, so forging it does not reset the limit', async () => {
    const { url } = await server('');
    await hit(url, '203.0.113.1');
    await hit(url, '203.0.113.2');
    assert.equal(await hit(url, '203.0.113.3'), 429);
  });
});
