/**
 * The merchant's PAC choice from the dashboard. Choosing Finkok or SW with new credentials checks
 * them for completeness (the PAC client's own settings check) and stores them encrypted; choosing one
 * without credentials keeps those stored before, and is refused when there are none. 'sandbox' means
 * the server's PAC and is only offered when the server runs the sandbox.
 */
import { AutofacturaError } from '../../errors.js';
import type { Merchant } from '../../store/types.js';
import type { Context } from '../context.js';
import { requireMerchant } from '../merchant.js';
import { type OwnPac, ownPac, type PacCredentials } from '../merchant-pac.js';

export type { PacCredentials };

export async function setMerchantPac(
  ctx: Context,
  merchantId: string,
  choice: 'sandbox' | OwnPac,
  credentials?: PacCredentials,
): Promise<Merchant> {
  const merchant = await requireMerchant(ctx, merchantId);
  const secrets = { ...merchant.secrets };
  if (choice === 'sandbox') {
    if (ctx.pac.name !== 'sandbox') {
      throw new AutofacturaError({
        code: 'PAC_SANDBOX_UNAVAILABLE',
        status: 422,
        message: `Este servidor timbra con ${ctx.pac.name}; el sandbox no está disponible. Elige Finkok o SW con tu cuenta.`,
        messageEn: `This server stamps with ${ctx.pac.name}; the sandbox is not available. Choose Finkok or SW with your account.`,
      });
    }
  } else if (credentials && (credentials.user || credentials.password || credentials.token)) {
    ownPac(choice, credentials);
    secrets[`pac.${choice}`] = ctx.secrets.encrypt(JSON.stringify(credentials));
  } else if (!secrets[`pac.${choice}`]) {
    throw new AutofacturaError({
      code: 'PAC_CREDENTIALS_REQUIRED',
      status: 422,
      message: `Escribe las credenciales de tu cuenta de ${choice === 'sw' ? 'SW Sapien (token, o usuario y contraseña)' : 'Finkok (usuario y contraseña)'}.`,
      messageEn: `Enter your ${choice === 'sw' ? 'SW Sapien account credentials (token, or user and password)' : 'Finkok account credentials (username and password)'}.`,
    });
  }
  return ctx.store.merchants.update({
    ...merchant,
    secrets,
    settings: { ...merchant.settings, pac: choice },
    updatedAt: ctx.clock.now().toISOString(),
  });
}
