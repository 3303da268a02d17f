/**
 * Every message key the dashboard uses exists in es-MX and English. Keys are found by scanning the
 * sources (portal/src/dashboard/*.ts, portal/views/dashboard/**.ejs): literal keys, and the dynamic
 * families `'dash.x.' + value` expanded with the values they can take — the array a view loops over,
 * the enums of core's store types, the event types core logs, and the sections the routes render.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INVOICE_STATUSES, PAYMENT_STATUSES, RECEIPT_STATUSES } from '../../core/src/store/types.js';
import '../../portal/src/dashboard/messages.js';
import { STEPS } from '../../portal/src/dashboard/settings-routes.js';
import { translator } from '../../portal/src/web/i18n.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function files(dir: string, ext: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => join(entry.parentPath, entry.name));
}

const quoted = (list: string) => [...list.matchAll(/'([^']*)'/g)].map((m) => m[1] as string);

/** Literal keys: `t('dash.a.b')` and any 'dash.a.b' string (keys passed to partials as locals). */
function literalKeys(source: string): string[] {
  return [...source.matchAll(/['"`](dash\.[A-Za-z0-9_.-]+)['"`]/g)]
    .map((m) => m[1] as string)
    .filter((key) => !key.endsWith('.'));
}

/**
 * `[...].forEach(function (x) { ... t('dash.p.' + x) ... t('dash.p.' + x + '.help') ... })`, also when
 * the array is a `const name = [...]` declared before: the keys for each value of the array.
 */
function loopKeys(source: string): string[] {
  const arrays = new Map<string, string[]>();
  for (const m of source.matchAll(/const (\w+) = \[([^\]]+)\]/g))
    arrays.set(m[1] as string, quoted(m[2] as string));
  const keys: string[] = [];
  for (const m of source.matchAll(
    /(?:\[([^\]]+)\]|\b(\w+))(?:\.concat\(\[([^\]]+)\]\))?\.forEach\(function \((\w+)/g,
  )) {
    const values = [
      ...(m[1] ? quoted(m[1]) : (arrays.get(m[2] as string) ?? [])),
      ...(m[3] ? quoted(m[3]) : []),
    ];
    const name = m[4] as string;
    const body = source.slice(m.index, source.indexOf('}) %>', m.index) + 1 || undefined);
    const use = new RegExp(`t\\('(dash\\.[\\w.-]+)' \\+ ${name}(?: \\+ '([\\w.-]+)')?\\)`, 'g');
    for (const u of body.matchAll(use)) for (const v of values) keys.push(`${u[1]}${v}${u[2] ?? ''}`);
  }
  return keys;
}

/** The members of `export type Name = 'a' | 'b'` in core's store types. */
function unionOf(name: string): string[] {
  const source = readFileSync(join(ROOT, 'core/src/store/types.ts'), 'utf8');
  const m = new RegExp(`export type ${name} =([^;]+);`).exec(source);
  assert.ok(m, `core/src/store/types.ts has no type ${name}`);
  return quoted(m[1] as string);
}

/** Every event type core logs into a payment's event log (logEvent / logForPayments / logForJob). */
function eventTypes(): string[] {
  const types = new Set<string>();
  for (const file of files('core/src/automation', '.ts')) {
    if (file.includes('/webhooks/')) continue;
    const source = readFileSync(file, 'utf8');
    if (!/\blog(Event|ForPayments|ForJob)\(/.test(source)) continue;
    for (const m of source.matchAll(
      /'((?:payment|invoice|receipt|email|refund|job|customer|credit_note)\.[a-z_]+)'/g,
    )) {
      types.add(m[1] as string);
    }
  }
  return [...types];
}

function usedKeys(): string[] {
  const keys = new Set<string>();
  for (const file of [...files('portal/src/dashboard', '.ts'), ...files('portal/views/dashboard', '.ejs')]) {
    const source = readFileSync(file, 'utf8');
    for (const key of [...literalKeys(source), ...loopKeys(source)]) keys.add(key);
  }
  const family = (prefix: string, values: readonly string[], suffixes = ['']) => {
    for (const v of values) for (const s of suffixes) keys.add(`${prefix}${v}${s}`);
  };
  family('dash.payment.status.', unionOf('PaymentStatus'));
  family('dash.payment.status.', PAYMENT_STATUSES);
  family('dash.invoice.status.', unionOf('InvoiceStatus'));
  family('dash.invoice.status.', INVOICE_STATUSES);
  family('dash.receipt.status.', unionOf('ReceiptStatus'));
  family('dash.receipt.status.', RECEIPT_STATUSES);
  family('dash.invoice.kind.', unionOf('InvoiceKind'));
  family('dash.method.', unionOf('PaymentMethod'));
  family('dash.automation.', unionOf('Automation'), ['', '.help']);
  family('dash.periodicity.', unionOf('GlobalPeriodicity'));
  family('dash.keys.', ['test', 'live']);
  family('dash.event.', eventTypes());
  family('dash.settings.', [...STEPS, 'api-keys'], ['', '.lead']);
  const source = (name: string) => readFileSync(join(ROOT, 'portal/src/dashboard', name), 'utf8');
  const done = /\[([^\]]+)\]\.includes\(done\)/.exec(source('payment-routes.ts'));
  assert.ok(done, 'payment-routes.ts lists the done notices');
  family('dash.payment.done.', quoted(done[1] as string));
  for (const m of source('list-routes.ts').matchAll(/render\(ctx, '(\w+)'/g)) keys.add(`dash.nav.${m[1]}`);
  return [...keys].sort();
}

describe('dashboard messages', () => {
  const es = translator('es');
  const en = translator('en');
  const missingIn = (t: typeof es, keys: string[]) => keys.filter((key) => t(key) === key);

  it('has every key the dashboard uses in es-MX and English, including the dynamic ones', () => {
    const keys = usedKeys();
    assert.ok(keys.length > 250, `the scan found only ${keys.length} keys: it is broken`);
    for (const expected of [
      'dash.event.invoice.stamped',
      'dash.pac.finkok.help',
      'dash.motive.04',
      'dash.settings.api-keys.lead',
      'dash.branding.social.tiktok',
      'dash.product.ivaExempt',
      'dash.nav.receipts',
      'dash.payment.done.emailed',
    ]) {
      assert.ok(keys.includes(expected), `the scan misses ${expected}`);
    }
    assert.deepEqual(missingIn(es, keys), [], 'keys without an es-MX message');
    assert.deepEqual(missingIn(en, keys), [], 'keys without an English message');
  });

  it('gives English its own text and the same {placeholders} as es-MX', () => {
    const keys = usedKeys();
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of keys) {
      assert.deepEqual(names(en(key)), names(es(key)), `placeholders of ${key}`);
    }
    const same = keys.filter((key) => en(key) === es(key) && !/^[A-Z][\w ()-]*$/.test(es(key)));
    assert.ok(same.length < 12, `untranslated in English: ${same.join(', ')}`);
  });

  it('finds a key that has no message (the scan itself can fail)', () => {
    const view = `<% ['a', 'zzz'].forEach(function (x) { %><%= t('dash.filters.' + x + '.nope') %><% }) %><%= t('dash.not.there') %>`;
    const found = [...literalKeys(view), ...loopKeys(view)];
    assert.deepEqual(found.sort(), ['dash.filters.a.nope', 'dash.filters.zzz.nope', 'dash.not.there']);
    assert.deepEqual(missingIn(es, found).length, 3);
  });
});
