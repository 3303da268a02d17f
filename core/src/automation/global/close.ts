/**
 * Period close (issue #7): the receipts of a closed period that nobody claimed go into the factura global
 * (RMF 2.7.1.21; Guía de llenado del CFDI global), issued to XAXX010101000 / PUBLICO EN GENERAL / 616 /
 * S01 with InformacionGlobal, one Concepto per ticket (ticket-lines.ts), split into several CFDIs when one
 * would pass the merchant's `globalMaxItems` conceptos, one per mode (test / live) and currency.
 *
 * Never twice for the same receipt, whatever runs at once or dies half-way:
 * 1. Each receipt is assigned to a global id by compare-and-set (open/expired -> in_global + invoiceId),
 *    and its payment claimed for that id (PaymentRepo.claimInvoice, the lock a customer invoicing the same
 *    payment also takes: one of the two wins).
 * 2. The global is sealed and stored under that id (documents.ts: a second seal reads the first), then
 *    stamped; a PAC outage leaves it sealed for the `global_stamp` job.
 * 3. Once stamped, its payments become in_global. A re-run first finishes the globals it finds assigned
 *    but not stamped (a crash between 1 and 3), then assigns what is still left.
 * A global the PAC or the engine refuses is marked failed and its receipts are released with the reason
 * (event global.failed), so the merchant sees it and a later close includes them again.
 */

import { getCatalogs } from '../../catalogs/index.js';
import { buildComprobante } from '../../cfdi/build.js';
import { isAutofacturaError } from '../../errors.js';
import { currencyDecimals, Dec } from '../../money/index.js';
import { PacError } from '../../pac/port.js';
import type { Invoice, Merchant, NewEvent, Payment, Receipt } from '../../store/types.js';
import { type Context, nowIso } from '../context.js';
import { documentFigures, failDocument, sealDocument, stampDocument } from '../documents.js';
import { enqueueJob } from '../enqueue.js';
import { conflict, detail, invalid } from '../errors.js';
import { logEvent } from '../events.js';
import { newId } from '../ids.js';
import { requireMerchant } from '../merchant.js';
import { issuerOf } from '../payment-to-request.js';
import { type GlobalPeriod, PERIODICIDAD, periodKey, periodsNamed } from '../periods.js';
import { updateReceipt } from '../receipt-records.js';
import { PUBLICO_EN_GENERAL, type TicketLine, ticketItems, ticketLines } from './ticket-lines.js';

/** Conceptos per factura global unless the merchant sets `globalMaxItems` (a PAC takes a few MB at most). */
export const DEFAULT_GLOBAL_MAX_ITEMS = 5_000;

export const GLOBAL_STAMP_JOB = 'global_stamp' as const;

export interface CloseOptions {
  /** 'YYYY-MM' (every period starting that month) or 'YYYY-MM-DD' (the period containing that day). */
  period: string;
  dryRun?: boolean;
  /** Overrides the merchant's globalMaxItems. */
  maxItems?: number;
  /** Called as receipts are assigned and documents issued (the CLI's progress). */
  onProgress?: (event: { step: 'assign' | 'issue'; done: number; total: number }) => void;
  signal?: AbortSignal;
}

export interface GlobalSummary {
  /** Absent in a dry run. */
  id?: string;
  uuid?: string;
  series?: string;
  folio?: number;
  status: Invoice['status'] | 'preview';
  period: string;
  mode: 'test' | 'live';
  currency: string;
  receipts: string[];
  tickets: string[];
  subtotal: string;
  discount?: string;
  iva?: string;
  ieps?: string;
  total: string;
}

export interface SkippedReceipt {
  receiptId: string;
  ticket: string;
  code: string;
  message: string;
  messageEn: string;
}

export interface CloseResult {
  merchantId: string;
  dryRun: boolean;
  periods: { key: string; from: string; to: string; closed: boolean }[];
  invoices: GlobalSummary[];
  skipped: SkippedReceipt[];
}

