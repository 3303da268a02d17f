/**
 * The body of a settings form: urlencoded, or multipart for branding (one logo: PNG or JPEG by its
 * bytes, up to LOGO_MAX_BYTES). A refused logo is not an error page: `onLogoRefused` shows the form
 * again with the problem beside the logo field (and what was typed, when the fields came before it).
 */
import type { Context, Next } from 'koa';
import { LOGO_MAX_BYTES, logoType } from '../../../core/src/automation/dashboard/logo.js';
import { type AutofacturaError, isAutofacturaError } from '../../../core/src/errors.js';
import type { Web } from '../web/index.js';

const LOGO_REFUSALS = ['UPLOAD_TYPE', 'UPLOAD_TOO_LARGE'];

export function settingsBody(
  web: Web,
  onLogoRefused: (ctx: Context, error: AutofacturaError) => Promise<void>,
) {
  const plain = web.form();
  const withLogo = web.form({
    upload: {
      field: 'logo',
      maxBytes: LOGO_MAX_BYTES,
      types: ['image/png', 'image/jpeg'],
      sniff: (bytes) => logoType(bytes) !== null,
      label: { es: 'una imagen PNG o JPEG de hasta 512 KB', en: 'a PNG or JPEG image of up to 512 KB' },
    },
  });
  return async (ctx: Context, next: Next) => {
    if (ctx.params.section !== 'branding') return plain(ctx, next);
    try {
      await withLogo(ctx, async () => {});
    } catch (error) {
      if (!isAutofacturaError(error) || !LOGO_REFUSALS.includes(error.code)) throw error;
      return onLogoRefused(ctx, error);
    }
    return next();
  };
}
