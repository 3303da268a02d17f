/**
 * What to do with a payment (issue #4, step 3): invoice it now, open a receipt with a self-invoice link,
 * or nothing. The payment's own `automation` wins unless it is 'auto'; then the merchant's setting; when
 * both say 'auto', complete and valid fiscal data means an invoice, anything else a receipt.
 */
import type { Automation, MerchantSettings } from '../store/types.js';

/** The customer's fiscal data as the decision sees it. */
export type FiscalState = 'complete' | 'missing' | 'invalid';

export type Decision =
  | { action: 'invoice' }
  | { action: 'receipt'; reason: 'automation_receipt' | 'fiscal_data_missing' | 'fiscal_data_invalid' }
  | { action: 'none'; reason: 'automation_none' };

export function effectiveAutomation(payment: Automation, settings: Pick<MerchantSettings, 'automation'>) {
  return payment === 'auto' ? settings.automation : payment;
}

export function decide(options: {
  automation: Automation;
  settings: Pick<MerchantSettings, 'automation'>;
  fiscal: FiscalState;
}): Decision {
  const automation = effectiveAutomation(options.automation, options.settings);
  if (automation === 'none') return { action: 'none', reason: 'automation_none' };
  if (automation === 'receipt') return { action: 'receipt', reason: 'automation_receipt' };
  if (options.fiscal === 'complete') return { action: 'invoice' };
  return {
    action: 'receipt',
    reason: options.fiscal === 'invalid' ? 'fiscal_data_invalid' : 'fiscal_data_missing',
  };
}
