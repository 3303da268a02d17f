import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSecretBox,
  generateToken,
  hashApiKey,
  loadMasterKey,
  SecretError,
  tokenHash,
} from '../../../core/src/store/secrets.js';

function secretError(run: () => unknown, code: string): SecretError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof SecretError, `expected SecretError, got ${String(error)}`);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('secrets', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'autofactura-secrets-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('loadMasterKey', () => {
    const raw = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
    const noWarning = (message: string) => assert.fail(`unexpected warning: ${message}`);

    it('takes AUTOFACTURA_SECRET as 32 bytes in hex, base64 or base64url, without touching the data folder', async () => {
      for (const encoded of [raw.toString('hex'), raw.toString('base64'), raw.toString('base64url')]) {
        const key = await loadMasterKey({
          env: { AUTOFACTURA_SECRET: ` ${encoded}\n` },
          dataDir,
          warn: noWarning,
        });
        assert.deepEqual(key, raw);
      }
      assert.deepEqual(await readdir(dataDir), []);
    });

    it('stretches any other AUTOFACTURA_SECRET (a passphrase) to the same 32 bytes on every run', async () => {
      const load = (secret: string) =>
        loadMasterKey({ env: { AUTOFACTURA_SECRET: secret }, dataDir, warn: noWarning });
      const a = await load('caballo correcto batería grapa');
      assert.equal(a.length, 32);
      assert.deepEqual(await load('caballo correcto batería grapa'), a);
      assert.notDeepEqual(await load('caballo correcto batería grapa!'), a);
      assert.deepEqual(await readdir(dataDir), []);
    });

    it('generates secret.key (0600) once when AUTOFACTURA_SECRET is absent, and warns in Spanish and English', async () => {
      const warnings: string[] = [];
      const first = await loadMasterKey({ env: {}, dataDir, warn: (m) => warnings.push(m) });
      assert.equal(first.length, 32);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /AUTOFACTURA_SECRET no está definida.*Respáldala/);
      assert.match(warnings[0]!, /AUTOFACTURA_SECRET is not set.*Back it up/);
      assert.match(warnings[0]!, /secret\.key/);
      const path = join(dataDir, 'secret.key');
      assert.equal((await stat(path)).mode & 0o777, 0o600);
      assert.deepEqual(Buffer.from((await readFile(path, 'utf8')).trim(), 'base64'), first);

      const again = await loadMasterKey({ env: {}, dataDir, warn: noWarning });
      assert.deepEqual(again, first);
      assert.deepEqual((await readdir(dataDir)).sort(), ['secret.key']);
    });

    it('gives every concurrent first run the same generated key', async () => {
      const warnings: string[] = [];
      const keys = await Promise.all(
        Array.from({ length: 8 }, () =>
          loadMasterKey({ env: {}, dataDir: join(dataDir, 'nested'), warn: (m) => warnings.push(m) }),
        ),
      );
      assert.ok(keys.every((key) => key.equals(keys[0]!)));
      assert.equal(warnings.length, 1);
    });

    it('refuses a damaged secret.key instead of replacing it (SECRET_KEY_INVALID)', async () => {
      await writeFile(join(dataDir, 'secret.key'), 'not a key\n');
      await assert.rejects(loadMasterKey({ env: {}, dataDir, warn: noWarning }), (error: unknown) => {
        assert.ok(error instanceof SecretError);
        assert.equal(error.code, 'SECRET_KEY_INVALID');
        assert.match(error.message, /respaldo/);
        assert.match(error.messageEn ?? '', /backup/);
        return true;
      });
      assert.equal(await readFile(join(dataDir, 'secret.key'), 'utf8'), 'not a key\n');
    });
  });

  describe('createSecretBox', () => {
    const box = createSecretBox(Buffer.alloc(32, 7));

    it('round-trips strings and bytes in the v1:<iv>:<tag>:<data> format', () => {
      const encrypted = box.encrypt('contraseña del CSD 12345678a');
      assert.match(encrypted, /^v1:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]+$/);
      assert.equal(box.decryptString(encrypted), 'contraseña del CSD 12345678a');
      const der = Buffer.from([0x30, 0x82, 0x00, 0xff, 0x00]);
      assert.deepEqual(box.decrypt(box.encrypt(der)), der);
      assert.equal(box.decryptString(box.encrypt('')), '');
    });

    it('uses a fresh IV per value: the same secret never encrypts the same way twice', () => {
      const values = new Set(Array.from({ length: 20 }, () => box.encrypt('whsec_same')));
      assert.equal(values.size, 20);
      assert.ok(!box.encrypt('whsec_same').includes('whsec'));
    });

    it('refuses a tampered value, a wrong key or garbage with SECRET_DECRYPT_FAILED', () => {
      const encrypted = box.encrypt('pw-Kemper-9931');
      const [v, iv, tag, data] = encrypted.split(':') as [string, string, string, string];
      const flip = (b64: string) => {
        const bytes = Buffer.from(b64, 'base64');
        bytes[0]! ^= 1;
        return bytes.toString('base64');
      };
      const cases = [
        [v, iv, tag, flip(data)].join(':'),
        [v, iv, flip(tag), data].join(':'),
        [v, flip(iv), tag, data].join(':'),
        ['v2', iv, tag, data].join(':'),
        'v1:abc',
        'no es un secreto',
      ];
      for (const value of cases) {
        const error = secretError(() => box.decrypt(value), 'SECRET_DECRYPT_FAILED');
        assert.match(error.message, /AUTOFACTURA_SECRET/);
        assert.match(error.messageEn ?? '', /AUTOFACTURA_SECRET/);
      }
      const other = createSecretBox(Buffer.alloc(32, 8));
      const wrongKey = secretError(() => other.decryptString(encrypted), 'SECRET_DECRYPT_FAILED');
      assert.match(wrongKey.message, /¿Cambió AUTOFACTURA_SECRET\?/);
      assert.ok(!wrongKey.message.includes('pw-Kemper-9931'));
    });

    it('refuses a key that is not 32 bytes (SECRET_KEY_INVALID)', () => {
      secretError(() => createSecretBox(Buffer.alloc(16)), 'SECRET_KEY_INVALID');
    });
  });

  describe('hashes and tokens', () => {
    it('hashes API keys and link tokens with sha256 (hex)', () => {
      const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
      assert.equal(hashApiKey('abc'), abc);
      assert.equal(tokenHash('abc'), abc);
    });

    it('generates unguessable base64url tokens of at least 128 bits', () => {
      const token = generateToken();
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(token, 'base64url').length, 32);
      assert.equal(Buffer.from(generateToken(16), 'base64url').length, 16);
      assert.equal(new Set(Array.from({ length: 1000 }, () => generateToken())).size, 1000);
      assert.throws(() => generateToken(8), RangeError);
    });
  });
});
