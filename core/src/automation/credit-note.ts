/**
 * The credit note of a refund: a CFDI de egreso for the refunded amount, related to the invoice with
 * TipoRelacion 01, to the invoice's receptor (read from the stamped XML) with UsoCFDI G02 where the
 * receptor's régimen allows it, the default product's taxes included in the amount. Its id is set on
 * the refund before sealing, so a re-run finds the same record.
 */
import { getCatalogs } from '../catalogs/index.js';
import type { Receptor } from '../cfdi/model.js';
import { comprobanteFromTree } from '../cfdi/xml/from-tree.js';
import { isAutofacturaError } from '../errors.js';
import { parseRfc } from '../fiscal/rfc.js';
import { usoCfdiAllowedFor } from '../fiscal/uso-cfdi.js';
import type { Invoice, Merchant, Payment, PaymentRefund } from '../store/types.js';
import { parseXml } from '../xml/parse.js';
import type { Context } from './context.js';
import { failDocument, sealDocument, stampDocument } from './documents.js';
import { queueInvoiceEmail } from './enqueue.js';
import { GiveUp, notReady } from './errors.js';
import { logEvent } from './events.js';
import { newId } from './ids.js';
import { defaultItem, issuerOf } from './payment-to-request.js';

import { refundedIfWhole, setRefund } from './refund-state.js';

/** ClaveProdServ SAT's guide uses for credit notes of returns and discounts. */
const CREDIT_NOTE_PRODUCT = '84111506';

export async function creditNote(
  ctx: Context,
  merchant: Merchant,
  payment: Payment,
  invoice: Invoice,
  refund: PaymentRefund,
): Promise<void> {
  let noteId = refund.invoiceId;
  if (!noteId) {
    const candidate = newId('inv');
    const updated = await setRefund(ctx, payment, refund.externalId, (r) =>
      r.invoiceId ? null : { ...r, invoiceId: candidate },
    );
    noteId = updated.refunds.find((r) => r.externalId === refund.externalId)?.invoiceId ?? candidate;
    payment = updated;
  }
  const xml = await ctx.store.blobs.get(invoice.blobs.xml ?? invoice.blobs.sealedXml);
  if (!xml) throw notReady('falta el XML de la factura', "the invoice's XML is missing");
  const receptor = comprobanteFromTree(parseXml(xml)).Receptor;
  // A return of a ticket in a factura global names the ticket (Guía de llenado del CFDI global, I c).
  const ticket =
    invoice.kind === 'global' && payment.receiptId
      ? (await ctx.store.receipts.get(merchant.id, payment.receiptId))?.ticket
      : undefined;
  const series = merchant.settings.series.creditNote;
  let note: Invoice;
  try {
    note = await sealDocument(ctx, {
      merchant,
      invoiceId: noteId,
      kind: 'credit_note',
      type: 'E',
      series,
      ...(invoice.mode === 'test' ? { mode: 'test' as const } : {}),
      paymentIds: [payment.id],
      receiptIds: [],
      ...(invoice.customerId ? { customerId: invoice.customerId } : {}),
      related: { relationship: '01', uuids: [invoice.uuid!] },
      request: (folio) =>
        creditNoteRequest(merchant, payment, receptor, refund.amount, series, folio, invoice.uuid!, ticket),
    });
    note = await stampDocument(ctx, merchant, note);
  } catch (error) {
    if (!isAutofacturaError(error) || error.retriable) throw error;
    const failed = await ctx.store.invoices.get(merchant.id, noteId);
    if (failed) await failDocument(ctx, failed, error);
    await setRefund(ctx, payment, refund.externalId, ({ invoiceId: _, ...r }) => r);
    await logEvent(
      ctx,
      merchant.id,
      'refund.failed',
      { paymentId: payment.id, invoiceId: noteId },
      {
        refundExternalId: refund.externalId,
        code: error.code,
        message: error.message,
      },
    );
    throw GiveUp.from(error);
  }
  await setRefund(
    ctx,
    payment,
    refund.externalId,
    (r) => (r.outcome === 'credit_note' ? null : { ...r, outcome: 'credit_note', invoiceId: note.id }),
    refundedIfWhole,
  );
  await logEvent(
    ctx,
    merchant.id,
    'credit_note.issued',
    { paymentId: payment.id, invoiceId: note.id },
    {
      uuid: note.uuid,
      series: note.series,
      folio: note.folio,
      total: note.total,
      related: invoice.uuid,
      refundExternalId: refund.externalId,
    },
  );
  await queueInvoiceEmail(ctx, merchant.id, note.id);
}

export function creditNoteRequest(
  merchant: Merchant,
  payment: Payment,
  receptor: Receptor,
  amount: string,
  series: string,
  folio: number,
  relatedUuid: string,
  ticket?: string,
): Record<string, unknown> {
  const tipo = parseRfc(receptor.Rfc)?.tipo ?? 'fisica';
  const g02 = usoCfdiAllowedFor(getCatalogs(), 'G02', receptor.RegimenFiscalReceptor, tipo);
  const item = defaultItem(merchant.settings.defaultProduct, amount);
  return {
    type: 'E',
    issuer: issuerOf(merchant),
    customer: {
      rfc: receptor.Rfc,
      name: receptor.Nombre,
      tax_regime: receptor.RegimenFiscalReceptor,
      zip: receptor.DomicilioFiscalReceptor,
      cfdi_use: g02 ? 'G02' : receptor.UsoCFDI,
      ...(receptor.ResidenciaFiscal ? { country: receptor.ResidenciaFiscal } : {}),
      ...(receptor.NumRegIdTrib ? { tax_id: receptor.NumRegIdTrib } : {}),
    },
    series,
    folio: String(folio),
    currency: payment.currency,
    ...(payment.currency !== 'MXN' && payment.exchangeRate ? { exchange_rate: payment.exchangeRate } : {}),
    payment_form: payment.paymentForm,
    payment_method: 'PUE',
    related: [{ relationship: '01', uuids: [relatedUuid] }],
    items: [
      {
        ...item,
        product_key: CREDIT_NOTE_PRODUCT,
        unit_key: 'ACT',
        ...(ticket ? { sku: ticket } : {}),
        description: `Devolución del pago ${payment.externalId.replaceAll('|', ' ')}`,
        tax_included: true,
      },
    ],
  };
}
