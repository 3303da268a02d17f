/**
 * The gateway connectors served at `POST /webhooks/<gateway>/:merchantId` (issue #10): each connector
 * exports a handler factory; this list is where the server picks them up (gateway-route.ts mounts them).
 * `apis` points connectors that call their gateway back (MercadoPago, OpenPay, PayPal) at other hosts:
 * tests use local fakes.
 */
import { conektaHandler } from '../../../connectors/conekta/src/handler.js';
import { genericHandler } from '../../../connectors/generic/src/handler.js';
import { mercadoPagoHandler } from '../../../connectors/mercadopago/src/handler.js';
import { openpayHandler } from '../../../connectors/openpay/src/handler.js';
import { paypalHandler } from '../../../connectors/paypal/src/handler.js';
import type { GatewayHandler } from '../../../core/src/automation/inbound.js';
import type { Autofactura, Logger } from '../../../core/src/automation/types.js';

export interface GatewayDeps {
  af: Autofactura;
  logger: Logger;
  /** Base URLs of gateway APIs by gateway id (env MERCADOPAGO_API_URL, OPENPAY_API_URL, PAYPAL_API_URL). */
  apis: Record<string, string | undefined>;
  /** Seconds since the epoch (tests of stale timestamps). */
  now?: () => number;
}

export function gatewayHandlers(deps: GatewayDeps): GatewayHandler[] {
  return [
    genericHandler(deps),
    conektaHandler({ af: deps.af }),
    openpayHandler({ af: deps.af, apiUrl: deps.apis.openpay }),
    mercadoPagoHandler({
      af: deps.af,
      logger: deps.logger,
      apiUrl: deps.apis.mercadopago,
      ...(deps.now ? { now: deps.now } : {}),
    }),
    paypalHandler({
      af: deps.af,
      logger: deps.logger,
      apiUrl: deps.apis.paypal,
      ...(deps.now ? { now: deps.now } : {}),
    }),
  ];
}
