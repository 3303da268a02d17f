/**
 * A verified delivery's JSON -> what it means for autofactura, by the connection's mapping (pure): a
 * payment, a refund, or nothing (with why). A field the mapping names but the delivery lacks, or a value
 * that cannot be what it should, is GENERIC_MAPPING_* (422) naming the pointer, so the delivery log tells
 * the merchant exactly what to fix. Amounts never pass through a float: a decimal string as sent, or
 * centavos as an integer divided by string arithmetic.
 */
import type { PaymentInput, RefundInput } from '../../../core/src/automation/types.js';
import { getCatalogs } from '../../../core/src/catalogs/index.js';
import { AutofacturaError } from '../../../core/src/errors.js';
import type { GenericMapping } from './config.js';
import { resolvePointer } from './pointer.js';

export type GenericAction =
  | { kind: 'payment'; payment: PaymentInput; eventType?: string }
  | { kind: 'refund'; refund: RefundInput; eventType?: string }
  | { kind: 'ignored'; reason: string; reasonEn: string; eventType?: string };

function mappingError(code: string, message: string, messageEn: string): AutofacturaError {
  return new AutofacturaError({ code, status: 422, message, messageEn });
}

function missing(field: string, pointer: string): AutofacturaError {
  return mappingError(
    'GENERIC_MAPPING_MISSING',
    `El evento no trae "${pointer}" (el campo "${field}" del mapeo). Corrige el mapeo de la conexión o lo que envía el emisor.`,
    `The event has no "${pointer}" (the mapping's "${field}" field). Fix the connection's mapping or what the sender sends.`,
  );
}

function text(
  body: unknown,
  field: string,
  pointer: string | undefined,
  required = false,
): string | undefined {
  if (!pointer) return undefined;
  const value = resolvePointer(body, pointer);
  if (value === undefined || value === null || value === '') {
    if (required) throw missing(field, pointer);
    return undefined;
  }
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  throw mappingError(
    'GENERIC_MAPPING_TYPE',
    `"${pointer}" (el campo "${field}" del mapeo) es un objeto o una lista, no un valor. Apunta el mapeo al valor.`,
    `"${pointer}" (the mapping's "${field}" field) is an object or a list, not a value. Point the mapping at the value.`,
  );
}

/** A decimal string of pesos from the amount as sent: "1160.00", 1160, or centavos 116000. */
function amountOf(
  raw: string,
  unit: GenericMapping['amount_unit'],
  decimals: number,
  pointer: string,
): string {
  if (unit === 'cents') {
    if (!/^\d+$/.test(raw)) {
      throw mappingError(
        'GENERIC_MAPPING_AMOUNT',
        `"${pointer}" vale "${raw}", que no es un entero de centavos. Usa "amount_unit": "decimal" si el emisor envía pesos.`,
        `"${pointer}" is "${raw}", not an integer of centavos. Use "amount_unit": "decimal" if the sender sends pesos.`,
      );
    }
    const units = BigInt(raw);
    const scale = 10n ** BigInt(decimals);
    return decimals === 0
      ? units.toString()
      : `${units / scale}.${(units % scale).toString().padStart(decimals, '0')}`;
  }
  if (!/^\d+(\.\d+)?$/.test(raw)) {
    throw mappingError(
      'GENERIC_MAPPING_AMOUNT',
      `"${pointer}" vale "${raw}", que no es un importe como 1160.00. Usa "amount_unit": "cents" si el emisor envía centavos.`,
      `"${pointer}" is "${raw}", not an amount like 1160.00. Use "amount_unit": "cents" if the sender sends centavos.`,
    );
  }
  return raw;
}

function instantOf(raw: string, pointer: string): string {
  const at = /^\d{9,10}$/.test(raw)
    ? Number(raw) * 1000
    : /^\d{12,13}$/.test(raw)
      ? Number(raw)
      : Date.parse(raw);
  if (Number.isNaN(at)) {
    throw mappingError(
      'GENERIC_MAPPING_DATE',
      `"${pointer}" vale "${raw}", que no es una fecha ISO 8601 ni segundos Unix.`,
      `"${pointer}" is "${raw}", neither an ISO 8601 date nor Unix seconds.`,
    );
  }
  return new Date(at).toISOString();
}

function decimalsOf(currency: string): number {
  return getCatalogs().moneda.get(currency)?.decimals ?? 2;
}

