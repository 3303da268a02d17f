/**
 * The parts of a Conekta event this connector reads (API v2.1 `event` with the order as
 * `data.object`), checked with zod so a body that lacks them is refused with what is missing instead of
 * half-read. Unknown fields are allowed: Conekta adds fields over time.
 */
import { z } from 'zod';

const cents = z.number().int();
const text = z.string().trim().min(1);

const refund = z.object({ id: text, amount: cents, created_at: z.number().int().optional() });

export const chargeSchema = z.object({
  id: text,
  status: z.string().optional(),
  amount: cents,
  currency: z.string().optional(),
  created_at: z.number().int().optional(),
  paid_at: z.number().int().nullable().optional(),
  payment_method: z
    .object({
      object: z.string().optional(),
      type: z.string().optional(),
      brand: z.string().optional(),
      last4: z.string().optional(),
    })
    .optional(),
  refunds: z
    .object({ data: z.array(refund) })
    .nullable()
    .optional(),
});

export const orderSchema = z.object({
  id: text,
  livemode: z.boolean().optional(),
  amount: cents.nonnegative(),
  amount_refunded: cents.optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  payment_status: z.string().optional(),
  created_at: z.number().int().optional(),
  updated_at: z.number().int().optional(),
  customer_info: z
    .object({
      email: z.string().nullable().optional(),
      name: z.string().nullable().optional(),
      phone: z.string().nullable().optional(),
      customer_id: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  charges: z
    .object({ data: z.array(chargeSchema) })
    .nullable()
    .optional(),
});

export const eventSchema = z.object({
  id: text,
  type: text,
  livemode: z.boolean().optional(),
  created_at: z.number().int().optional(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export type ConektaEvent = z.infer<typeof eventSchema>;
export type ConektaOrder = z.infer<typeof orderSchema>;
export type ConektaCharge = z.infer<typeof chargeSchema>;
