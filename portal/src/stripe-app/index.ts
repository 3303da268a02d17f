/**
 * The Stripe App's backend, under /stripe-app/ (connectors/stripe/app, docs/stripe-app.md). Every POST
 * carries `{ user_id, account_id, ... }` and the `Stripe-Signature` the view got from
 * fetchStripeSignature(); it is verified with the app's signing secret (STRIPE_APP_SECRET) before
 * anything is read. The account then maps to the merchant linked in the app's settings: every payment,
 * invoice and customer is looked up with that merchant's id, so another account's ids are not found.
 * The views run in a sandboxed iframe of the Stripe Dashboard, hence CORS for any origin (the signature,
 * not the origin, is what authenticates).
 */
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Merchant, Store } from '../../../core/src/store/types.js';
import { apiError } from '../http-error.js';
import { APP_ACCOUNT, linkAccount, linkedMerchant, unlinkAccount } from './account-link.js';
import { customerView, findStripeCustomer, saveStripeCustomer } from './customer-view.js';
import { documentRoute } from './document-route.js';
import { documentPath } from './documents.js';
import { cancelCfdi, issueNow, portalLink } from './payment-actions.js';
import { paymentRecords, paymentView } from './payment-view.js';
import { type AppState, appSecrets, corsForDashboard, verifySigned } from './request-edge.js';
import type { AppCaller } from './signature.js';

export interface StripeAppOptions {
  af: Autofactura;
  store: Store;
  /** Base URL the server is reached at: document links are absolute. */
  publicUrl: string;
  /** The app's signing secret; default env STRIPE_APP_SECRET, read on each request. */
  appSecret?: string;
  toleranceSeconds?: number;
  /** Milliseconds since the epoch (tests move the clock). */
  now?: () => number;
}

export function stripeAppRouter(options: StripeAppOptions): Router {
  const { af, store } = options;
  const base = options.publicUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const secretsFor = async (caller: AppCaller) =>
    appSecrets(af, options.appSecret, (await linkedMerchant(af, caller.accountId))?.id ?? null);

  const router = new Router<AppState>({ prefix: '/stripe-app' });
  corsForDashboard(router);

  const signed = new Router<AppState>();
  signed.use(bodyParser({ enableTypes: ['json'], jsonLimit: '64kb', encoding: 'utf-8' }));
  signed.use(
    verifySigned({
      secretsFor,
      now,
      ...(options.toleranceSeconds !== undefined ? { toleranceSeconds: options.toleranceSeconds } : {}),
    }),
  );

  const merchantOf = async (caller: AppCaller): Promise<Merchant> => {
    const merchant = await linkedMerchant(af, caller.accountId);
    if (!merchant) {
      throw apiError(
        403,
        'STRIPE_ACCOUNT_NOT_LINKED',
        'Esta cuenta de Stripe no está vinculada a un comercio de autofactura: vincúlala en la configuración de la app.',
        "This Stripe account is not linked to an autofactura merchant: link it in the app's settings.",
      );
    }
    return merchant;
  };
  const status = async (caller: AppCaller) => {
    const merchant = await linkedMerchant(af, caller.accountId);
    return {
      linked: merchant !== null,
      /** 'settings': linked in the app (it can unlink); 'stripe_connection': the merchant's Stripe connection. */
      linked_by: merchant
        ? merchant.connections?.[APP_ACCOUNT] === caller.accountId
          ? 'settings'
          : 'stripe_connection'
        : null,
      account_id: caller.accountId,
      merchant: merchant
        ? { id: merchant.id, rfc: merchant.rfc, name: merchant.name, trade_name: merchant.branding.tradeName }
        : null,
      autofactura_url: base,
    };
  };

  signed.post('/status', async (ctx) => {
    ctx.body = await status(ctx.state.caller);
  });
  signed.post('/link', async (ctx) => {
    const key = typeof ctx.state.body.api_key === 'string' ? ctx.state.body.api_key.trim() : '';
    const found = key ? await af.authenticate(key) : null;
    if (!found) {
      throw apiError(
        400,
        'API_KEY_INVALID',
        'Esa llave API no es válida: cópiala de autofactura › Configuración › Llaves API (empieza con af_).',
        'That API key is not valid: copy it from autofactura › Settings › API keys (it starts with af_).',
        'api_key',
      );
    }
    await linkAccount(af, ctx.state.caller.accountId, found.merchant.id);
    ctx.body = await status(ctx.state.caller);
  });
  signed.post('/unlink', async (ctx) => {
    await unlinkAccount(af, ctx.state.caller.accountId);
    ctx.body = await status(ctx.state.caller);
  });

  const recordsOf = async (ctx: Context & { state: AppState }) => {
    const merchant = await merchantOf(ctx.state.caller);
    const records = await paymentRecords(store, merchant, ctx.params.id as string);
    if (!records) {
      throw apiError(
        404,
        'PAYMENT_NOT_FOUND',
        'autofactura no tiene este pago: llega con el webhook de Stripe cuando el cobro se completa.',
        'autofactura does not have this payment: it arrives with the Stripe webhook once the charge succeeds.',
      );
    }
    return records;
  };
  const viewOf = async (ctx: Context & { state: AppState }) => {
    const records = await recordsOf(ctx);
    const secret = ctx.state.secret;
    return paymentView(
      af,
      records,
      (invoiceId, format) =>
        base + documentPath(secret, { merchantId: records.payment.merchantId, invoiceId, format }, now()),
    );
  };
  signed.post('/payments/:id', async (ctx) => {
    ctx.body = await viewOf(ctx);
  });
  signed.post('/payments/:id/issue', async (ctx) => {
    await issueNow(af, await recordsOf(ctx));
    ctx.body = await viewOf(ctx);
  });
  signed.post('/payments/:id/portal-link', async (ctx) => {
    const { url, emailedTo } = await portalLink(af, await recordsOf(ctx));
    ctx.body = { url, emailed_to: emailedTo };
  });
  signed.post('/payments/:id/cancel', async (ctx) => {
    await cancelCfdi(af, await recordsOf(ctx), ctx.state.body);
    ctx.body = await viewOf(ctx);
  });
  signed.post('/customers/:id', async (ctx) => {
    const merchant = await merchantOf(ctx.state.caller);
    ctx.body = customerView(await findStripeCustomer(store, merchant, ctx.params.id as string));
  });
  signed.post('/customers/:id/update', async (ctx) => {
    const merchant = await merchantOf(ctx.state.caller);
    ctx.body = customerView(
      await saveStripeCustomer(af, store, merchant, ctx.params.id as string, ctx.state.body),
    );
  });

  documentRoute(router, { af, appSecret: options.appSecret, now });
  router.use(signed.routes(), signed.allowedMethods());
  return router;
}
