import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EKU, FIXTURES } from '../support/oracles.js';
import { codedLines, runCli } from './run-cli.js';

const run = promisify(execFile);
const BIN = new URL('../../scripts/autofactura.js', import.meta.url).pathname;
const REQUEST = join(FIXTURES, 'requests/iva16.json');
const seal = ['--cer', EKU.cer, '--key', EKU.key, '--password', EKU.password];
const HOUR = 3_600_000;

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'autofactura-pac-cli-'));
}

/** Local time in Mexico City (UTC-6 all year) `hoursFromNow` from now, as a request date. */
function mexicoCity(hoursFromNow: number): string {
  return new Date(Date.now() + hoursFromNow * HOUR - 6 * HOUR).toISOString().slice(0, 19);
}

// biome-ignore lint/suspicious/noExplicitAny: the tests reshape arbitrary request JSON
async function sealedFile(dir: string, name: string, change: (r: Record<string, any>) => void = () => {}) {
  const request = JSON.parse(readFileSync(REQUEST, 'utf8'));
  request.date = mexicoCity(0);
  change(request);
  const requestFile = join(dir, `${name}.json`);
  await writeFile(requestFile, JSON.stringify(request));
  const out = join(dir, `${name}.xml`);
  const built = await runCli(['cfdi', 'build', requestFile, ...seal, '-o', out]);
  assert.equal(built.code, 0, built.stderr);
  return out;
}

function assertRejected(result: { code: number; stderr: string }, code: string): string {
  assert.equal(result.code, 1, result.stderr);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  const lines = codedLines(result.stderr);
  assert.equal(lines[0]?.code, code, result.stderr);
  return lines[0]!.message;
}

/** The folio fiscal: UUID of the timbre (a CfdiRelacionado's UUID comes earlier in the document). */
const uuidOf = (xml: string) => /<tfd:TimbreFiscalDigital [^>]*\bUUID="([0-9A-F-]{36})"/.exec(xml)![1]!;

