/**
 * SW Sapien (REST) as a PAC: authenticates (token kept until it expires, or a portal token), stamps CFDI
 * we sealed ourselves with stamp v4 (a 307 duplicate gives back the earlier timbre) and cancels with the
 * issuer's CSD. SW's contract here has no status query: `status` fails with PAC_STATUS_NOT_SUPPORTED.
 * Contract: shared/reference/pac-contracts.md. Tested against test/support/fakes/sw.ts.
 */
import type { Pac } from '../port.js';
import { SwTokens } from './auth.js';
import { swCancel, swStatus } from './cancel.js';
import { parseSwConfig, type SwConfig } from './config.js';
import { swStamp } from './stamp.js';

export { SW_PRODUCTION_URL, SW_TEST_URL, type SwConfig, type SwSettings, swConfigSchema } from './config.js';

export interface SwOptions {
  /** Clock for the token's expiry. */
  now?: () => Date;
}

/** Throws PacError PAC_CONFIG_INVALID when the settings are incomplete. */
export function createSwPac(config: SwConfig, options: SwOptions = {}): Pac {
  const settings = parseSwConfig(config);
  const tokens = new SwTokens(settings, options.now ?? (() => new Date()));
  return {
    name: 'sw',
    stamp: (sealedXml) => swStamp(settings, tokens, sealedXml),
    cancel: (request) => swCancel(settings, tokens, request),
    status: (request) => swStatus(request),
  };
}
