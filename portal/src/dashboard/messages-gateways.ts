/**
 * The dashboard's messages for Settings › Pasarelas (#10): gateway connections, their deliveries, the
 * generic signed webhooks. es-MX first, English second; both must have the same keys.
 */
import type { Dictionary } from '../web/i18n.js';

const es: Dictionary = {
  'dash.settings.gateways': 'Pasarelas',
  'dash.settings.gateways.lead':
    'Conekta, MercadoPago, OpenPay, PayPal y cualquier webhook firmado: cada aviso de pago se factura solo. Aquí ves la URL de cada conexión y sus últimos avisos.',
  'dash.gw.deliveries': 'Últimos avisos',
  'dash.gw.noDeliveries': 'Aún no llega ningún aviso a esta conexión.',
  'dash.gw.when': 'Cuándo',
  'dash.gw.event': 'Evento',
  'dash.gw.outcome': 'Resultado',
  'dash.gw.detail': 'Detalle',
  'dash.gw.outcome.accepted': 'Registrado',
  'dash.gw.outcome.duplicate': 'Repetido',
  'dash.gw.outcome.ignored': 'Ignorado',
  'dash.gw.outcome.deferred': 'En espera',
  'dash.gw.outcome.verification': 'Verificación',
  'dash.gw.outcome.rejected': 'Rechazado',
  'dash.gw.viewPayment': 'Ver pago',
  'dash.gw.saved': 'Guardado (escribe otro para cambiarlo)',
  'dash.gw.createdTitle': 'Conexión «{id}» guardada',
  'dash.gw.secretOnce':
    'Este es el secreto para firmar los avisos (Standard Webhooks). Cópialo ahora en el emisor: no se vuelve a mostrar.',
  'dash.gw.secretKept': 'Se guardó el secreto que escribiste.',
  'dash.gw.genericTitle': 'Webhooks firmados (RetryPay y otros)',
  'dash.gw.genericLead':
    'Cualquier tienda u orquestador que firme sus avisos con Standard Webhooks. El mapeo dice, con JSON pointers, dónde vienen el monto, la moneda, el identificador y el cliente.',
  'dash.gw.genericAdd': 'Agregar o actualizar una conexión',
  'dash.gw.genericId': 'Identificador',
  'dash.gw.genericIdHint': 'Minúsculas, dígitos, - o _; si lo dejas vacío se usa el "source" del mapeo.',
  'dash.gw.mapping': 'Mapeo (JSON)',
  'dash.gw.mappingHint':
    'Ejemplo listo para RetryPay en connectors/generic/samples/retrypay.mapping.json. Se revisa antes de guardar.',
  'dash.gw.genericSecret': 'Secreto',
  'dash.gw.genericSecretHint': 'whsec_… si el emisor ya tiene uno; si lo dejas vacío autofactura genera uno.',
  'dash.gw.genericSave': 'Guardar conexión',
  'dash.gw.delete': 'Eliminar',
  'dash.gw.deleteConfirm': '¿Eliminar esta conexión? Sus avisos dejarán de aceptarse.',
};

const en: Dictionary = {
  'dash.settings.gateways': 'Gateways',
  'dash.settings.gateways.lead':
    "Conekta, MercadoPago, OpenPay, PayPal and any signed webhook: every payment notice is invoiced on its own. Here are each connection's URL and its latest deliveries.",
  'dash.gw.deliveries': 'Latest deliveries',
  'dash.gw.noDeliveries': 'Nothing has reached this connection yet.',
  'dash.gw.when': 'When',
  'dash.gw.event': 'Event',
  'dash.gw.outcome': 'Outcome',
  'dash.gw.detail': 'Detail',
  'dash.gw.outcome.accepted': 'Recorded',
  'dash.gw.outcome.duplicate': 'Duplicate',
  'dash.gw.outcome.ignored': 'Ignored',
  'dash.gw.outcome.deferred': 'Deferred',
  'dash.gw.outcome.verification': 'Verification',
  'dash.gw.outcome.rejected': 'Refused',
  'dash.gw.viewPayment': 'View payment',
  'dash.gw.saved': 'Saved (type another to change it)',
  'dash.gw.createdTitle': 'Connection “{id}” saved',
  'dash.gw.secretOnce':
    'This is the secret to sign the notifications (Standard Webhooks). Copy it into the sender now: it is not shown again.',
  'dash.gw.secretKept': 'The secret you typed was saved.',
  'dash.gw.genericTitle': 'Signed webhooks (RetryPay and others)',
  'dash.gw.genericLead':
    'Any shop or orchestrator that signs its notifications with Standard Webhooks. The mapping says, with JSON pointers, where the amount, currency, id and customer are.',
  'dash.gw.genericAdd': 'Add or update a connection',
  'dash.gw.genericId': 'Id',
  'dash.gw.genericIdHint': 'Lower case, digits, - or _; left empty, the mapping\'s "source" is used.',
  'dash.gw.mapping': 'Mapping (JSON)',
  'dash.gw.mappingHint':
    'A ready example for RetryPay in connectors/generic/samples/retrypay.mapping.json. It is checked before saving.',
  'dash.gw.genericSecret': 'Secret',
  'dash.gw.genericSecretHint':
    'whsec_… if the sender already has one; left empty, autofactura generates one.',
  'dash.gw.genericSave': 'Save connection',
  'dash.gw.delete': 'Delete',
  'dash.gw.deleteConfirm': 'Delete this connection? Its notifications will no longer be accepted.',
};

export const gatewayMessages = { es, en };
