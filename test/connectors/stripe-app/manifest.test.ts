import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';

const APP_DIR = join(import.meta.dirname, '../../../connectors/stripe/app');
const read = (name: string) => JSON.parse(readFileSync(join(APP_DIR, name), 'utf8'));
// biome-ignore lint/suspicious/noExplicitAny: the manifest is read field by field
const manifest: any = read('stripe-app.json');

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv.compile(read('schema/stripe-app.schema.json'));
}

describe('Stripe App manifest (connectors/stripe/app/stripe-app.json) (#6)', () => {
  it('is valid against the app manifest schema', () => {
    const validate = validator();
    assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 2));
  });

  it('the schema refuses what Stripe refuses: unknown keys and viewports, a permission without purpose, a bare-host connect-src', () => {
    const validate = validator();
    const broken = (change: (m: typeof manifest) => void) => {
      const copy = structuredClone(manifest);
      change(copy);
      return validate(copy);
    };
    assert.equal(
      broken((m) => {
        m.colour = 'teal';
      }),
      false,
    );
    assert.equal(
      broken((m) => {
        m.ui_extension.views[0].viewport = 'stripe.dashboard.payment.details';
      }),
      false,
    );
    assert.equal(
      broken((m) => {
        delete m.permissions[0].purpose;
      }),
      false,
    );
    assert.equal(
      broken((m) => {
        m.permissions[0].permission = 'everything_write';
      }),
      false,
    );
    assert.equal(
      broken((m) => {
        m.ui_extension.content_security_policy['connect-src'] = ['https://facturas.example.com'];
      }),
      false,
    );
    assert.equal(
      broken((m) => {
        delete m.ui_extension.content_security_policy.purpose;
      }),
      false,
    );
    assert.equal(
      broken((m) => {
        m.icon = 'icon.svg';
      }),
      false,
    );
    assert.equal(
      broken((m) => {
        m.id = 'mx autofactura';
      }),
      false,
    );
  });

  it('declares the payment, customer and settings views, each a component in src/views', () => {
    const views = manifest.ui_extension.views as { viewport: string; component: string }[];
    assert.deepEqual(views.map((v) => v.viewport).sort(), [
      'settings',
      'stripe.dashboard.customer.detail',
      'stripe.dashboard.payment.detail',
    ]);
    for (const view of views) {
      const file = join(APP_DIR, 'src/views', `${view.component}.tsx`);
      assert.ok(existsSync(file), `${file} is missing`);
      assert.match(readFileSync(file, 'utf8'), new RegExp(`export default ${view.component};`));
    }
  });

  it('lets the views reach the autofactura URL they are given (CSP covers constants.AUTOFACTURA_URL/stripe-app/)', () => {
    const url = manifest.constants.AUTOFACTURA_URL as string;
    const allowed = manifest.ui_extension.content_security_policy['connect-src'] as string[];
    assert.ok(
      allowed.some((src) => `${url}/stripe-app/`.startsWith(src)),
      `${allowed} does not allow ${url}/stripe-app/`,
    );
    assert.match(manifest.ui_extension.content_security_policy.purpose, /autofactura/);
    for (const p of manifest.permissions)
      assert.ok(p.purpose.length > 20, `${p.permission} needs a real purpose`);
  });

  it('has a 300x300 PNG icon', () => {
    const png = PNG.sync.read(readFileSync(join(APP_DIR, manifest.icon)));
    assert.deepEqual([png.width, png.height], [300, 300]);
  });
});
