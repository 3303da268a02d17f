/**
 * First run: a demo merchant with SAT's test CSD EKU9003173C9 (portal/demo/SOURCE.md), so a fresh
 * `npm start` can issue invoices against the sandbox PAC at once, and a dashboard login for it. Its API
 * keys and the login's password are returned this once; the store keeps only their hashes.
 */
import { randomBytes } from 'node:crypto';
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

const DEMO_LOGO = `${DEMO_DIR}logo.png`;

/** The demo's portal address: `/demo`. */
export const DEMO_SLUG = 'demo';

/** What the demo's self-invoice portal shows (portal/demo/logo.png is drawn for the project). */
export const DEMO_BRANDING = {
  tradeName: 'Escuela Kemper (demo)',
  slug: DEMO_SLUG,
  color: '#0F766E',
  secondaryColor: '#F59E0B',
  welcomeText:
    'Gracias por estudiar con nosotros. Factura aquí tus colegiaturas y cursos: busca tu compra con el número de ticket, el monto y la fecha, o abre el enlace de tu recibo.',
  supportEmail: 'facturas@kemper.example',
  phone: '+52 771 123 4567',
  whatsapp: '527711234567',
  social: {
    website: 'https://kemper.example',
    facebook: 'https://facebook.com/escuelakemper',
    instagram: 'https://instagram.com/escuelakemper',
  },
};

/** The demo's dashboard account; the password is AUTOFACTURA_DEMO_PASSWORD or 128 random bits. */
export const DEMO_EMAIL = 'demo@autofactura.local';

export interface DemoMerchant extends CreatedMerchant {
  login: { email: string; password: string };
}

/** Creates the demo merchant when the store has no merchant yet; null when there is one already. */
export async function ensureDemoMerchant(
  af: Autofactura,
  store: Store,
  env: NodeJS.ProcessEnv = {},
): Promise<DemoMerchant | null> {
  if ((await store.merchants.list()).length > 0) return null;
  const [certificate, privateKey, logo] = await Promise.all([
    readFile(DEMO_CSD.cer),
    readFile(DEMO_CSD.key),
    readFile(DEMO_LOGO),
  ]);
  const created = await af.createMerchant({
    certificate,
    privateKey,
    password: DEMO_CSD.password,
    regime: '601',
    zip: '42501',
    branding: DEMO_BRANDING,
  });
  const logoBlob = `${created.merchant.id}/branding/logo.png`;
  await store.blobs.put(logoBlob, logo, 'image/png');
  const merchant = await store.merchants.update({
    ...created.merchant,
    branding: { ...created.merchant.branding, logoBlob },
  });
  const password = env.AUTOFACTURA_DEMO_PASSWORD || randomBytes(16).toString('base64url');
  await af.createDashboardUser({ email: DEMO_EMAIL, password, merchantId: merchant.id });
  return { ...created, merchant, login: { email: DEMO_EMAIL, password } };
}
