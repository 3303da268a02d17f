/**
 * The credential form of each gateway on Settings › Pasarelas: its fields (secrets as password inputs,
 * never shown back) and how they are saved — through the connector's own connect function, the same the
 * CLI's `autofactura connect <gateway>` calls. A gateway whose connector is not installed has no form.
 */
import type { Autofactura } from '../../../core/src/automation/types.js';

export interface GatewayField {
  name: string;
  label: string;
  labelEn: string;
  hint?: string;
  hintEn?: string;
  /** password: a secret (never echoed); textarea: a PEM or long text. */
  type: 'text' | 'password' | 'textarea';
  required?: boolean;
}

export interface GatewayForm {
  gateway: string;
  name: string;
  lead: string;
  leadEn: string;
  fields: GatewayField[];
  save(af: Autofactura, merchantId: string, body: Record<string, string | undefined>): Promise<void>;
}

export const GATEWAY_FORMS: GatewayForm[] = [];
