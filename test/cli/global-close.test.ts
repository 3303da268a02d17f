import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { lastMonth, readCfdi } from '../core/global/global-harness.js';
import { cliDataDir, codedLines, EKU_MERCHANT_CREATE, openCliApp, runCli } from './run-cli.js';

describe('CLI: global close (#7)', function () {
  this.timeout(120_000);
  let dataDir: string;
  let env: Record<string, string>;
  before(async () => {
    ({ dataDir, env } = await cliDataDir('autofactura-cli-global-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  /** The pipeline over the same data folder; its clock in the middle of last month, when the sales happened. */
  async function app(now: Date) {
    return openCliApp(env, dataDir, { now: () => now });
  }

  it('previews, issues once, and prints the global as JSON; a bad period says what to write', async () => {
    const created = await runCli(EKU_MERCHANT_CREATE, env);
    assert.equal(created.code, 0, created.stderr);
    const merchantId = JSON.parse(created.stdout).merchant_id as string;
    const month = lastMonth();
    const sales = await app(new Date(month.at(15, 12)));
    const receipts: string[] = [];
    for (const [day, amount] of [
      [10, '116.00'],
      [11, '58.00'],
      [12, '232.00'],
    ] as const) {
      const result = await sales.af.recordPayment(merchantId, {
        source: 'api',
        externalId: `sale-${day}`,
        amount,
        paidAt: month.at(day, 10),
        method: 'cash',
      });
      receipts.push(result.receipt!.id);
    }
    await sales.store.close();

    const dry = await runCli(
      ['global', 'close', '--merchant', merchantId, '--period', month.key, '--dry-run', '--json'],
      env,
    );
    assert.equal(dry.code, 0, dry.stderr);
    const preview = JSON.parse(dry.stdout);
    assert.equal(preview.dry_run, true);
    assert.deepEqual(
      preview.invoices.map((i: { status: string; total: string }) => [i.status, i.total]),
      [['preview', '406.00']],
    );
    assert.deepEqual([...preview.invoices[0].receipts].sort(), [...receipts].sort());

    const run = await runCli(
      ['global', 'close', '--merchant', merchantId, '--period', month.key, '--json'],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    const issued = JSON.parse(run.stdout);
    assert.equal(issued.invoices.length, 1);
    const [global] = issued.invoices;
    assert.match(global.id, /^glb_/);
    assert.match(global.uuid, /^[0-9A-F-]{36}$/);
    assert.deepEqual([...global.receipts].sort(), [...receipts].sort());
    assert.match(run.stderr, /recibos asignados: 3\/3/);

    const check = await app(new Date());
    try {
      const xml = (await check.af.invoiceXml(merchantId, global.id))!;
      const cfdi = readCfdi(xml.toString());
      assert.equal(cfdi.receptor('Rfc'), 'XAXX010101000');
      assert.equal(cfdi.global?.('Meses'), month.key.slice(5));
      assert.equal(cfdi.conceptos.length, 3);
    } finally {
      await check.store.close();
    }

    const again = await runCli(['global', 'close', '--merchant', merchantId, '--period', month.key], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /No hay recibos por incluir en una factura global/);

    const bad = await runCli(['global', 'close', '--merchant', merchantId, '--period', 'nov'], env);
    assert.equal(bad.code, 1);
    assert.deepEqual(
      codedLines(bad.stderr).map((l) => l.code),
      ['GLOBAL_INVALID_PERIOD'],
    );
    const english = await runCli(
      ['global', 'close', '--merchant', merchantId, '--period', 'nov', '--lang', 'en'],
      env,
    );
    assert.match(english.stderr, /Write a month such as 2026-11/);
  });
});
