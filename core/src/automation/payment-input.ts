/**
 * Checks what a caller says about a payment before anything is stored (invariant 8): amounts are
 * positive decimal strings with at most the currency's decimals, the currency is in c_Moneda (with an
 * exchange rate unless MXN), paidAt is a real instant not in the future, method/automation/items are
 * well formed. Every problem comes back at once, each with its path.
 */
import { getCatalogs } from '../catalogs/index.js';
import type { ErrorDetail } from '../errors.js';
import type { Automation, MerchantSettings, PaymentItem, PaymentMethod } from '../store/types.js';
import { detail, invalid } from './errors.js';
import { decimalProblem, itemProblems, text } from './item-input.js';
import type { PaymentInput } from './types.js';

const METHODS: PaymentMethod[] = ['card_credit', 'card_debit', 'cash', 'transfer', 'wallet', 'other'];
const AUTOMATIONS: Automation[] = ['auto', 'invoice', 'receipt', 'none'];
/** A payment dated a little ahead of our clock (another machine's) is accepted. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface NormalizedPayment {
  source: string;
  externalId: string;
  mode: 'test' | 'live';
  amount: string;
  currency: string;
  exchangeRate?: string;
  paidAt: string;
  method: PaymentMethod;
  paymentForm: string;
  items?: PaymentItem[];
  automation: Automation;
  metadata: Record<string, string>;
}

export function normalizePaymentInput(
  input: PaymentInput,
  settings: MerchantSettings,
  now: Date,
): NormalizedPayment {
  const problems: ErrorDetail[] = [];
  const source = text(input?.source, 64);
  if (!source) {
    problems.push(
      detail(
        'PAYMENT_INVALID_SOURCE',
        'source',
        'Indica el origen del pago (p. ej. "api" o "stripe").',
        'Give the payment source (e.g. "api" or "stripe").',
      ),
    );
  }
  const externalId = text(input?.externalId, 255);
  if (!externalId) {
    problems.push(
      detail(
        'PAYMENT_INVALID_EXTERNAL_ID',
        'externalId',
        'Indica el identificador del pago en su origen (1 a 255 caracteres); con él se evitan pagos duplicados.',
        'Give the id of the payment at its source (1 to 255 characters); it prevents duplicate payments.',
      ),
    );
  }
  const currency = String(input?.currency ?? 'MXN')
    .trim()
    .toUpperCase();
  const moneda = getCatalogs().moneda.get(currency);
  if (!moneda || currency === 'XXX') {
    problems.push(
      detail(
        'PAYMENT_INVALID_CURRENCY',
        'currency',
        `La moneda "${currency}" no está en el catálogo c_Moneda del SAT; usa un código ISO 4217 como MXN o USD.`,
        `Currency "${currency}" is not in SAT's c_Moneda catalog; use an ISO 4217 code such as MXN or USD.`,
      ),
    );
  }
  const amountProblem = decimalProblem(input?.amount, 'amount', {
    positive: true,
    maxDecimals: moneda?.decimals ?? 2,
  });
  if (amountProblem) problems.push(amountProblem);
  let exchangeRate: string | undefined;
  if (currency !== 'MXN') {
    const problem =
      input?.exchangeRate === undefined
        ? detail(
            'PAYMENT_EXCHANGE_RATE_REQUIRED',
            'exchangeRate',
            `Con moneda ${currency} indica el tipo de cambio (pesos por 1 ${currency}), p. ej. "17.2508".`,
            `With currency ${currency} give the exchange rate (pesos per 1 ${currency}), e.g. "17.2508".`,
          )
        : decimalProblem(input.exchangeRate, 'exchangeRate', { positive: true, maxDecimals: 6 });
    if (problem) problems.push(problem);
    else exchangeRate = String(input.exchangeRate).trim();
  }
  let paidAt = now;
  if (input?.paidAt !== undefined) {
    const parsed = new Date(String(input.paidAt));
    if (Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(String(input.paidAt))) {
      problems.push(
        detail(
          'PAYMENT_INVALID_DATE',
          'paidAt',
          'paidAt debe ser un instante ISO 8601 con zona, p. ej. "2026-11-28T18:00:00Z".',
          'paidAt must be an ISO 8601 instant with a zone, e.g. "2026-11-28T18:00:00Z".',
        ),
      );
    } else if (parsed.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      problems.push(
        detail(
          'PAYMENT_DATE_IN_FUTURE',
          'paidAt',
          'paidAt está en el futuro; registra el pago cuando se haya cobrado.',
          'paidAt is in the future; record the payment once it has been collected.',
        ),
      );
    } else paidAt = parsed;
  }
  const method = input?.method ?? 'other';
  if (!METHODS.includes(method)) {
    problems.push(
      detail(
        'PAYMENT_INVALID_METHOD',
        'method',
        `method debe ser uno de: ${METHODS.join(', ')}.`,
        `method must be one of: ${METHODS.join(', ')}.`,
      ),
    );
  }
  const paymentForm = input?.paymentForm ?? settings.paymentForms[method] ?? '99';
  if (!getCatalogs().formaPago.has(paymentForm)) {
    problems.push(
      detail(
        'PAYMENT_INVALID_FORM',
        'paymentForm',
        `La forma de pago "${paymentForm}" no está en el catálogo c_FormaPago (p. ej. "04" tarjeta de crédito, "03" transferencia).`,
        `Payment form "${paymentForm}" is not in c_FormaPago (e.g. "04" credit card, "03" transfer).`,
      ),
    );
  }
  const automation = input?.automation ?? 'auto';
  if (!AUTOMATIONS.includes(automation)) {
    problems.push(
      detail(
        'PAYMENT_INVALID_AUTOMATION',
        'automation',
        `automation debe ser uno de: ${AUTOMATIONS.join(', ')}.`,
        `automation must be one of: ${AUTOMATIONS.join(', ')}.`,
      ),
    );
  }
  if (input?.items !== undefined) problems.push(...itemProblems(input.items));
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(input?.metadata ?? {})) metadata[key] = String(value);
  if (input?.mode !== undefined && input.mode !== 'test' && input.mode !== 'live') {
    problems.push(
      detail(
        'PAYMENT_INVALID_MODE',
        'mode',
        'mode debe ser "test" o "live".',
        'mode must be "test" or "live".',
      ),
    );
  }
  if (problems.length > 0) throw invalid(problems, 400);
  return {
    source: source!,
    externalId: externalId!,
    mode: input.mode ?? 'live',
    amount: String(input.amount).trim(),
    currency,
    ...(exchangeRate ? { exchangeRate } : {}),
    paidAt: paidAt.toISOString(),
    method,
    paymentForm,
    ...(input.items ? { items: input.items.map((item) => ({ ...item })) } : {}),
    automation,
    metadata,
  };
}
