/**
 * First run: a demo merchant with SAT's test CSD EKU9003173C9 (portal/demo/SOURCE.md), so a fresh
 * `npm start` can issue invoices against the sandbox PAC at once. Its API keys are returned this once;
 * the store keeps only their hashes.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Autofactura, CreatedMerchant } from '../../core/src/automation/types.js';
import type { Store } from '../../core/src/store/types.js';

const DEMO_DIR = fileURLToPath(new URL('../demo/', import.meta.url));

export const DEMO_CSD = {
  cer: `${DEMO_DIR}EKU9003173C9.cer`,
  key: `${DEMO_DIR}EKU9003173C9.key`,
  password: '12345678a',
};

/** Creates the demo merchant when the store has no merchant yet; null when there is one already. */
export async function ensureDemoMerchant(af: Autofactura, store: Store): Promise<CreatedMerchant | null> {
  if ((await store.merchants.list()).length > 0) return null;
  const [certificate, privateKey] = await Promise.all([readFile(DEMO_CSD.cer), readFile(DEMO_CSD.key)]);
  return af.createMerchant({
    certificate,
    privateKey,
    password: DEMO_CSD.password,
    regime: '601',
    zip: '42501',
    branding: { tradeName: 'Escuela Kemper (demo)' },
  });
}
