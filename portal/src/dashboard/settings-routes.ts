/**
 * Onboarding and settings: the same forms under /dashboard/onboarding/<section> (a stepper, "save and
 * continue") and /dashboard/settings/<section> (tabs, "save"). The CSD step creates the merchant on
 * onboarding and renews the CSD afterwards; the others patch the merchant through the facade, which
 * checks every field (errors are shown beside each field).
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { isAutofacturaError } from '../../../core/src/errors.js';
import type { Store } from '../../../core/src/store/types.js';
import type { Upload } from '../web/form-body.js';
import type { Web } from '../web/index.js';
import { multiUpload } from '../web/multi-upload.js';
import { webError } from '../web/web-error.js';
import { productLabel, regimeOptions, unitOptions } from './catalog-options.js';
import { errorText, fieldErrors } from './form-errors.js';
import { pageLocals } from './page.js';
import { requireMerchant, requireUser } from './session.js';
import { settingsBody } from './settings-body.js';
import { parseFolio, patchOf, valuesFromBody, valuesOf } from './settings-forms.js';
import { connectionsLocals, saveConnections, savePac } from './settings-integrations.js';

export const STEPS = ['csd', 'fiscal', 'branding', 'product', 'automation', 'pac', 'connections'] as const;
const PATCH_SECTIONS = new Set(['fiscal', 'branding', 'product', 'automation']);
const CSD_FILE_BYTES = 64 * 1024;

export interface SettingsOptions {
  af: Autofactura;
  store: Store;
  web: Web;
  publicUrl: string;
}

type Body = Record<string, string | undefined>;

export function settingsRoutes(router: Router, options: SettingsOptions): void {
  const { af, web } = options;

  async function show(
    ctx: Context,
    section: string,
    onboarding: boolean,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const merchant = ctx.state.identity.merchant;
    const locals: Record<string, unknown> = {
      ...pageLocals(ctx, 'settings', ctx.state.t(`dash.settings.${section}`)),
      current: section,
      onboarding,
      action: `/dashboard/${onboarding ? 'onboarding' : 'settings'}/${section}`,
      values: merchant ? valuesOf(section, merchant) : {},
      errors: {},
      error: null,
      regimes: regimeOptions(),
      units: unitOptions(),
      publicUrl: options.publicUrl,
      ...(merchant && section === 'connections' ? connectionsLocals(merchant, options.publicUrl) : {}),
      ...(merchant && section === 'pac'
        ? { configured: { finkok: !!merchant.secrets['pac.finkok'], sw: !!merchant.secrets['pac.sw'] } }
        : {}),
      ...(merchant && section === 'product'
        ? {
            values: {
              ...valuesOf(section, merchant),
              productLabel: productLabel(merchant.settings.defaultProduct.productKey),
            },
          }
        : {}),
      ...extra,
    };
    await web.render(ctx, 'dashboard/settings/page', locals, { layout: 'dashboard/layout', status });
  }

  const sectionOf = (ctx: Context, allowed: readonly string[]) => {
    const section = ctx.params.section as string;
    if (!allowed.includes(section))
      throw webError(404, 'NOT_FOUND', 'No existe esa sección.', 'There is no such section.');
    return section;
  };
  const after = (ctx: Context, section: string, onboarding: boolean) => {
    ctx.status = 303;
    if (!onboarding) return ctx.redirect(`/dashboard/settings/${section}?saved=1`);
    const next = STEPS[STEPS.indexOf(section as (typeof STEPS)[number]) + 1];
    ctx.redirect(next ? `/dashboard/onboarding/${next}` : '/dashboard?welcome=1');
  };

  for (const mode of ['onboarding', 'settings'] as const) {
    const onboarding = mode === 'onboarding';

    router.get(`/${mode}/csd`, requireUser, (ctx) =>
      show(ctx, 'csd', onboarding || !ctx.state.identity.merchant),
    );

    router.post(
      `/${mode}/csd`,
      requireUser,
      multiUpload({ files: { cer: CSD_FILE_BYTES, key: CSD_FILE_BYTES } }),
      web.csrf.verify,
      async (ctx) => {
        const body = ctx.request.body as Body;
        const uploads = ctx.state.uploads as Record<string, Upload>;
        const identity = ctx.state.identity;
        try {
          if (!uploads.cer || !uploads.key) {
            throw webError(
              422,
              'CSD_FILES_REQUIRED',
              'Sube los dos archivos del CSD: el certificado (.cer) y la llave privada (.key).',
              'Upload both CSD files: the certificate (.cer) and the private key (.key).',
            );
          }
          const input = {
            certificate: uploads.cer.bytes,
            privateKey: uploads.key.bytes,
            password: String(body.password ?? ''),
          };
          if (identity.merchant) {
            await af.replaceCsd(identity.merchant.id, input);
            return after(ctx, 'csd', onboarding);
          }
          const created = await af.onboardMerchant(identity.user.id, {
            ...input,
            regime: String(body.regime ?? ''),
            zip: String(body.zip ?? '').trim(),
          });
          ctx.state.identity = { ...identity, merchant: created.merchant };
          await web.render(
            ctx,
            'dashboard/settings/csd-done',
            {
              ...pageLocals(ctx, 'settings', ctx.state.t('dash.settings.csd')),
              merchant: created.merchant,
              keys: created.apiKeys,
            },
            { layout: 'dashboard/layout', status: 201 },
          );
        } catch (error) {
          if (!isAutofacturaError(error) || error.status >= 500) throw error;
          await show(
            ctx,
            'csd',
            onboarding || !identity.merchant,
            {
              error: errorText(ctx, error),
              errors: fieldErrors(ctx, error),
              values: { regime: body.regime ?? '', zip: body.zip ?? '' },
            },
            error.status,
          );
        }
      },
    );

    router.get(`/${mode}/:section`, requireMerchant, async (ctx) => {
      const section = sectionOf(ctx, STEPS.slice(1));
      await show(ctx, section, onboarding, ctx.query.saved ? { flash: ctx.state.t('dash.saved') } : {});
    });

    router.post(
      `/${mode}/:section`,
      requireMerchant,
      settingsBody(web, (ctx, error) => {
        // The branding form again, the logo's problem beside its field.
        const merchant = ctx.state.identity.merchant;
        const body = (ctx.request.body ?? {}) as Body;
        const message = errorText(ctx, error);
        const values =
          body.tradeName === undefined
            ? valuesOf('branding', merchant)
            : valuesFromBody('branding', merchant, body);
        return show(ctx, 'branding', onboarding, { error: message, errors: { logo: message }, values }, 422);
      }),
      web.csrf.verify,
      async (ctx) => {
        const section = sectionOf(ctx, STEPS.slice(1));
        const merchant = ctx.state.identity.merchant;
        const body = ctx.request.body as Body;
        try {
          if (PATCH_SECTIONS.has(section)) {
            const nextFolio = section === 'fiscal' ? parseFolio(body.nextFolio) : undefined;
            const updated = await af.updateMerchant(merchant.id, patchOf(section, merchant, body));
            if (nextFolio !== undefined)
              await options.store.folios.setNext(merchant.id, updated.settings.series.invoice, nextFolio);
            const upload = ctx.state.upload as Upload | undefined;
            if (section === 'branding' && upload)
              await af.setMerchantLogo(merchant.id, { data: upload.bytes });
            else if (section === 'branding' && body.removeLogo === '1')
              await af.setMerchantLogo(merchant.id, null);
          } else if (section === 'pac') {
            await savePac(af, merchant.id, body);
          } else {
            await saveConnections(af, merchant.id, body);
          }
          after(ctx, section, onboarding);
        } catch (error) {
          if (!isAutofacturaError(error) || error.status >= 500) throw error;
          await show(
            ctx,
            section,
            onboarding,
            {
              error: errorText(ctx, error),
              errors: fieldErrors(ctx, error),
              values: { ...valuesFromBody(section, merchant, body), productLabel: '' },
            },
            error.status,
          );
        }
      },
    );
  }
}
