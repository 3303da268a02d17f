/** Checks of decimals, texts and payment items as callers send them; each problem with its path. */
import type { ErrorDetail } from '../errors.js';
import { countDecimals } from '../money/format.js';
import { readDecimal } from '../money/parse-decimal.js';
import type { PaymentItem } from '../store/types.js';
import { detail } from './errors.js';

export function decimalProblem(
  value: unknown,
  path: string,
  options: { positive: boolean; maxDecimals: number },
): ErrorDetail | undefined {
  const read = readDecimal(value);
  if (!read.ok || read.value.isNegative() || (options.positive && read.value.isZero())) {
    return detail(
      'PAYMENT_INVALID_AMOUNT',
      path,
      `El campo ${path} debe ser un importe decimal ${options.positive ? 'mayor que cero' : 'no negativo'} escrito como texto, p. ej. "1160.00".`,
      `Field ${path} must be a ${options.positive ? 'positive' : 'non-negative'} decimal string, e.g. "1160.00".`,
    );
  }
  if (countDecimals(read.text) > options.maxDecimals) {
    return detail(
      'PAYMENT_INVALID_AMOUNT',
      path,
      `El campo ${path} tiene más de ${options.maxDecimals} decimales.`,
      `Field ${path} has more than ${options.maxDecimals} decimals.`,
    );
  }
  return undefined;
}

export function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max ? value.trim() : undefined;
}

export function itemProblems(items: unknown, prefix = 'items'): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!Array.isArray(items) || items.length === 0) {
    return [
      detail(
        'PAYMENT_INVALID_ITEMS',
        prefix,
        `${prefix} debe ser una lista con al menos un concepto.`,
        `${prefix} must be a list with at least one item.`,
      ),
    ];
  }
  items.forEach((raw, i) => {
    const item = (raw ?? {}) as Partial<PaymentItem>;
    const at = `${prefix}[${i}]`;
    if (!/^\d{8}$/.test(String(item.productKey ?? ''))) {
      problems.push(
        detail(
          'PAYMENT_INVALID_ITEMS',
          `${at}.productKey`,
          `${at}.productKey debe ser una clave c_ClaveProdServ de 8 dígitos, p. ej. "01010101".`,
          `${at}.productKey must be an 8-digit c_ClaveProdServ key, e.g. "01010101".`,
        ),
      );
    }
    if (!text(item.unitKey, 3)) {
      problems.push(
        detail(
          'PAYMENT_INVALID_ITEMS',
          `${at}.unitKey`,
          `${at}.unitKey debe ser una clave c_ClaveUnidad, p. ej. "H87" o "E48".`,
          `${at}.unitKey must be a c_ClaveUnidad key, e.g. "H87" or "E48".`,
        ),
      );
    }
    if (!text(item.description, 1000)) {
      problems.push(
        detail(
          'PAYMENT_INVALID_ITEMS',
          `${at}.description`,
          `${at}.description es obligatorio (1 a 1000 caracteres).`,
          `${at}.description is required (1 to 1000 characters).`,
        ),
      );
    }
    for (const [key, positive] of [
      ['quantity', true],
      ['unitPrice', true],
    ] as const) {
      const problem = decimalProblem(item[key], `${at}.${key}`, { positive, maxDecimals: 6 });
      if (problem) problems.push(problem);
    }
    if (item.discount !== undefined) {
      const problem = decimalProblem(item.discount, `${at}.discount`, { positive: false, maxDecimals: 6 });
      if (problem) problems.push(problem);
    }
  });
  return problems;
}
