/**
 * The life of one CFDI record, shared by invoices and credit notes: seal (folio allocated atomically,
 * build, seal, sealed XML stored BEFORE the PAC is called, then the record created — invariant 3 and 4),
 * stamp (the stored sealed XML, byte for byte, so a retry after a lost answer gets the same UUID), store
 * the stamped XML and its PDF. Every step can run twice, concurrently or after a crash: the record's id is
 * chosen before sealing, the store refuses a second record with it, and the loser reads the winner's.
 */
import { buildComprobante, sealComprobante } from '../cfdi/build.js';
import { type Comprobante, IMPUESTO } from '../cfdi/model.js';
import { isAutofacturaError } from '../errors.js';
import { Dec } from '../money/decimal.js';
import { renderCfdiPdf } from '../pdf/index.js';
import { StoreError } from '../store/errors.js';
import type { Invoice, InvoiceKind, InvoiceStatusChange, InvoiceType, Merchant } from '../store/types.js';
import { type Context, nowIso } from './context.js';
import { logForInvoice } from './events.js';
import { merchantCsd, pdfBranding } from './merchant.js';
import { pacFor } from './merchant-pac.js';
import { localToInstant } from './periods.js';

export interface DocumentSpec {
  merchant: Merchant;
  invoiceId: string;
  kind: InvoiceKind;
  type: InvoiceType;
  series: string;
  paymentIds: string[];
  receiptIds: string[];
  customerId?: string;
  related?: Invoice['related'];
  /** Factura global: the period it covers (Invoice.globalPeriod). */
  globalPeriod?: Invoice['globalPeriod'];
  /** 'test' documents get their own series and the sandbox PAC (Invoice.mode). Default live. */
  mode?: 'test' | 'live';
  /** The invoice request for the allocated folio. */
  request(folio: number): Record<string, unknown>;
}

const XML = 'application/xml; charset=utf-8';

/**
 * The series a document is numbered in: test mode keeps apart from the live folios (an accountant
 * expects no gaps spent by tests), e.g. A -> A-PRUEBA; CFDI's Serie allows 25 characters.
 */
export function documentSeries(series: string, mode: 'test' | 'live' = 'live'): string {
  return mode === 'test' ? `${series.slice(0, 18)}-PRUEBA` : series;
}

/** A document's mode from its payments: test when any of them is. */
export function modeOf(payments: { mode?: 'test' | 'live' }[]): 'test' | 'live' {
  return payments.some((p) => p.mode === 'test') ? 'test' : 'live';
}

/** The sealed record for spec.invoiceId: the existing one, or a new one (ValidationError/CredentialError when it cannot be built). */
export async function sealDocument(ctx: Context, spec: DocumentSpec): Promise<Invoice> {
  const { store } = ctx;
  const merchantId = spec.merchant.id;
  const existing = await store.invoices.get(merchantId, spec.invoiceId);
  if (existing) return existing;
  const csd = merchantCsd(ctx, spec.merchant);
  const series = documentSeries(spec.series, spec.mode);
  const folio = await store.folios.allocate(merchantId, series);
  const request = spec.request(folio);
  const { comprobante } = buildComprobante(spec.mode === 'test' ? { ...request, series } : request, {
    now: ctx.clock.now(),
  });
  const sealed = sealComprobante(comprobante, csd);
  const sealedKey = `${merchantId}/invoices/${spec.invoiceId}-${series}${folio}.sealed.xml`;
  await store.blobs.put(sealedKey, Buffer.from(sealed.xml, 'utf8'), XML);
  const at = nowIso(ctx);
  const c = sealed.comprobante;
  const invoice: Invoice = {
    id: spec.invoiceId,
    merchantId,
    kind: spec.kind,
    type: spec.type,
    series,
    folio,
    ...(spec.mode === 'test' ? { mode: 'test' as const } : {}),
    paymentIds: spec.paymentIds,
    receiptIds: spec.receiptIds,
    ...(spec.customerId ? { customerId: spec.customerId } : {}),
    receiverRfc: c.Receptor.Rfc,
    receiverName: c.Receptor.Nombre,
    currency: c.Moneda,
    subtotal: c.SubTotal,
    ...(c.Descuento ? { discount: c.Descuento } : {}),
    total: c.Total,
    fecha: c.Fecha,
    ...documentFigures(c),
    status: 'sealed',
    history: [{ status: 'sealed', at }],
    blobs: { sealedXml: sealedKey },
    ...(spec.related ? { related: spec.related } : {}),
    ...(spec.globalPeriod ? { globalPeriod: spec.globalPeriod } : {}),
    createdAt: at,
    updatedAt: at,
  };
  try {
    await store.invoices.create(invoice);
  } catch (error) {
    if (!isAutofacturaError(error) || error.code !== 'STORE_DUPLICATE') throw error;
    const winner = await store.invoices.get(merchantId, spec.invoiceId);
    if (!winner) throw error;
    await store.blobs.delete(sealedKey).catch(() => {});
    return winner;
  }
  await logForInvoice(ctx, invoice, 'invoice.sealed', {
    kind: invoice.kind,
    series: invoice.series,
    folio: invoice.folio,
    fecha: invoice.fecha,
    total: invoice.total,
  });
  return invoice;
}

