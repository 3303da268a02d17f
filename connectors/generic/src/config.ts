/**
 * A generic connection: a Standard Webhooks secret (encrypted in merchant.secrets) and a mapping from the
 * sender's JSON to a payment, kept as JSON in merchant.connections. The mapping names every field by JSON
 * pointer (RFC 6901), e.g. "/data/amount"; what it does not name takes the merchant's defaults.
 *
 * {
 *   "source": "retrypay",                         payments are unique per (merchant, source, external id)
 *   "event_type": "/type",                        optional: which deliveries are payments or refunds
 *   "payment_events": ["payment.succeeded"], "refund_events": ["refund.succeeded"],
 *   "status": "/data/status", "paid_statuses": ["succeeded"],   optional: only paid ones are recorded
 *   "amount": "/data/amount", "amount_unit": "cents" | "decimal",
 *   "currency": "/data/currency", "external_id": "/data/id", "paid_at": "/data/paid_at",
 *   "method": "/data/payment_method", "methods": { "card": "card_credit", "oxxo": "cash", "spei": "transfer" },
 *   "payment_form": "/data/sat_payment_form",      optional: a c_FormaPago sent by the sender
 *   "description": "/data/description",
 *   "customer": { "email", "name", "rfc", "tax_regime", "zip", "cfdi_use", "external_id" }: pointers,
 *   "refund": { "amount", "external_id", "payment_external_id" }: pointers,
 *   "metadata": { "order": "/data/order_id" }
 * }
 */
import { z } from 'zod';

/** merchant.connections / merchant.secrets keys of connection `id`. */
export function connectionNames(id: string) {
  return { mapping: `generic.${id}`, secret: `generic.${id}.secret` };
}

/** The generic connection ids of a merchant, from its connections' keys (`generic.<id>`). */
export function genericConnectionIds(connections: Record<string, string> | undefined): string[] {
  return Object.keys(connections ?? {})
    .flatMap((key) => /^generic\.([a-z0-9_-]{1,40})$/.exec(key)?.[1] ?? [])
    .sort();
}

const pointer = z
  .string()
  .regex(
    /^(\/[^/]*)+$/,
    'un JSON pointer que empieza con "/", p. ej. "/data/amount" / a JSON pointer starting with "/"',
  );
const METHODS = ['card_credit', 'card_debit', 'cash', 'transfer', 'wallet', 'other'] as const;

export const genericMappingSchema = z
  .object({
    source: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9_-]{1,31}$/,
        'minúsculas, dígitos, - o _, 2 a 32 / lower case, digits, - or _, 2 to 32',
      )
      .default('generic'),
    event_type: pointer.optional(),
    payment_events: z.array(z.string().min(1)).optional(),
    refund_events: z.array(z.string().min(1)).optional(),
    status: pointer.optional(),
    paid_statuses: z.array(z.string().min(1)).optional(),
    amount: pointer,
    amount_unit: z.enum(['decimal', 'cents']).default('decimal'),
    currency: pointer.optional(),
    default_currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('MXN'),
    external_id: pointer,
    paid_at: pointer.optional(),
    method: pointer.optional(),
    methods: z.record(z.string(), z.enum(METHODS)).optional(),
    payment_form: pointer.optional(),
    description: pointer.optional(),
    customer: z
      .object({
        email: pointer.optional(),
        name: pointer.optional(),
        rfc: pointer.optional(),
        tax_regime: pointer.optional(),
        zip: pointer.optional(),
        cfdi_use: pointer.optional(),
        external_id: pointer.optional(),
      })
      .strict()
      .default({}),
    refund: z
      .object({ amount: pointer, external_id: pointer, payment_external_id: pointer })
      .strict()
      .optional(),
    metadata: z.record(z.string().regex(/^[a-zA-Z0-9_.-]{1,40}$/), pointer).optional(),
  })
  .strict()
  .refine((m) => !m.refund_events?.length || m.refund, {
    message:
      'refund_events necesita "refund" con sus pointers / refund_events needs "refund" with its pointers',
    path: ['refund'],
  })
  .refine((m) => !(m.payment_events?.length || m.refund_events?.length) || m.event_type, {
    message:
      'payment_events y refund_events necesitan "event_type" / payment_events and refund_events need "event_type"',
    path: ['event_type'],
  });

export type GenericMapping = z.infer<typeof genericMappingSchema>;

/**
 * The mapping from its JSON text; throws RangeError with every problem as "path: es / en" lines so the
 * CLI and the dashboard can say what to fix.
 */
export function parseMapping(text: string): GenericMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RangeError(
      `El mapeo no es JSON válido / The mapping is not valid JSON: ${(error as Error).message}`,
    );
  }
  const result = genericMappingSchema.safeParse(json);
  if (result.success) return result.data;
  throw new RangeError(
    result.error.issues
      .map((issue) => `${issue.path.join('.') || '(raíz / root)'}: ${issue.message}`)
      .join('\n'),
  );
}
