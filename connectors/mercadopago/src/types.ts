/**
 * The fields of MercadoPago's payment (GET /v1/payments/{id}) the connector reads; amounts are JSON
 * numbers in pesos (read through readDecimal, never by arithmetic on the float).
 */
export interface MercadoPagoPayment {
  id: number | string;
  status?: string;
  status_detail?: string;
  live_mode?: boolean;
  date_created?: string;
  date_approved?: string | null;
  currency_id?: string;
  transaction_amount?: number | string;
  transaction_amount_refunded?: number | string;
  payment_type_id?: string;
  payment_method_id?: string;
  external_reference?: string | null;
  description?: string | null;
  /** The integrator's metadata (keys snake_case): `sat_rfc`, `sat_name`, `sat_zip`, `sat_tax_regime`, `sat_cfdi_use`. */
  metadata?: Record<string, unknown> | null;
  order?: { id?: number | string; type?: string } | null;
  payer?: {
    id?: string | number | null;
    email?: string | null;
    first_name?: string | null;
    last_name?: string | null;
    identification?: { type?: string | null; number?: string | null } | null;
  } | null;
  additional_info?: {
    payer?: { first_name?: string | null; last_name?: string | null } | null;
  } | null;
  refunds?: Array<{
    id: number | string;
    amount?: number | string;
    status?: string;
    date_created?: string;
  }>;
}
