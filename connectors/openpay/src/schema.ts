/**
 * The parts of an OpenPay notification this connector reads — `{ type, event_date, transaction }`, or
 * `{ type: "verification", verification_code }` — checked with zod so a body that lacks them is refused
 * naming what is missing. Unknown fields are allowed: OpenPay says it may add fields and values.
 */
import { z } from 'zod';

const text = z.string().trim().min(1);
/** OpenPay amounts are JSON numbers of pesos (2000.0); some tools send strings. */
const amount = z.union([z.number(), z.string()]);
const nullableText = z.string().nullable().optional();

export const transactionSchema = z.object({
  id: text,
  amount,
  currency: z.string().nullable().optional(),
  method: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  transaction_type: nullableText,
  operation_type: nullableText,
  order_id: nullableText,
  authorization: nullableText,
  creation_date: nullableText,
  operation_date: nullableText,
  description: nullableText,
  customer: z
    .object({
      id: nullableText,
      external_id: nullableText,
      name: nullableText,
      last_name: nullableText,
      email: nullableText,
    })
    .nullable()
    .optional(),
  card: z
    .object({ type: nullableText, brand: nullableText, card_number: nullableText })
    .nullable()
    .optional(),
  refund: z
    .object({
      id: text,
      amount,
      creation_date: nullableText,
      operation_date: nullableText,
      status: nullableText,
    })
    .nullable()
    .optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
});

export const notificationSchema = z.object({
  type: text,
  event_date: nullableText,
  verification_code: nullableText,
  transaction: transactionSchema.optional(),
});

export type OpenpayTransaction = z.infer<typeof transactionSchema>;
export type OpenpayNotification = z.infer<typeof notificationSchema>;