describe('autofactura cfdi stamp / cfdi cancel / pac certificate (CLI, #3)', function () {
  this.timeout(120_000);

  it('pac certificate prints the sandbox certificate, the same on every run', async () => {
    const env = { PAC: 'sandbox', AUTOFACTURA_DATA_DIR: await tempDir() };
    const first = await runCli(['pac', 'certificate'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    const second = await runCli(['pac', 'certificate'], env);
    assert.equal(second.stdout, first.stdout);
    const pem = join(env.AUTOFACTURA_DATA_DIR, 'sandbox.pem');
    await writeFile(pem, first.stdout);
    const { stdout } = await run('openssl', ['x509', '-in', pem, '-noout', '-subject']);
    assert.match(stdout, /x500UniqueIdentifier = SPR190613I52/);
  });

  it('uses ./data under the working directory when AUTOFACTURA_DATA_DIR is not set', async () => {
    const cwd = await tempDir();
    const env = { ...process.env };
    delete env.AUTOFACTURA_DATA_DIR;
    const { stdout } = await run(process.execPath, [BIN, 'pac', 'certificate'], { cwd, env });
    assert.match(stdout, /BEGIN CERTIFICATE/);
    assert.equal((await readdir(join(cwd, 'data/pac-sandbox/certs'))).length, 1);
  });

  it('stamps a sealed CFDI that cfdi verify then accepts with its SelloSAT', async () => {
    const dir = await tempDir();
    const env = { PAC: 'sandbox', AUTOFACTURA_DATA_DIR: join(dir, 'data') };
    const sealed = await sealedFile(dir, 'sealed');
    const out = join(dir, 'stamped.xml');
    const stamped = await runCli(['cfdi', 'stamp', sealed, '-o', out], env);
    assert.equal(stamped.code, 0, stamped.stderr);
    assert.equal(stamped.stdout, '');
    const xml = await readFile(out, 'utf8');
    assert.match(xml, /<cfdi:Complemento><tfd:TimbreFiscalDigital [^>]*RfcProvCertif="SPR190613I52"/);

    const verified = await runCli(['cfdi', 'verify', out], env);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /SelloSAT: válido/);
    const elsewhere = await runCli(['cfdi', 'verify', out], {
      PAC: 'sandbox',
      AUTOFACTURA_DATA_DIR: await tempDir(),
    });
    assert.match(elsewhere.stdout, /SelloSAT: no verificado/);

    // A second process stamping the same file gets the same timbre, and says so.
    const again = await runCli(['cfdi', 'stamp', sealed], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, xml);
    assert.equal(codedLines(again.stderr)[0]?.code, '307');
    assert.ok(again.stderr.includes(uuidOf(xml)));
  });

  it('exits 1 with the PAC code for a Fecha older than 72 hours, in the future, or a changed XML', async () => {
    const dir = await tempDir();
    const env = { PAC: 'sandbox', AUTOFACTURA_DATA_DIR: join(dir, 'data') };
    const old = await sealedFile(dir, 'old', (r) => (r.date = mexicoCity(-73)));
    assert.match(assertRejected(await runCli(['cfdi', 'stamp', old], env), '401'), /72 horas/);
    const future = await sealedFile(dir, 'future', (r) => (r.date = mexicoCity(2)));
    assertRejected(await runCli(['cfdi', 'stamp', future], env), '401');
    const english = await runCli(['cfdi', 'stamp', future, '--lang', 'en'], env);
    assert.match(assertRejected(english, '401'), /later than the PAC's time/);

    const sealed = await readFile(await sealedFile(dir, 'ok'), 'utf8');
    const tampered = join(dir, 'tampered.xml');
    await writeFile(tampered, sealed.replace('Folio="1001"', 'Folio="1002"'));
    assertRejected(await runCli(['cfdi', 'stamp', tampered], env), '302');
  });

  it('cancels a stamped CFDI and prints its status; motive 01 needs a related replacement', async () => {
    const dir = await tempDir();
    const env = { PAC: 'sandbox', AUTOFACTURA_DATA_DIR: join(dir, 'data') };
    const original = join(dir, 'original-stamped.xml');
    assert.equal(
      (await runCli(['cfdi', 'stamp', await sealedFile(dir, 'original'), '-o', original], env)).code,
      0,
    );
    const uuid = uuidOf(await readFile(original, 'utf8'));

    const noReplacement = await runCli(['cfdi', 'cancel', original, '--motive', '01', ...seal], env);
    assert.match(assertRejected(noReplacement, '208'), /TipoRelacion 04/);

    const replacementSealed = await sealedFile(dir, 'replacement', (r) => {
      r.folio = '1002';
      r.related = [{ relationship: '04', uuids: [uuid] }];
    });
    const replacement = join(dir, 'replacement-stamped.xml');
    assert.equal((await runCli(['cfdi', 'stamp', replacementSealed, '-o', replacement], env)).code, 0);
    const replacementUuid = uuidOf(await readFile(replacement, 'utf8'));

    const args = ['cfdi', 'cancel', original, '--motive', '01', ...seal, '--replacement', replacementUuid];
    const cancelled = await runCli(args, env);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.equal(cancelled.stdout, 'Cancelado sin aceptación\n');
    assert.equal(cancelled.stderr, '');
    assert.deepEqual((await readdir(dir)).sort(), [
      'data',
      'original-stamped.xml',
      'original.json',
      'original.xml',
      'replacement-stamped.xml',
      'replacement.json',
      'replacement.xml',
    ]);
    const repeated = await runCli(args, env);
    assert.equal(repeated.stdout, 'Cancelado sin aceptación\n');

    const status = await runCli(['cfdi', 'status', original, '--json'], env);
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(JSON.parse(status.stdout), {
      uuid,
      estado: 'Cancelado',
      esCancelable: 'Cancelable sin aceptación',
      estatusCancelacion: 'Cancelado sin aceptación',
    });
    const live = await runCli(['cfdi', 'status', replacement], env);
    assert.equal(live.code, 0, live.stderr);
    assert.match(
      live.stdout,
      new RegExp(
        `^UUID: ${replacementUuid}\nEstado: Vigente\nEsCancelable: Cancelable sin aceptación\nEstatusCancelacion: \\(ninguno\\)\n$`,
      ),
    );
  });

  it('refuses what cannot be cancelled, without printing the password', async () => {
    const dir = await tempDir();
    const env = { PAC: 'sandbox', AUTOFACTURA_DATA_DIR: join(dir, 'data') };
    const sealed = await sealedFile(dir, 'sealed');
    const notStamped = await runCli(['cfdi', 'cancel', sealed, '--motive', '02', ...seal], env);
    assertRejected(notStamped, 'CFDI_NOT_STAMPED');

    const stamped = join(dir, 'stamped.xml');
    assert.equal((await runCli(['cfdi', 'stamp', sealed, '-o', stamped], env)).code, 0);
    const badMotive = await runCli(['cfdi', 'cancel', stamped, '--motive', '05', ...seal], env);
    assertRejected(badMotive, 'CLI_USAGE');
    const withReplacement = await runCli(
      [
        'cfdi',
        'cancel',
        stamped,
        '--motive',
        '02',
        ...seal,
        '--replacement',
        uuidOf(await readFile(stamped, 'utf8')),
      ],
      env,
    );
    assertRejected(withReplacement, '209');
    const wrongPassword = await runCli(
      [
        'cfdi',
        'cancel',
        stamped,
        '--motive',
        '02',
        '--cer',
        EKU.cer,
        '--key',
        EKU.key,
        '--password',
        'n0t-the-Secret',
      ],
      env,
    );
    assertRejected(wrongPassword, 'CSD_KEY_PASSWORD');
    assert.doesNotMatch(wrongPassword.stderr + wrongPassword.stdout, /n0t-the-Secret/);
    const otherDataDir = await runCli(['cfdi', 'cancel', stamped, '--motive', '02', ...seal], {
      PAC: 'sandbox',
      AUTOFACTURA_DATA_DIR: await tempDir(),
    });
    assertRejected(otherDataDir, '205');
  });
});
