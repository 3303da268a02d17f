/** Labels Zapier shows for the fields of each object, in the words a Mexican merchant uses. */

type OutputField = { key: string; label: string; type?: 'string' | 'number' | 'boolean' | 'datetime' };

export const invoiceOutputFields: OutputField[] = [
  { key: 'id', label: 'ID de la factura en autofactura' },
  { key: 'uuid', label: 'Folio fiscal (UUID que asigna el SAT al timbrar)' },
  { key: 'series', label: 'Serie' },
  { key: 'folio', label: 'Folio', type: 'number' },
  { key: 'status', label: 'Estado (stamped = timbrada, cancelled = cancelada, failed = rechazada)' },
  { key: 'kind', label: 'Tipo (invoice = factura, credit_note = nota de crédito, global = factura global)' },
  { key: 'type', label: 'Tipo de comprobante (I = ingreso, E = egreso)' },
  { key: 'receiver_rfc', label: 'RFC del cliente (receptor)' },
  { key: 'receiver_name', label: 'Nombre o razón social del cliente' },
  { key: 'customer_id', label: 'ID del cliente' },
  { key: 'currency', label: 'Moneda' },
  { key: 'subtotal', label: 'Subtotal' },
  { key: 'total', label: 'Total' },
  { key: 'taxes__iva', label: 'IVA trasladado' },
  { key: 'payment_form', label: 'Forma de pago (clave SAT, p. ej. 04 tarjeta de crédito)' },
  { key: 'payment_method', label: 'Método de pago (PUE = una sola exhibición, PPD = en parcialidades)' },
  { key: 'fecha', label: 'Fecha del CFDI (hora local del lugar de expedición)', type: 'datetime' },
  { key: 'stamped_at', label: 'Fecha de timbrado', type: 'datetime' },
  { key: 'mode', label: 'Modo (test = pruebas, live = real)' },
  { key: 'cancellation__motive', label: 'Motivo de cancelación (clave SAT)' },
  { key: 'cancellation__status', label: 'Estado de la cancelación ante el SAT' },
  { key: 'has_pdf', label: '¿Tiene PDF?', type: 'boolean' },
  { key: 'created_at', label: 'Creada', type: 'datetime' },
];

export const paymentOutputFields: OutputField[] = [
  { key: 'id', label: 'ID del pago en autofactura' },
  { key: 'external_id', label: 'Referencia del pago (tu número de pedido o de venta)' },
  { key: 'source', label: 'Origen (api, stripe, zapier…)' },
  { key: 'status', label: 'Estado (invoiced = facturado, awaiting_customer = esperando al cliente…)' },
  { key: 'amount', label: 'Monto' },
  { key: 'currency', label: 'Moneda' },
  { key: 'method', label: 'Cómo pagó (card_credit, card_debit, cash, transfer…)' },
  { key: 'payment_form', label: 'Forma de pago (clave SAT)' },
  { key: 'paid_at', label: 'Fecha del pago', type: 'datetime' },
  { key: 'customer__email', label: 'Correo del cliente' },
  { key: 'customer__name', label: 'Nombre del cliente' },
  { key: 'customer_id', label: 'ID del cliente' },
  { key: 'invoice_id', label: 'ID de la factura' },
  { key: 'receipt_id', label: 'ID del recibo de autofacturación' },
  { key: 'failure__message', label: 'Qué corregir (si no se pudo facturar)' },
  { key: 'mode', label: 'Modo (test = pruebas, live = real)' },
  { key: 'created_at', label: 'Registrado', type: 'datetime' },
];

export const receiptOutputFields: OutputField[] = [
  { key: 'id', label: 'ID del recibo' },
  { key: 'url', label: 'Enlace para que el cliente se autofacture' },
  { key: 'ticket', label: 'Número de ticket' },
  { key: 'amount', label: 'Monto' },
  { key: 'currency', label: 'Moneda' },
  { key: 'status', label: 'Estado (open = esperando datos, invoiced = facturado, expired = vencido)' },
  { key: 'expires_at', label: 'Vence (después entra a la factura global)', type: 'datetime' },
  { key: 'payment_id', label: 'ID del pago' },
  { key: 'customer_id', label: 'ID del cliente' },
  { key: 'invoice_id', label: 'ID de la factura (cuando ya se facturó)' },
  { key: 'paid_at', label: 'Fecha del pago', type: 'datetime' },
];

export const customerOutputFields: OutputField[] = [
  { key: 'id', label: 'ID del cliente' },
  { key: 'email', label: 'Correo' },
  { key: 'name', label: 'Nombre' },
  { key: 'fiscal__rfc', label: 'RFC' },
  { key: 'fiscal__name', label: 'Nombre o razón social (como en la Constancia de Situación Fiscal)' },
  { key: 'fiscal__tax_regime', label: 'Régimen fiscal (clave SAT)' },
  { key: 'fiscal__zip', label: 'Código postal del domicilio fiscal' },
  { key: 'fiscal__cfdi_use', label: 'Uso del CFDI (clave SAT)' },
  { key: 'fiscal_validated_at', label: 'Datos fiscales validados', type: 'datetime' },
  { key: 'created_at', label: 'Creado', type: 'datetime' },
];

export const recordedPaymentOutputFields: OutputField[] = [
  { key: 'id', label: 'ID del pago' },
  { key: 'status', label: 'Estado (invoiced = facturado, awaiting_customer = recibo enviado, failed…)' },
  { key: 'external_id', label: 'Referencia del pago' },
  { key: 'amount', label: 'Monto' },
  { key: 'invoice__id', label: 'ID de la factura' },
  { key: 'invoice__uuid', label: 'Folio fiscal (UUID)' },
  { key: 'receipt__url', label: 'Enlace de autofacturación para el cliente' },
  { key: 'receipt__expires_at', label: 'El enlace vence', type: 'datetime' },
  { key: 'failure__message', label: 'Qué corregir (si no se pudo facturar)' },
];