/** FormaPago, MetodoPago, TipoCambio and tax totals of a Comprobante, as the reports read them (Invoice.taxes). */
export function documentFigures(
  c: Comprobante,
): Pick<Invoice, 'paymentForm' | 'paymentMethod' | 'exchangeRate' | 'taxes'> {
  const taxes: NonNullable<Invoice['taxes']> = {};
  const add = (key: keyof typeof taxes, amount: string | undefined) => {
    if (amount === undefined) return;
    taxes[key] =
      taxes[key] === undefined ? amount : new Dec(taxes[key]).plus(amount).toFixed(decimalsOf(amount));
  };
  for (const t of c.Impuestos?.Traslados ?? []) {
    if (t.Impuesto === IMPUESTO.IVA) add('iva', t.Importe);
    else if (t.Impuesto === IMPUESTO.IEPS) add('ieps', t.Importe);
  }
  for (const r of c.Impuestos?.Retenciones ?? []) {
    if (r.Impuesto === IMPUESTO.ISR) add('isrWithheld', r.Importe);
    else if (r.Impuesto === IMPUESTO.IVA) add('ivaWithheld', r.Importe);
  }
  return {
    ...(c.FormaPago ? { paymentForm: c.FormaPago } : {}),
    ...(c.MetodoPago ? { paymentMethod: c.MetodoPago } : {}),
    ...(c.TipoCambio ? { exchangeRate: c.TipoCambio } : {}),
    taxes,
  };
}

const decimalsOf = (text: string) => text.split('.')[1]?.length ?? 0;

/** Applies `change` with compare-and-set until it holds or `done` says another writer got there. */
export async function updateInvoice(
  ctx: Context,
  invoice: Invoice,
  change: (current: Invoice) => Invoice | null,
): Promise<Invoice> {
  let current = invoice;
  for (let attempt = 0; attempt < 20; attempt++) {
    const next = change(current);
    if (next === null) return current;
    const written = await ctx.store.invoices.update({ ...next, updatedAt: nowIso(ctx) }, current.updatedAt);
    if (written) return written;
    const reloaded = await ctx.store.invoices.get(current.merchantId, current.id);
    if (!reloaded) throw missing(current.id);
    current = reloaded;
  }
  throw new StoreError({
    code: 'STORE_UNAVAILABLE',
    retriable: true,
    status: 503,
    message: `La factura ${invoice.id} cambia sin parar; se reintentará.`,
    messageEn: `Invoice ${invoice.id} keeps changing; it will be retried.`,
  });
}

function missing(id: string): StoreError {
  return new StoreError({
    code: 'STORE_NOT_FOUND',
    message: `No se encontró la factura ${id}.`,
    messageEn: `Invoice ${id} was not found.`,
  });
}

function change(status: Invoice['status'], at: string, extra: Partial<InvoiceStatusChange> = {}) {
  return { status, at, ...extra };
}

/**
 * Stamps a sealed record with the PAC (throws PacError), stores the stamped XML and PDF and marks it
 * stamped. A record already stamped is returned as is.
 */
export async function stampDocument(ctx: Context, merchant: Merchant, invoice: Invoice): Promise<Invoice> {
  if (invoice.status !== 'sealed') return invoice;
  const { store } = ctx;
  const sealedXml = await store.blobs.get(invoice.blobs.sealedXml);
  if (!sealedXml) {
    throw new StoreError({
      code: 'STORE_CORRUPT',
      message: `Falta el XML sellado de la factura ${invoice.series}-${invoice.folio} (${invoice.blobs.sealedXml}).`,
      messageEn: `The sealed XML of invoice ${invoice.series}-${invoice.folio} is missing (${invoice.blobs.sealedXml}).`,
    });
  }
  const pac = pacFor(ctx, merchant, invoice.mode);
  const stamped = await pac.stamp(sealedXml.toString('utf8'));
  const xmlKey = `${merchant.id}/invoices/${invoice.id}.xml`;
  const pdfKey = `${merchant.id}/invoices/${invoice.id}.pdf`;
  await store.blobs.put(xmlKey, Buffer.from(stamped.xml, 'utf8'), XML);
  const pdf = await renderCfdiPdf(stamped.xml, {
    lang: merchant.settings.lang,
    branding: await pdfBranding(ctx, merchant),
    test: invoice.mode === 'test',
  });
  await store.blobs.put(pdfKey, pdf, 'application/pdf');
  const at = nowIso(ctx);
  let won = false;
  const result = await updateInvoice(ctx, invoice, (current) => {
    // Called again after a lost compare-and-set: only the writer that moved it from sealed tells it.
    won = current.status === 'sealed';
    if (!won) return null;
    return {
      ...current,
      status: 'stamped',
      uuid: stamped.uuid,
      stampedAt: localToInstant(stamped.stampedAt).toISOString(),
      blobs: { ...current.blobs, xml: xmlKey, pdf: pdfKey },
      history: [...current.history, change('stamped', at)],
    };
  });
  if (won) {
    await logForInvoice(ctx, invoice, 'invoice.stamped', {
      uuid: stamped.uuid,
      pac: pac.name,
      duplicate: stamped.duplicate,
    });
  }
  return result;
}

/** Marks a record failed for good with the PAC's (or engine's) coded reason. */
export async function failDocument(
  ctx: Context,
  invoice: Invoice,
  reason: { code: string; message: string },
): Promise<Invoice> {
  const at = nowIso(ctx);
  let won = false;
  const result = await updateInvoice(ctx, invoice, (current) => {
    won = current.status === 'sealed';
    return !won
      ? null
      : {
          ...current,
          status: 'failed',
          history: [...current.history, change('failed', at, { code: reason.code, message: reason.message })],
        };
  });
  if (won) {
    // The public event invoice.failed (automation/webhooks/event-map.ts).
    await logForInvoice(ctx, invoice, 'invoice.failed', { code: reason.code, message: reason.message });
  }
  return result;
}
