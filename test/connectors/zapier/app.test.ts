/**
 * The app definition (#8): zapier-platform-core's own schema validation passes for the source and for
 * the compiled package Zapier's CLI pushes (ESM, entry in `exports`); every operation has a sample and
 * Spanish labels.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import App from '../../../connectors/zapier/src/index.js';

const require = createRequire(import.meta.url);
const { validateApp } = require('zapier-platform-core/src/tools/schema') as {
  validateApp(app: unknown): { stack?: string; message?: string }[];
};
const dir = join(import.meta.dirname, '../../../connectors/zapier');

describe('Zapier app definition (#8)', () => {
  it('passes zapier-platform-core validateApp', () => {
    assert.deepEqual(
      validateApp(App).map((e) => e.stack ?? e.message),
      [],
    );
  });

  it('builds to ESM whose package entry (exports) is the same valid app', async () => {
    await promisify(execFile)(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: dir,
      },
    );
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    assert.equal(pkg.type, 'module');
    const built = (await import(pathToFileURL(join(dir, pkg.exports)).href)).default;
    assert.deepEqual(validateApp(built), []);
    assert.deepEqual(Object.keys(built.triggers), Object.keys(App.triggers));
    assert.deepEqual(Object.keys(built.creates), Object.keys(App.creates));
    assert.deepEqual(Object.keys(built.searches), Object.keys(App.searches));
  });

  it('registers what the issue lists, each under its own key, with a sample and Spanish labels', () => {
    assert.deepEqual(Object.keys(App.creates).sort(), [
      'cancel_invoice',
      'create_customer',
      'create_invoice',
      'invoice_receipt',
      'register_payment',
      'send_invoice_email',
      'update_customer_fiscal',
    ]);
    assert.deepEqual(Object.keys(App.searches).sort(), [
      'find_customer',
      'find_invoice',
      'find_payment',
      'find_product_key',
    ]);
    for (const key of [
      'new_invoice',
      'new_payment',
      'new_receipt',
      'receipt_invoiced',
      'invoice_cancelled',
      'invoice_failed',
    ]) {
      const trigger = App.triggers[key] as unknown as { operation: { type: string; performList: unknown } };
      assert.equal(trigger.operation.type, 'hook', key);
      assert.equal(typeof trigger.operation.performList, 'function', key);
      assert.ok(App.triggers[`${key}_polling`], `${key} has a polling fallback`);
    }
    for (const group of [App.triggers, App.creates, App.searches]) {
      for (const [key, op] of Object.entries(group) as [
        string,
        { key: string; display: { label: string }; operation: { sample: unknown } },
      ][]) {
        assert.equal(op.key, key);
        assert.ok(op.operation.sample, `${key} has a sample`);
        assert.match(op.display.label, /[a-záéíóúñ]/i);
        assert.doesNotMatch(
          op.display.label,
          /^(New|Find|Create|Update|Cancel|Send|Register)\b/,
          `${key} is labelled in Spanish`,
        );
      }
    }
    assert.equal(App.authentication.type, 'custom');
    assert.deepEqual(
      App.authentication.fields.map((f) => f.key),
      ['baseUrl', 'apiKey', 'language'],
    );
  });
});