export interface Candidate {
  receipt: Receipt;
  payment: Payment;
  lines: TicketLine[];
}

export async function closeGlobal(
  ctx: Context,
  merchantId: string,
  options: CloseOptions,
): Promise<CloseResult> {
  const merchant = await requireMerchant(ctx, merchantId);
  const periods = periodsNamed(String(options.period ?? ''), merchant.settings.globalPeriodicity);
  if (!periods) {
    throw invalid([
      detail(
        'GLOBAL_INVALID_PERIOD',
        'period',
        `El periodo "${options.period}" no es válido. Escribe un mes como 2026-11 (todos sus periodos) o un día como 2026-11-28 (el periodo que lo contiene).`,
        `Period "${options.period}" is not valid. Write a month such as 2026-11 (all its periods) or a day such as 2026-11-28 (the period containing it).`,
      ),
    ]);
  }
  const now = ctx.clock.now();
  const closed = periods.filter((p) => p.to.getTime() <= now.getTime());
  if (closed.length === 0) {
    const end = periods[periods.length - 1]!.to.toISOString();
    throw conflict(
      'GLOBAL_PERIOD_OPEN',
      `El periodo ${options.period} aún no termina (termina ${end}). La factura global se emite cuando el periodo cierra.`,
      `Period ${options.period} has not ended yet (it ends ${end}). The factura global is issued once the period closes.`,
    );
  }
  const maxItems = Math.max(
    1,
    options.maxItems ?? merchant.settings.globalMaxItems ?? DEFAULT_GLOBAL_MAX_ITEMS,
  );
  const result: CloseResult = {
    merchantId,
    dryRun: options.dryRun === true,
    periods: periods.map((p) => ({
      key: periodKey(p),
      from: p.from.toISOString(),
      to: p.to.toISOString(),
      closed: p.to.getTime() <= now.getTime(),
    })),
    invoices: [],
    skipped: [],
  };
  for (const period of closed) {
    if (options.signal?.aborted) break;
    if (!result.dryRun) result.invoices.push(...(await resumePending(ctx, merchant, period)));
    const { candidates, skipped } = await collect(ctx, merchant, period, now);
    result.skipped.push(...skipped);
    const chunks = split(candidates, maxItems);
    if (result.dryRun) {
      for (const chunk of chunks) result.invoices.push(preview(ctx, merchant, period, chunk));
      continue;
    }
    let done = 0;
    const total = candidates.length;
    for (const chunk of chunks) {
      if (options.signal?.aborted) break;
      const id = newId('glb');
      const assigned = await assign(ctx, merchant.id, id, chunk, now);
      done += chunk.length;
      options.onProgress?.({ step: 'assign', done, total });
      if (assigned.length === 0) continue;
      const summary = await issueGlobal(ctx, merchant, period, id, assigned, result.skipped);
      if (summary) result.invoices.push(summary);
      options.onProgress?.({ step: 'issue', done: result.invoices.length, total: chunks.length });
    }
  }
  return result;
}

const OPEN = new Set(['open', 'expired']);
const WAITING = new Set(['awaiting_customer', 'failed']);

