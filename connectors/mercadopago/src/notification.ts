/**
 * The thin notification (pure): `POST ...?data.id=<payment id>&type=payment` with a body like
 * `{ id, live_mode, type: 'payment', action: 'payment.updated', data: { id } }`. The id that gets fetched
 * is the URL's `data.id` — the one the signature covers; a body naming another id is refused.
 */
import { mercadoPagoError } from './errors.js';

export interface Notification {
  /** The notification's own id (logged as the delivery's event id). */
  id?: string;
  /** 'payment', 'merchant_order', 'topic_chargebacks_wh', ... */
  type: string;
  action?: string;
  /** The resource to fetch: the signed data.id of the URL. */
  dataId: string;
}

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

export function signedDataId(query: Record<string, string | undefined>): string | undefined {
  const id = query['data.id']?.trim();
  return id ? id : undefined;
}

export function parseNotification(rawBody: Buffer, query: Record<string, string | undefined>): Notification {
  const dataId = signedDataId(query);
  if (!dataId) {
    throw mercadoPagoError(
      'MERCADOPAGO_DATA_ID_MISSING',
      'La URL de la notificación no trae data.id: configura en Mercado Pago la URL de Webhooks que imprime "autofactura connect mercadopago", sin cambiarla.',
      'The notification URL has no data.id: set the Webhooks URL that "autofactura connect mercadopago" prints in Mercado Pago, unchanged.',
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw mercadoPagoError(
      'MERCADOPAGO_NOTIFICATION_MALFORMED',
      'El cuerpo de la notificación no es JSON válido.',
      'The notification body is not valid JSON.',
      400,
      error,
    );
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw mercadoPagoError(
      'MERCADOPAGO_NOTIFICATION_MALFORMED',
      'El cuerpo de la notificación debe ser un objeto JSON con type y data.id.',
      'The notification body must be a JSON object with type and data.id.',
    );
  }
  const record = body as Record<string, unknown>;
  const type = text(record.type) ?? query.type ?? query.topic;
  const data = record.data as Record<string, unknown> | undefined;
  const bodyId = data && typeof data === 'object' ? text(data.id) : undefined;
  if (!type || (bodyId !== undefined && bodyId !== dataId)) {
    throw mercadoPagoError(
      'MERCADOPAGO_NOTIFICATION_MALFORMED',
      `La notificación no coincide con su URL (data.id ${bodyId ?? '—'} en el cuerpo, ${dataId} en la URL) o no dice su type.`,
      `The notification does not match its URL (data.id ${bodyId ?? '—'} in the body, ${dataId} in the URL) or has no type.`,
    );
  }
  const id = text(record.id);
  const action = text(record.action);
  return { type, dataId, ...(id ? { id } : {}), ...(action ? { action } : {}) };
}
