/**
 * The credential form of each gateway on Settings › Pasarelas: its fields (secrets as password inputs,
 * never shown back) and how they are saved — through the connector's own connect function, the same the
 * CLI's `autofactura connect <gateway>` calls, which checks everything before storing it encrypted.
 */
import { connectConektaAccount } from '../../../connectors/conekta/src/connect.js';
import { connectMercadoPagoAccount } from '../../../connectors/mercadopago/src/connect.js';
import { connectOpenpayAccount } from '../../../connectors/openpay/src/connect.js';
import { connectPaypalAccount } from '../../../connectors/paypal/src/connect.js';
import type { Autofactura } from '../../../core/src/automation/types.js';

export interface GatewayField {
  name: string;
  label: string;
  labelEn: string;
  hint?: string;
  hintEn?: string;
  /** password: a secret (never echoed); textarea: a PEM or long text; checkbox: a yes/no option. */
  type: 'text' | 'password' | 'textarea' | 'checkbox' | 'select';
  options?: { value: string; label: string; labelEn: string }[];
  required?: boolean;
}

export interface GatewayForm {
  gateway: string;
  name: string;
  lead: string;
  leadEn: string;
  fields: GatewayField[];
  save(af: Autofactura, merchantId: string, body: Record<string, string | undefined>): Promise<void>;
}

const text = (value: string | undefined) => (value ?? '').trim();
const optional = (value: string | undefined) => text(value) || undefined;

export const GATEWAY_FORMS: GatewayForm[] = [
  {
    gateway: 'conekta',
    name: 'Conekta',
    lead: 'Tarjetas, OXXO y SPEI. Cada aviso llega firmado (encabezado DIGEST) y se verifica con la llave pública de tu webhook.',
    leadEn:
      'Cards, OXXO and SPEI. Each notification comes signed (DIGEST header) and is verified with your webhook public key.',
    fields: [
      {
        name: 'publicKey',
        label: 'Llave pública del webhook (PEM)',
        labelEn: 'Webhook public key (PEM)',
        hint: 'La que Conekta entrega al crear la llave de webhook: empieza con -----BEGIN PUBLIC KEY-----.',
        hintEn:
          'The one Conekta returns when you create the webhook key: it starts with -----BEGIN PUBLIC KEY-----.',
        type: 'textarea',
        required: true,
      },
    ],
    save: (af, merchantId, body) =>
      connectConektaAccount(af, merchantId, { publicKey: text(body.publicKey) }).then(() => {}),
  },
  {
    gateway: 'mercadopago',
    name: 'MercadoPago',
    lead: 'Los avisos se verifican con la firma x-signature y el pago se consulta a MercadoPago; solo se factura el aprobado.',
    leadEn:
      'Notifications are verified by their x-signature and the payment is read back from MercadoPago; only approved ones are invoiced.',
    fields: [
      {
        name: 'secret',
        label: 'Clave secreta de los webhooks',
        labelEn: 'Webhook secret key',
        hint: 'Tus integraciones › Webhooks › Clave secreta.',
        hintEn: 'Your integrations › Webhooks › Secret key.',
        type: 'password',
        required: true,
      },
      {
        name: 'accessToken',
        label: 'Access token',
        labelEn: 'Access token',
        hint: 'Credenciales de producción (APP_USR-…) o de prueba (TEST-…).',
        hintEn: 'Production (APP_USR-…) or test (TEST-…) credentials.',
        type: 'password',
        required: true,
      },
    ],
    save: (af, merchantId, body) =>
      connectMercadoPagoAccount(af, merchantId, {
        secret: text(body.secret),
        accessToken: text(body.accessToken),
      }).then(() => {}),
  },
  {
    gateway: 'openpay',
    name: 'OpenPay',
    lead: 'Cargos con tarjeta, tienda y SPEI. Los avisos traen usuario y contraseña (autenticación básica); con tus llaves API cada cargo se consulta a OpenPay.',
    leadEn:
      'Card, store and SPEI charges. Notifications carry a user and password (Basic auth); with your API keys each charge is read back from OpenPay.',
    fields: [
      { name: 'user', label: 'Usuario del webhook', labelEn: 'Webhook user', type: 'text', required: true },
      {
        name: 'password',
        label: 'Contraseña del webhook',
        labelEn: 'Webhook password',
        type: 'password',
        required: true,
      },
      {
        name: 'openpayMerchantId',
        label: 'ID de comercio de OpenPay',
        labelEn: 'OpenPay merchant id',
        type: 'text',
      },
      { name: 'privateKey', label: 'Llave privada (sk_…)', labelEn: 'Private key (sk_…)', type: 'password' },
      {
        name: 'sandbox',
        label: 'Cuenta de pruebas (sandbox)',
        labelEn: 'Test account (sandbox)',
        type: 'checkbox',
      },
    ],
    save: (af, merchantId, body) =>
      connectOpenpayAccount(af, merchantId, {
        user: text(body.user),
        password: body.password ?? '',
        merchantId: optional(body.openpayMerchantId),
        privateKey: optional(body.privateKey),
        sandbox: body.sandbox === '1',
      }).then(() => {}),
  },
  {
    gateway: 'paypal',
    name: 'PayPal',
    lead: 'Capturas y reembolsos. La firma de cada aviso se verifica con el certificado de PayPal, o con su API si das las credenciales de tu app.',
    leadEn:
      "Captures and refunds. Each notification's signature is verified with PayPal's certificate, or through its API if you give your app's credentials.",
    fields: [
      {
        name: 'webhookId',
        label: 'ID del webhook',
        labelEn: 'Webhook id',
        hint: 'Developer Dashboard › tu app › Webhooks.',
        hintEn: 'Developer Dashboard › your app › Webhooks.',
        type: 'text',
        required: true,
      },
      { name: 'clientId', label: 'Client ID de la app', labelEn: "App's client id", type: 'text' },
      { name: 'clientSecret', label: 'Secret de la app', labelEn: "App's secret", type: 'password' },
      {
        name: 'verification',
        label: 'Verificación',
        labelEn: 'Verification',
        type: 'select',
        options: [
          { value: 'offline', label: 'Con el certificado de PayPal', labelEn: "With PayPal's certificate" },
          {
            value: 'api',
            label: 'Con la API de PayPal (necesita Client ID y Secret)',
            labelEn: "Through PayPal's API (needs client id and secret)",
          },
        ],
      },
      {
        name: 'sandbox',
        label: 'Cuenta de pruebas (sandbox)',
        labelEn: 'Test account (sandbox)',
        type: 'checkbox',
      },
    ],
    save: (af, merchantId, body) =>
      connectPaypalAccount(af, merchantId, {
        webhookId: text(body.webhookId),
        clientId: optional(body.clientId),
        clientSecret: optional(body.clientSecret),
        verification: optional(body.verification),
        sandbox: body.sandbox === '1',
      }).then(() => {}),
  },
];
