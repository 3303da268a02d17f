/**
 * A CFDI's figures as the reports add them up: FormaPago, MetodoPago, TipoCambio and the tax totals. Records
 * sealed since the figures were kept carry them (Invoice.taxes); older ones are read from their XML once.
 */
import { documentFigures } from '../automation/documents.js';
import { comprobanteFromTree } from '../cfdi/xml/from-tree.js';
import type { Invoice, Store } from '../store/types.js';
import { parseXml } from '../xml/parse.js';

export type Figures = Pick<Invoice, 'paymentForm' | 'paymentMethod' | 'exchangeRate' | 'taxes'>;

/** The figures on the record, or read from its stamped (else sealed) XML when the record predates them. */
export async function invoiceFigures(store: Store, invoice: Invoice): Promise<Figures> {
  if (invoice.taxes !== undefined) {
    return {
      taxes: invoice.taxes,
      ...(invoice.paymentForm ? { paymentForm: invoice.paymentForm } : {}),
      ...(invoice.paymentMethod ? { paymentMethod: invoice.paymentMethod } : {}),
      ...(invoice.exchangeRate ? { exchangeRate: invoice.exchangeRate } : {}),
    };
  }
  const key = invoice.blobs.xml ?? invoice.blobs.sealedXml;
  const xml = await store.blobs.get(key);
  if (!xml) return { taxes: {} };
  return documentFigures(comprobanteFromTree(parseXml(xml)));
}
