/**
 * The Zapier app against the real autofactura server (test/portal/api-harness.ts: 127.0.0.1, a fresh
 * lowdb data dir, the sandbox PAC, the outbox mailer): zapier-platform-core's own app tester runs each
 * operation with the merchant's base URL and test key, as Zapier would. No nock: every request reaches
 * the server.
 */
import zapier from 'zapier-platform-core';
import App from '../../../connectors/zapier/src/index.js';
import { type ApiHarness, apiHarness } from '../../portal/api-harness.js';

// biome-ignore lint/suspicious/noExplicitAny: operations are read from the app definition by key
type Operation = { operation: Record<string, any>; key: string };
// biome-ignore lint/suspicious/noExplicitAny: operations answer JSON read field by field
type Json = any;

export interface ZapierHarness {
  h: ApiHarness;
  authData: { baseUrl: string; apiKey: string };
  /** Runs `fn(z, bundle)` (a perform, performList, performSubscribe…) through the app tester. */
  run(fn: (z: never, bundle: never) => unknown, bundle?: Record<string, unknown>): Promise<Json>;
  trigger(key: string): Operation;
  create(key: string): Operation;
  search(key: string): Operation;
  close(): Promise<void>;
}

export async function zapierHarness(): Promise<ZapierHarness> {
  const h = await apiHarness();
  const tester = zapier.createAppTester(App);
  const authData = { baseUrl: h.url, apiKey: h.keys.a };
  const pick = (group: Record<string, unknown>, key: string) => {
    const found = group[key] as Operation | undefined;
    if (!found) throw new Error(`the app has no ${key}`);
    return found;
  };
  return {
    h,
    authData,
    run(fn, bundle = {}) {
      return tester(fn as never, { authData, inputData: {}, ...bundle } as never) as Promise<Json>;
    },
    trigger: (key) => pick(App.triggers, key),
    create: (key) => pick(App.creates, key),
    search: (key) => pick(App.searches, key),
    close: () => h.close(),
  };
}
