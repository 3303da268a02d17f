/**
 * Finkok (SOAP) as a PAC: stamps CFDI we sealed ourselves (`stamp`, recovering duplicates with
 * `stamped`), cancels with the issuer's CSD (`cancel`) and asks SAT's status (`get_sat_status`).
 * Contract: shared/reference/pac-contracts.md. Tested against test/support/fakes/finkok.ts.
 */
import type { Pac } from '../port.js';
import { finkokCancel, finkokStatus } from './cancel.js';
import { type FinkokConfig, parseFinkokConfig } from './config.js';
import { finkokStamp } from './stamp.js';

export {
  FINKOK_DEMO_URL,
  FINKOK_PRODUCTION_URL,
  type FinkokConfig,
  type FinkokSettings,
  finkokConfigSchema,
} from './config.js';

/** Throws PacError PAC_CONFIG_INVALID when the settings are incomplete. */
export function createFinkokPac(config: FinkokConfig): Pac {
  const settings = parseFinkokConfig(config);
  return {
    name: 'finkok',
    stamp: (sealedXml) => finkokStamp(settings, sealedXml),
    cancel: (request) => finkokCancel(settings, request),
    status: (request) => finkokStatus(settings, request),
  };
}
