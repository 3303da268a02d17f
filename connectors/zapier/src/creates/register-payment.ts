/**
 * Register Payment, the main action: a sale from a form, a shop or a spreadsheet. autofactura saves the
 * customer and, with complete fiscal data, issues the invoice at once; otherwise it opens a receipt
 * whose link lets the customer invoice themselves (`receipt.url`).
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { fiscalFields, fiscalFrom, itemChildren, itemsFrom } from '../lib/fields.js';
import { apiUrl, raiseApiError } from '../lib/http.js';
import { say } from '../lib/lang.js';
import { recordedPaymentOutputFields } from '../lib/output-fields.js';
import { recordedPaymentSample, withAllFields } from '../lib/samples.js';

type Input = Record<string, unknown>;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

export function paymentBody(input: Input) {
  const fiscal = fiscalFrom(input);
  const customer = {
    ...(text(input.email) ? { email: text(input.email) } : {}),
    ...(text(input.customer_name) ? { name: text(input.customer_name) } : {}),
    ...(text(input.customer_external_id) ? { external_id: text(input.customer_external_id) } : {}),
    ...(fiscal ? { rfc: fiscal.rfc, name: fiscal.name ?? text(input.customer_name) } : {}),
    ...(fiscal?.tax_regime ? { tax_regime: fiscal.tax_regime } : {}),
    ...(fiscal?.zip ? { zip: fiscal.zip } : {}),
    ...(fiscal?.cfdi_use ? { cfdi_use: fiscal.cfdi_use } : {}),
  };
  const clean = Object.fromEntries(Object.entries(customer).filter(([, v]) => v !== undefined && v !== ''));
  const items = itemsFrom(input.items);
  const metadata = input.metadata && typeof input.metadata === 'object' ? input.metadata : undefined;
  return {
    amount: text(input.amount),
    ...(text(input.currency) ? { currency: text(input.currency).toUpperCase() } : {}),
    ...(text(input.exchange_rate) ? { exchange_rate: text(input.exchange_rate) } : {}),
    ...(text(input.method) ? { method: text(input.method) } : {}),
    ...(text(input.payment_form) ? { payment_form: text(input.payment_form) } : {}),
    ...(text(input.paid_at) ? { paid_at: text(input.paid_at) } : {}),
    ...(text(input.external_id) ? { external_id: text(input.external_id) } : {}),
    ...(text(input.automation) ? { automation: text(input.automation) } : {}),
    ...(Object.keys(clean).length ? { customer: clean } : {}),
    ...(items ? { items } : {}),
    ...(metadata ? { metadata } : {}),
  };
}

export const registerPayment = {
  key: 'register_payment',
  noun: 'Pago',
  display: {
    label: 'Registrar pago',
    description:
      'Registra una venta cobrada. Si tienes los datos fiscales del cliente, autofactura timbra su factura al momento; si no, crea un recibo con un enlace para que el cliente se autofacture.',
  },
  operation: {
    inputFields: [
      {
        key: 'amount',
        label: 'Monto cobrado',
        required: true,
        helpText:
          'El total que pagó el cliente, con IVA, con punto decimal y sin comas ni signo de pesos: `1160.00`.',
      },
      {
        key: 'external_id',
        label: 'Referencia del pago',
        helpText:
          'Tu número de pedido, de venta o de respuesta del formulario. Evita registrar dos veces el mismo pago: si Zapier reintenta, autofactura devuelve el pago ya registrado.',
      },
      { key: 'currency', label: 'Moneda', default: 'MXN', helpText: 'Clave de 3 letras: MXN, USD…' },
      {
        key: 'exchange_rate',
        label: 'Tipo de cambio',
        helpText: 'Solo si la moneda no es MXN: pesos por unidad, p. ej. `17.25`.',
      },
      {
        key: 'method',
        label: 'Cómo pagó',
        choices: {
          card_credit: 'Tarjeta de crédito',
          card_debit: 'Tarjeta de débito',
          cash: 'Efectivo',
          transfer: 'Transferencia',
          wallet: 'Monedero electrónico',
          other: 'Otro',
        },
        helpText:
          'autofactura lo convierte en la forma de pago del SAT (04 tarjeta de crédito, 01 efectivo…).',
      },
      {
        key: 'payment_form',
        label: 'Forma de pago SAT (opcional)',
        dynamic: 'payment_forms.id.name',
        helpText: 'Solo si quieres una forma de pago distinta a la que corresponde a "Cómo pagó".',
      },
      { key: 'paid_at', label: 'Fecha del pago', type: 'datetime', helpText: 'Si la dejas vacía, ahora.' },
      {
        key: 'email',
        label: 'Correo del cliente',
        helpText: 'A donde llegan la factura o el enlace para facturar.',
      },
      { key: 'customer_name', label: 'Nombre del cliente' },
      {
        key: 'customer_external_id',
        label: 'ID del cliente en tu sistema',
        helpText: 'Opcional: así autofactura reconoce al mismo cliente en sus siguientes compras.',
      },
      ...fiscalFields,
      {
        key: 'items',
        label: 'Conceptos (opcional)',
        // Zapier refuses helpText beside children: the first child says what the lines are for.
        children: itemChildren.map((child, i) =>
          i === 0
            ? {
                ...child,
                required: false,
                helpText: `${child.helpText} Los conceptos son opcionales: sin ellos se factura el producto predeterminado de tu configuración por el monto cobrado.`,
              }
            : { ...child, required: false },
        ),
      },
      {
        key: 'automation',
        label: 'Qué hacer con el pago',
        choices: {
          auto: 'Automático: factura si hay datos fiscales completos, si no, recibo con enlace',
          invoice: 'Facturar (falla si faltan datos fiscales)',
          receipt: 'Siempre recibo con enlace de autofacturación',
          none: 'Solo registrar (sin factura ni recibo)',
        },
        default: 'auto',
      },
      {
        key: 'metadata',
        label: 'Datos adicionales',
        dict: true,
        helpText: 'Pares clave-valor que quieras guardar con el pago.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const body = paymentBody(bundle.inputData);
      const response = await z.request({
        url: apiUrl(bundle, '/v1/payments'),
        method: 'POST',
        headers: { 'idempotency-key': body.external_id ?? `zapier-${randomUUID()}` },
        body,
        skipThrowForStatus: true,
      });
      if (response.status === 409 && body.external_id) {
        throw new z.errors.Error(
          say(
            bundle,
            `Ya registraste otro pago con la referencia «${body.external_id}» y datos distintos. Usa una referencia distinta para cada venta (por ejemplo, el número de pedido).`,
            `Another payment with different data was already registered under the reference «${body.external_id}». Use a different reference for each sale (your order number, for instance).`,
          ),
          'PAYMENT_REFERENCE_REUSED',
          409,
        );
      }
      raiseApiError(response, z, bundle, true);
      return withAllFields(recordedPaymentSample, response.data as object);
    },
    sample: recordedPaymentSample,
    outputFields: recordedPaymentOutputFields,
  },
};
