/** The JSON the backend answers (portal/src/stripe-app): payment and customer pages, link status. */
export interface PaymentPage {
  found: true;
  payment: {
    id: string;
    external_id: string;
    status: string;
    amount: string;
    currency: string;
    paid_at: string;
    mode: 'test' | 'live';
    failure: { code: string; message: string; message_en?: string } | null;
  };
  invoice: {
    id: string;
    kind: string;
    status: string;
    uuid: string | null;
    series: string;
    folio: number;
    total: string;
    currency: string;
    receiver_rfc: string;
    receiver_name: string;
    xml_url: string | null;
    pdf_url: string | null;
  } | null;
  receipt: { id: string; status: string; ticket: string; expires_at: string } | null;
  customer: { id: string; email: string | null; rfc: string | null } | null;
  portal_link: string | null;
  actions: { issue: boolean; portal_link: boolean; cancel: boolean };
}

export interface FiscalFields {
  rfc: string;
  name: string;
  tax_regime: string;
  zip: string;
  cfdi_use: string;
}

export interface CustomerPage {
  found: boolean;
  customer: {
    id: string;
    email: string | null;
    name: string | null;
    fiscal: FiscalFields | null;
    fiscal_validated_at: string | null;
  } | null;
}

export interface LinkStatus {
  linked: boolean;
  /** 'settings': linked here (can be unlinked here); 'stripe_connection': the merchant's Stripe connection. */
  linked_by: 'settings' | 'stripe_connection' | null;
  account_id: string;
  merchant: { id: string; rfc: string; name: string; trade_name: string } | null;
  autofactura_url: string;
}