/** The period's receipts that expired unclaimed, with their ticket lines; the others that cannot go in, with why. */
async function collect(
  ctx: Context,
  merchant: Merchant,
  period: GlobalPeriod,
  now: Date,
): Promise<{ candidates: Candidate[]; skipped: SkippedReceipt[] }> {
  const candidates: Candidate[] = [];
  const skipped: SkippedReceipt[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.store.receipts.list(merchant.id, {
      paidFrom: period.from.toISOString(),
      paidTo: period.to.toISOString(),
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    const due = page.items.filter(
      (r) => OPEN.has(r.status) && !r.invoiceId && new Date(r.expiresAt).getTime() <= now.getTime(),
    );
    const byId = new Map(
      (
        await ctx.store.payments.getMany(
          merchant.id,
          due.map((r) => r.paymentId),
        )
      ).map((p) => [p.id, p]),
    );
    for (const receipt of due) {
      if (receipt.reinvoice) {
        // Taken out of a global for its customer: their named invoice, not the next global.
        skipped.push(
          skip(
            receipt,
            'GLOBAL_RECEIPT_REINVOICED',
            'su cliente pidió factura a su nombre',
            'its customer asked for an invoice in their name',
          ),
        );
        continue;
      }
      const payment = byId.get(receipt.paymentId);
      if (!payment || payment.invoiceId || !WAITING.has(payment.status)) {
        skipped.push(
          skip(
            receipt,
            'GLOBAL_RECEIPT_BUSY',
            'su pago se está facturando a nombre del cliente',
            "its payment is being invoiced in the customer's name",
          ),
        );
        continue;
      }
      try {
        candidates.push({ receipt, payment, lines: ticketLines(merchant, payment) });
      } catch (error) {
        if (!isAutofacturaError(error)) throw error;
        skipped.push(skip(receipt, error.code, error.message, error.messageEn ?? error.message));
      }
    }
    cursor = page.next;
  } while (cursor);
  candidates.sort(
    (a, b) =>
      a.receipt.paidAt.localeCompare(b.receipt.paidAt) || a.receipt.ticket.localeCompare(b.receipt.ticket),
  );
  return { candidates, skipped };
}

function skip(receipt: Receipt, code: string, why: string, whyEn: string): SkippedReceipt {
  return {
    receiptId: receipt.id,
    ticket: receipt.ticket,
    code,
    message: `El ticket ${receipt.ticket} no entra en la factura global: ${why}.`,
    messageEn: `Ticket ${receipt.ticket} does not go into the factura global: ${whyEn}.`,
  };
}

const groupOf = (c: Candidate) =>
  `${c.payment.mode}|${c.payment.currency}|${c.payment.currency === 'MXN' ? '' : (c.payment.exchangeRate ?? '')}`;

/** One group per mode and currency, cut so that no CFDI passes maxItems conceptos. */
function split(candidates: Candidate[], maxItems: number): Candidate[][] {
  const groups = new Map<string, Candidate[][]>();
  for (const candidate of candidates) {
    const chunks = groups.get(groupOf(candidate)) ?? [[]];
    groups.set(groupOf(candidate), chunks);
    let last = chunks[chunks.length - 1]!;
    const items = last.reduce((n, c) => n + c.lines.length, 0);
    if (last.length > 0 && items + candidate.lines.length > maxItems) {
      last = [];
      chunks.push(last);
    }
    last.push(candidate);
  }
  return [...groups.values()].flat().filter((chunk) => chunk.length > 0);
}

/** The payment form that paid the most in the global (Guía de llenado: FormaPago of the largest amount). */
function mainForm(candidates: { payment: Payment }[]): string {
  const sums = new Map<string, Dec>();
  for (const { payment } of candidates) {
    sums.set(payment.paymentForm, (sums.get(payment.paymentForm) ?? new Dec(0)).plus(payment.amount));
  }
  let best: [string, Dec] | undefined;
  for (const entry of sums) if (!best || entry[1].gt(best[1])) best = entry;
  return best?.[0] ?? '99';
}

export function globalRequest(
  merchant: Merchant,
  period: GlobalPeriod,
  candidates: Candidate[],
  series: string,
  folio: number,
  related?: { relationship: string; uuids: string[] },
): Record<string, unknown> {
  const first = candidates[0]!.payment;
  const decimals = currencyDecimals(first.currency, getCatalogs());
  return {
    type: 'I',
    issuer: issuerOf(merchant),
    customer: { ...PUBLICO_EN_GENERAL, zip: merchant.zip },
    series,
    folio: String(folio),
    currency: first.currency,
    ...(first.currency !== 'MXN' && first.exchangeRate ? { exchange_rate: first.exchangeRate } : {}),
    payment_form: mainForm(candidates),
    payment_method: 'PUE',
    global: { periodicity: PERIODICIDAD[period.periodicity], months: period.months, year: period.year },
    ...(related ? { related: [related] } : {}),
    items: candidates.flatMap((c) => ticketItems(c.receipt, c.lines, decimals)),
  };
}

function preview(ctx: Context, merchant: Merchant, period: GlobalPeriod, chunk: Candidate[]): GlobalSummary {
  const first = chunk[0]!.payment;
  const { comprobante } = buildComprobante(
    globalRequest(merchant, period, chunk, merchant.settings.series.global, 1),
    { now: ctx.clock.now() },
  );
  const figures = documentFigures(comprobante);
  return {
    status: 'preview',
    period: periodKey(period),
    mode: first.mode,
    currency: first.currency,
    receipts: chunk.map((c) => c.receipt.id),
    tickets: chunk.map((c) => c.receipt.ticket),
    subtotal: comprobante.SubTotal,
    ...(comprobante.Descuento ? { discount: comprobante.Descuento } : {}),
    ...(figures.taxes?.iva ? { iva: figures.taxes.iva } : {}),
    ...(figures.taxes?.ieps ? { ieps: figures.taxes.ieps } : {}),
    total: comprobante.Total,
  };
}

/**
 * The chunk's receipts and payments taken for global `id` in two statements (receipts by
 * compare-and-set, then their payments with the same claim a customer's invoice takes); those a customer
 * or another close got first stay out, and a receipt whose payment was claimed meanwhile is given back.
 */
async function assign(
  ctx: Context,
  merchantId: string,
  id: string,
  chunk: Candidate[],
  now: Date,
): Promise<Candidate[]> {
  const takenIds = new Set(
    await ctx.store.receipts.takeForGlobal(
      merchantId,
      chunk.map((c) => c.receipt.id),
      id,
      now.toISOString(),
    ),
  );
  const taken = chunk.filter((c) => takenIds.has(c.receipt.id));
  const claimed = new Set(
    await ctx.store.payments.claimInvoiceMany(
      merchantId,
      taken.map((c) => c.payment.id),
      id,
    ),
  );
  for (const c of taken) if (!claimed.has(c.payment.id)) await unassign(ctx, id, c.receipt);
  return taken.filter((c) => claimed.has(c.payment.id));
}

/** Gives a receipt back (its global failed or its payment was invoiced by the customer meanwhile). */
export async function unassign(ctx: Context, id: string, receipt: Receipt): Promise<void> {
  const now = ctx.clock.now().getTime();
  await updateReceipt(ctx, receipt.merchantId, receipt.id, (current) => {
    if (current.status !== 'in_global' || current.invoiceId !== id) return null;
    const { invoiceId: _, ...rest } = current;
    return { ...rest, status: new Date(current.expiresAt).getTime() <= now ? 'expired' : 'open' };
  });
  await ctx.store.payments.releaseInvoice(receipt.merchantId, receipt.paymentId, id);
}

/** Globals assigned but not stamped (a crash, a PAC outage): sealed or issued now with the receipts they hold. */
async function resumePending(
  ctx: Context,
  merchant: Merchant,
  period: GlobalPeriod,
): Promise<GlobalSummary[]> {
  const byGlobal = new Map<string, Receipt[]>();
  let cursor: string | undefined;
  do {
    const page = await ctx.store.receipts.list(merchant.id, {
      status: 'in_global',
      paidFrom: period.from.toISOString(),
      paidTo: period.to.toISOString(),
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const receipt of page.items) {
      if (!receipt.invoiceId) continue;
      byGlobal.set(receipt.invoiceId, [...(byGlobal.get(receipt.invoiceId) ?? []), receipt]);
    }
    cursor = page.next;
  } while (cursor);
  const summaries: GlobalSummary[] = [];
  for (const [id, receipts] of byGlobal) {
    const invoice = await ctx.store.invoices.get(merchant.id, id);
    if (invoice?.status === 'stamped') {
      await finishGlobal(ctx, merchant, invoice);
      continue;
    }
    if (invoice?.status === 'failed') {
      for (const receipt of receipts) await unassign(ctx, id, receipt);
      continue;
    }
    if (invoice && invoice.status !== 'sealed') continue;
    const candidates: Candidate[] = [];
    for (const receipt of invoice ? receipts.filter((r) => invoice.receiptIds.includes(r.id)) : receipts) {
      const payment = await ctx.store.payments.get(merchant.id, receipt.paymentId);
      if (!payment) continue;
      if (payment.invoiceId !== id && !(await ctx.store.payments.claimInvoice(merchant.id, payment.id, id))) {
        await unassign(ctx, id, receipt);
        continue;
      }
      candidates.push({ receipt, payment, lines: ticketLines(merchant, payment) });
    }
    if (candidates.length === 0) continue;
    const summary = await issueGlobal(ctx, merchant, period, id, candidates, []);
    if (summary) summaries.push(summary);
  }
  return summaries;
}

/** Seal, stamp and finish global `id`; its receipts are already assigned to it. */
export async function issueGlobal(
  ctx: Context,
  merchant: Merchant,
  period: GlobalPeriod,
  id: string,
  candidates: Candidate[],
  skipped: SkippedReceipt[],
  related?: { relationship: string; uuids: string[] },
): Promise<GlobalSummary | undefined> {
  const series = merchant.settings.series.global;
  let invoice: Invoice;
  try {
    invoice = await sealDocument(ctx, {
      merchant,
      invoiceId: id,
      kind: 'global',
      type: 'I',
      series,
      mode: candidates[0]!.payment.mode,
      paymentIds: candidates.map((c) => c.payment.id),
      receiptIds: candidates.map((c) => c.receipt.id),
      globalPeriod: {
        periodicity: period.periodicity,
        months: period.months,
        year: period.year,
        from: period.from.toISOString(),
        to: period.to.toISOString(),
      },
      ...(related ? { related } : {}),
      request: (folio) => globalRequest(merchant, period, candidates, series, folio, related),
    });
  } catch (error) {
    if (!isAutofacturaError(error) || error.retriable) throw error;
    await giveBack(ctx, merchant, id, candidates, error, skipped);
    return undefined;
  }
  try {
    invoice = await stampDocument(ctx, merchant, invoice);
  } catch (error) {
    if (error instanceof PacError && !error.retriable) {
      await failDocument(ctx, invoice, error);
      await giveBack(ctx, merchant, id, candidates, error, skipped);
      return undefined;
    }
    if (!isAutofacturaError(error) || !error.retriable) throw error;
    ctx.logger.warn('factura global sealed; stamping continues in the job runner', {
      invoiceId: id,
      error: String(error),
    });
    await enqueueJob(ctx, merchant.id, GLOBAL_STAMP_JOB, `global:stamp:${id}`, { invoiceId: id });
    return summaryOf(invoice, candidates);
  }
  await finishGlobal(ctx, merchant, invoice);
  return summaryOf(invoice, candidates);
}

function summaryOf(invoice: Invoice, candidates: Candidate[]): GlobalSummary {
  return {
    id: invoice.id,
    ...(invoice.uuid ? { uuid: invoice.uuid } : {}),
    series: invoice.series,
    folio: invoice.folio,
    status: invoice.status,
    period: invoice.globalPeriod ? periodKey(periodOf(invoice)) : '',
    mode: invoice.mode ?? 'live',
    currency: invoice.currency,
    receipts: invoice.receiptIds,
    tickets: candidates.map((c) => c.receipt.ticket),
    subtotal: invoice.subtotal,
    ...(invoice.discount ? { discount: invoice.discount } : {}),
    ...(invoice.taxes?.iva ? { iva: invoice.taxes.iva } : {}),
    ...(invoice.taxes?.ieps ? { ieps: invoice.taxes.ieps } : {}),
    total: invoice.total,
  };
}

/** The GlobalPeriod a global record covers. */
export function periodOf(invoice: Invoice): GlobalPeriod {
  const p = invoice.globalPeriod!;
  return {
    periodicity: p.periodicity as GlobalPeriod['periodicity'],
    from: new Date(p.from),
    to: new Date(p.to),
    months: p.months,
    year: p.year,
  };
}

async function giveBack(
  ctx: Context,
  merchant: Merchant,
  id: string,
  candidates: Candidate[],
  error: { code: string; message: string; messageEn?: string },
  skipped: SkippedReceipt[],
): Promise<void> {
  for (const { receipt } of candidates) {
    await unassign(ctx, id, receipt);
    skipped.push({
      receiptId: receipt.id,
      ticket: receipt.ticket,
      code: error.code,
      message: `La factura global no se pudo emitir: ${error.message}`,
      messageEn: `The factura global could not be issued: ${error.messageEn ?? error.message}`,
    });
  }
  await logEvent(
    ctx,
    merchant.id,
    'global.failed',
    { invoiceId: id },
    {
      code: error.code,
      message: error.message,
      receipts: candidates.length,
    },
  );
}

/** A stamped global: its payments in_global (each payment's story says so), one global.issued event. */
export async function finishGlobal(ctx: Context, merchant: Merchant, invoice: Invoice): Promise<void> {
  if (invoice.status !== 'stamped') return;
  // A global's receipts and payments are listed in the same order (one receipt per payment).
  const receipts = new Map<string, string>();
  if (invoice.receiptIds.length === invoice.paymentIds.length) {
    for (const [i, paymentId] of invoice.paymentIds.entries())
      receipts.set(paymentId, invoice.receiptIds[i]!);
  }
  const at = nowIso(ctx);
  const changed: string[] = [];
  for (let start = 0; start < invoice.paymentIds.length; start += 5_000) {
    const slice = invoice.paymentIds.slice(start, start + 5_000);
    changed.push(...(await ctx.store.payments.markInGlobal(merchant.id, slice, invoice.id, at)));
  }
  const stories: NewEvent[] = changed.map((paymentId) => {
    const receiptId = receipts.get(paymentId);
    return {
      merchantId: merchant.id,
      type: 'receipt.in_global',
      paymentId,
      invoiceId: invoice.id,
      ...(receiptId ? { receiptId } : {}),
      data: { uuid: invoice.uuid, series: invoice.series, folio: invoice.folio },
      at,
    };
  });
  // Each payment's story in one write: thousands of tickets would otherwise be thousands of commits.
  await ctx.store.events.appendMany(stories);
  const changedAny = stories.length > 0;
  if (!changedAny) return;
  await logEvent(
    ctx,
    merchant.id,
    'global.issued',
    { invoiceId: invoice.id },
    {
      uuid: invoice.uuid,
      series: invoice.series,
      folio: invoice.folio,
      period: invoice.globalPeriod,
      receipts: invoice.receiptIds.length,
      total: invoice.total,
      at: nowIso(ctx),
    },
  );
}

/** The `global_stamp` job: a sealed global stamped once the PAC answers again, then finished. */
export async function stampGlobalJob(ctx: Context, merchantId: string, invoiceId: string): Promise<void> {
  const merchant = await requireMerchant(ctx, merchantId);
  const invoice = await ctx.store.invoices.get(merchantId, invoiceId);
  if (invoice?.kind !== 'global') return;
  if (invoice.status === 'stamped') return finishGlobal(ctx, merchant, invoice);
  if (invoice.status !== 'sealed') return;
  const candidates: Candidate[] = [];
  for (const receiptId of invoice.receiptIds) {
    const receipt = await ctx.store.receipts.get(merchantId, receiptId);
    const payment = receipt ? await ctx.store.payments.get(merchantId, receipt.paymentId) : null;
    if (receipt && payment) candidates.push({ receipt, payment, lines: [] });
  }
  await issueGlobal(ctx, merchant, periodOf(invoice), invoice.id, candidates, []);
}
