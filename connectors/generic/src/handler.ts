/**
 * The glue (issue #10): (merchant id, connection id, raw body, headers) -> core use cases. The delivery is
 * verified with the connection's secret before anything is read from it; its JSON is read through the
 * connection's mapping; the payment or refund is recorded durably (idempotent on the sender's ids) before
 * the route answers. Unknown merchant or connection: 404, nothing stored.
 */

import type { GatewayHandler, GatewayResult } from '../../../core/src/automation/inbound.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { AutofacturaError } from '../../../core/src/errors.js';
import { connectionNames, parseMapping } from './config.js';
import { normalizeGeneric } from './normalize.js';
import { verifyGeneric } from './verify.js';

const notConnected = (connectionId: string) =>
  new AutofacturaError({
    code: 'GENERIC_NOT_CONNECTED',
    status: 404,
    message: `Este comercio no existe o no tiene la conexión "${connectionId}". Créala en el panel o con "autofactura connect generic" y usa la URL que muestra.`,
    messageEn: `This merchant does not exist or has no connection "${connectionId}". Create it in the dashboard or with "autofactura connect generic" and use the URL it shows.`,
  });

function parseBody(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AutofacturaError({
      code: 'GENERIC_MALFORMED_BODY',
      status: 400,
      message: 'El cuerpo del webhook no es JSON válido.',
      messageEn: "The webhook's body is not valid JSON.",
    });
  }
}

export function genericHandler(deps: { af: Autofactura }): GatewayHandler {
  const { af } = deps;
  return {
    gateway: 'generic',
    withConnectionId: true,
    async handle(request): Promise<GatewayResult> {
      const connectionId = request.connectionId ?? '';
      const names = connectionNames(connectionId);
      const [secret, mappingText] = /^[a-z0-9_-]{1,40}$/.test(connectionId)
        ? await Promise.all([
            af.connectionSecret(request.merchantId, names.secret),
            af.connectionValue(request.merchantId, names.mapping),
          ])
        : [null, null];
      if (!secret || !mappingText) throw notConnected(connectionId);
      verifyGeneric(request.rawBody, request.headers, secret);
      const eventId = request.headers['webhook-id'];
      const action = normalizeGeneric(parseMapping(mappingText), parseBody(request.rawBody));
      const tag = {
        ...(eventId ? { eventId } : {}),
        ...(action.eventType ? { eventType: action.eventType } : {}),
      };
      if (action.kind === 'ignored')
        return { outcome: 'ignored', reason: action.reason, reasonEn: action.reasonEn, ...tag };
      if (action.kind === 'refund') {
        const result = await af.recordRefundOrDefer(request.merchantId, action.refund);
        return {
          outcome: result.deferred ? 'deferred' : 'accepted',
          ...(result.payment ? { paymentId: result.payment.id } : {}),
          ...tag,
        };
      }
      const recorded = await af.recordPayment(request.merchantId, action.payment);
      return { outcome: recorded.created ? 'accepted' : 'duplicate', paymentId: recorded.payment.id, ...tag };
    },
  };
}
