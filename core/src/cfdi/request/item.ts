/** One line of the invoice request (a Concepto) and its taxes. */
import { z } from 'zod';
import { code, decimal, text, upper } from './fields.js';

export const taxSchema = z.strictObject({
  type: z.enum(['IVA', 'ISR', 'IEPS']),
  /** Tasa: 0.16 for 16%; Cuota: amount per unit. Not for Exento. */
  rate: decimal({ sign: 'non-negative' }).optional(),
  factor: z.enum(['Tasa', 'Cuota', 'Exento']).default('Tasa'),
  withholding: z.boolean().default(false),
  /** The tax amount already charged for this line; must lie within SAT's limits. Computed when absent. */
  amount: decimal({ sign: 'non-negative' }).optional(),
  /** Cuota only: the units the cuota applies to (litres, pieces...); default the item's quantity. */
  base: decimal({ sign: 'positive' }).optional(),
});

export const itemSchema = z.strictObject({
  product_key: code(
    /^\d{8}$/,
    'una clave de c_ClaveProdServ de 8 dígitos, p. ej. "01010101"',
    'an 8-digit c_ClaveProdServ key, e.g. "01010101"',
  ),
  unit_key: code(
    /^[A-Z0-9]{1,3}$/,
    'una clave de c_ClaveUnidad, p. ej. "H87" o "E48"',
    'a c_ClaveUnidad key, e.g. "H87" or "E48"',
    upper,
  ),
  unit: text(20).optional(),
  sku: text(100).optional(),
  description: text(1000),
  quantity: decimal({ sign: 'positive' }),
  unit_price: decimal({ sign: 'positive' }),
  discount: decimal({ sign: 'non-negative' }).optional(),
  tax_included: z.boolean().default(false),
  tax_object: code(
    /^0[1-8]$/,
    'una clave de c_ObjetoImp, de "01" a "08"',
    'a c_ObjetoImp key, "01" to "08"',
  ).optional(),
  taxes: z.array(taxSchema).optional(),
});

export type TaxInput = z.output<typeof taxSchema>;
export type ItemInput = z.output<typeof itemSchema>;