export function normalizeGeneric(mapping: GenericMapping, body: unknown): GenericAction {
  const eventType = text(body, 'event_type', mapping.event_type);
  const kind =
    eventType === undefined
      ? 'payment'
      : mapping.refund_events?.includes(eventType)
        ? 'refund'
        : !mapping.payment_events || mapping.payment_events.includes(eventType)
          ? 'payment'
          : 'ignored';
  const tag = eventType ? { eventType } : {};
  if (kind === 'ignored') {
    return {
      kind,
      reason: `El evento "${eventType}" no es de pago ni de reembolso en el mapeo.`,
      reasonEn: `Event "${eventType}" is neither a payment nor a refund in the mapping.`,
      ...tag,
    };
  }
  const currency = (text(body, 'currency', mapping.currency) ?? mapping.default_currency).toUpperCase();
  if (!getCatalogs().moneda.has(currency)) {
    throw mappingError(
      'GENERIC_MAPPING_CURRENCY',
      `La moneda "${currency}" no está en el catálogo c_Moneda del SAT. Revisa "${mapping.currency}" en el mapeo.`,
      `Currency "${currency}" is not in SAT's c_Moneda catalog. Check "${mapping.currency}" in the mapping.`,
    );
  }
  if (kind === 'refund') {
    const refund = mapping.refund!;
    return {
      kind,
      refund: {
        source: mapping.source,
        paymentExternalId: text(body, 'refund.payment_external_id', refund.payment_external_id, true)!,
        refundExternalId: text(body, 'refund.external_id', refund.external_id, true)!,
        amount: amountOf(
          text(body, 'refund.amount', refund.amount, true)!,
          mapping.amount_unit,
          decimalsOf(currency),
          refund.amount,
        ),
      },
      ...tag,
    };
  }
  const status = text(body, 'status', mapping.status);
  if (mapping.status && mapping.paid_statuses && !mapping.paid_statuses.includes(status ?? '')) {
    return {
      kind: 'ignored',
      reason: `El pago está "${status ?? '(sin estado)'}", no pagado: se registrará cuando llegue pagado.`,
      reasonEn: `The payment is "${status ?? '(no status)'}", not paid: it is recorded when it arrives paid.`,
      ...tag,
    };
  }
  const methodText = text(body, 'method', mapping.method);
  const method = methodText === undefined ? undefined : (mapping.methods?.[methodText] ?? 'other');
  const paymentForm = text(body, 'payment_form', mapping.payment_form);
  if (paymentForm !== undefined && !getCatalogs().formaPago.has(paymentForm)) {
    throw mappingError(
      'GENERIC_MAPPING_PAYMENT_FORM',
      `"${mapping.payment_form}" vale "${paymentForm}", que no es una clave de c_FormaPago (p. ej. 01 efectivo, 03 transferencia, 04 tarjeta de crédito, 28 de débito).`,
      `"${mapping.payment_form}" is "${paymentForm}", not a c_FormaPago key (e.g. 01 cash, 03 transfer, 04 credit card, 28 debit card).`,
    );
  }
  const c = mapping.customer;
  const customer = Object.fromEntries(
    (
      [
        ['email', text(body, 'customer.email', c.email)],
        ['name', text(body, 'customer.name', c.name)],
        ['rfc', text(body, 'customer.rfc', c.rfc)?.toUpperCase()],
        ['taxRegime', text(body, 'customer.tax_regime', c.tax_regime)],
        ['zip', text(body, 'customer.zip', c.zip)],
        ['cfdiUse', text(body, 'customer.cfdi_use', c.cfdi_use)],
        ['externalId', text(body, 'customer.external_id', c.external_id)],
      ] as const
    ).filter(([, value]) => value !== undefined),
  );
  const metadata: Record<string, string> = {};
  for (const [key, pointer] of Object.entries(mapping.metadata ?? {})) {
    const value = text(body, `metadata.${key}`, pointer);
    if (value !== undefined) metadata[key] = value;
  }
  const description = text(body, 'description', mapping.description);
  if (description) metadata.description = description;
  const paidAt = text(body, 'paid_at', mapping.paid_at);
  return {
    kind: 'payment',
    payment: {
      source: mapping.source,
      externalId: text(body, 'external_id', mapping.external_id, true)!,
      amount: amountOf(
        text(body, 'amount', mapping.amount, true)!,
        mapping.amount_unit,
        decimalsOf(currency),
        mapping.amount,
      ),
      currency,
      ...(paidAt ? { paidAt: instantOf(paidAt, mapping.paid_at!) } : {}),
      ...(method ? { method } : {}),
      ...(paymentForm ? { paymentForm } : {}),
      customer,
      metadata,
    },
    ...tag,
  };
}
