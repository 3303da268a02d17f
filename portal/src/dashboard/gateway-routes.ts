/**
 * Settings › Pasarelas (issue #10): every gateway connection with its webhook URL, whether it is set up,
 * and its last deliveries with their outcome (accepted, duplicate, ignored, refused and why); the
 * merchant's generic signed webhooks (RetryPay, a shop...) created here with their mapping — the secret
 * is shown once, in the answer that created it — and removed. The gateways' credentials are saved through
 * each connector's own connect function, as the CLI's `autofactura connect <gateway>` does.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import { connectionNames, genericConnectionIds } from '../../../connectors/generic/src/config.js';
import { connectGeneric } from '../../../connectors/generic/src/connect.js';
import type { LoggedDelivery } from '../../../core/src/automation/inbound.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { isAutofacturaError } from '../../../core/src/errors.js';
import type { Merchant, Store } from '../../../core/src/store/types.js';
import type { Web } from '../web/index.js';
import { webError } from '../web/web-error.js';
import { errorText } from './form-errors.js';
import { GATEWAY_FORMS, type GatewayForm } from './gateway-forms.js';
import { pageLocals } from './page.js';
import { requireMerchant } from './session.js';

type Body = Record<string, string | undefined>;

const DELIVERIES = 8;

interface GatewayCard {
  form: GatewayForm;
  url: string;
  configured: boolean;
  deliveries: LoggedDelivery[];
}

interface GenericCard {
  id: string;
  url: string;
  mapping: string;
  deliveries: LoggedDelivery[];
}

async function cards(af: Autofactura, merchant: Merchant, publicUrl: string) {
  const gateways: GatewayCard[] = await Promise.all(
    GATEWAY_FORMS.map(async (form) => ({
      form,
      url: `${publicUrl}/webhooks/${form.gateway}/${merchant.id}`,
      configured: Object.keys(merchant.secrets).some((name) => name.startsWith(`${form.gateway}.`)),
      deliveries: await af.listDeliveries(merchant.id, form.gateway, { limit: DELIVERIES }),
    })),
  );
  const generics: GenericCard[] = await Promise.all(
    genericConnectionIds(merchant.connections).map(async (id) => {
      const text = merchant.connections?.[connectionNames(id).mapping] ?? '{}';
      return {
        id,
        url: `${publicUrl}/webhooks/generic/${merchant.id}/${id}`,
        mapping: JSON.stringify(JSON.parse(text), null, 2),
        deliveries: await af.listDeliveries(merchant.id, 'generic', { connectionId: id, limit: DELIVERIES }),
      };
    }),
  );
  return { gateways, generics };
}

export function gatewayRoutes(
  router: Router,
  options: { af: Autofactura; store: Store; web: Web; publicUrl: string },
): void {
  const { af, web, publicUrl } = options;

  async function show(ctx: Context, extra: Record<string, unknown> = {}, status = 200) {
    // Read again: a connection saved by this request is not in the session's copy.
    const merchant = (await options.store.merchants.get(ctx.state.merchant.id)) ?? ctx.state.merchant;
    await web.render(
      ctx,
      'dashboard/settings/page',
      {
        ...pageLocals(ctx, 'settings', ctx.state.t('dash.settings.gateways')),
        current: 'gateways',
        onboarding: false,
        ...(await cards(af, merchant, publicUrl)),
        flash: ctx.query.saved ? ctx.state.t('dash.saved') : null,
        genericValues: {},
        gatewayErrors: {},
        ...extra,
      },
      { layout: 'dashboard/layout', status },
    );
  }

  router.get('/settings/gateways', requireMerchant, (ctx) => show(ctx));

  router.post('/settings/gateways/generic', requireMerchant, web.form(), web.csrf.verify, async (ctx) => {
    const body = ctx.request.body as Body;
    const merchantId = ctx.state.merchant.id;
    try {
      const result = await connectGeneric(af, merchantId, {
        mappingText: body.mapping ?? '',
        ...(body.id?.trim() ? { id: body.id.trim() } : {}),
        ...(body.secret?.trim() ? { secret: body.secret.trim() } : {}),
      });
      ctx.set('Cache-Control', 'no-store');
      await show(
        ctx,
        { created: { id: result.connectionId, secret: result.generated ? result.secret : null } },
        201,
      );
    } catch (error) {
      if (!isAutofacturaError(error) || error.status >= 500) throw error;
      await show(ctx, { genericError: errorText(ctx, error), genericValues: body }, error.status);
    }
  });

  router.post(
    '/settings/gateways/generic/:id/delete',
    requireMerchant,
    web.form(),
    web.csrf.verify,
    async (ctx) => {
      const id = String(ctx.params.id);
      if (!/^[a-z0-9_-]{1,40}$/.test(id))
        throw webError(404, 'NOT_FOUND', 'No existe esa conexión.', 'There is no such connection.');
      const names = connectionNames(id);
      await af.setMerchantConnection(ctx.state.merchant.id, names.mapping, null);
      await af.setMerchantSecret(ctx.state.merchant.id, names.secret, null);
      ctx.status = 303;
      ctx.redirect('/dashboard/settings/gateways?saved=1');
    },
  );

  router.post('/settings/gateways/:gateway', requireMerchant, web.form(), web.csrf.verify, async (ctx) => {
    const form = GATEWAY_FORMS.find((f) => f.gateway === ctx.params.gateway);
    if (!form) throw webError(404, 'NOT_FOUND', 'No existe esa pasarela.', 'There is no such gateway.');
    const body = ctx.request.body as Body;
    try {
      await form.save(af, ctx.state.merchant.id, body);
      ctx.status = 303;
      ctx.redirect(`/dashboard/settings/gateways?saved=1#${form.gateway}`);
    } catch (error) {
      if (!isAutofacturaError(error) || error.status >= 500) throw error;
      await show(ctx, { gatewayErrors: { [form.gateway]: errorText(ctx, error) } }, error.status);
    }
  });
}
