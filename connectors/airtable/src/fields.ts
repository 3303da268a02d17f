/**
 * The field names of a sales table: what is read from a sale row and what is written back. The defaults
 * are the template base's (README, "Airtable"); a merchant's config file may rename any of them.
 * automation/invoice-sale.js carries the same defaults (a pasted script cannot import this file).
 */
export interface SaleFields {
  amount: string;
  email: string;
  name: string;
  rfc: string;
  regime: string;
  zip: string;
  cfdiUse: string;
  concept: string;
  paidAt: string;
  status: string;
  uuid: string;
  pdf: string;
  xml: string;
  portal: string;
  error: string;
  payment: string;
}

export const DEFAULT_FIELDS: SaleFields = {
  amount: 'Monto',
  email: 'Correo',
  name: 'Nombre',
  rfc: 'RFC',
  regime: 'Régimen',
  zip: 'CP',
  cfdiUse: 'Uso CFDI',
  concept: 'Concepto',
  paidAt: 'Fecha',
  status: 'Factura - estado',
  uuid: 'Factura - UUID',
  pdf: 'Factura - PDF',
  xml: 'Factura - XML',
  portal: 'Factura - portal',
  error: 'Factura - error',
  payment: 'Factura - pago',
};

/** The values of the status field (a single select; typecast adds a missing option). */
export const STATUS = {
  issuing: 'emitiendo',
  invoiced: 'facturada',
  awaitingCustomer: 'esperando datos',
  error: 'error',
  inGlobal: 'en factura global',
  refunded: 'reembolsada',
  ignored: 'sin factura',
} as const;

/** Rows the sync looks at: never sent, still issuing, waiting for the customer, or in error. */
export function pendingFormula(fields: SaleFields): string {
  const status = `{${fields.status.replace(/[{}]/g, '')}}`;
  const open = [STATUS.issuing, STATUS.awaitingCustomer, STATUS.error].map((s) => `${status} = '${s}'`);
  return `OR(${status} = BLANK(), ${open.join(', ')})`;
}
