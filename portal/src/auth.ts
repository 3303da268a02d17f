/** `Authorization: Bearer <api key>` -> the merchant and mode in `ctx.state`, or 401. */
import type { Context, Next } from 'koa';
import type { Autofactura } from '../../core/src/automation/types.js';
import type { Merchant } from '../../core/src/store/types.js';
import { apiError } from './http-error.js';

export interface ApiState {
  merchant: Merchant;
  mode: 'test' | 'live';
}

export function requireApiKey(af: Autofactura) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      ctx.set('WWW-Authenticate', 'Bearer');
      throw apiError(
        401,
        'API_KEY_MISSING',
        'Falta la llave API: envía el encabezado "Authorization: Bearer <llave>".',
        'Missing API key: send the header "Authorization: Bearer <key>".',
      );
    }
    const found = await af.authenticate(match[1]!);
    if (!found) {
      ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw apiError(
        401,
        'API_KEY_INVALID',
        'La llave API no es válida o fue revocada. Revisa que la copiaste completa.',
        'The API key is not valid or was revoked. Check that you copied it completely.',
      );
    }
    (ctx.state as ApiState).merchant = found.merchant;
    (ctx.state as ApiState).mode = found.mode;
    await next();
  };
}
