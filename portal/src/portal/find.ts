/** The portal's search form (reference + amount + date), read and bounded before it reaches core. */
import type { Autofactura, PortalMatch, PortalQuery } from '../../../core/src/automation/types.js';

const one = (value: unknown, max: number) => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, max) : '';
};

/** The query, or null when a field is missing. */
export function readFind(body: Record<string, unknown>): PortalQuery | null {
  const query = {
    reference: one(body.reference, 100),
    amount: one(body.amount, 30),
    date: one(body.date, 10),
  };
  return query.reference && query.amount && query.date ? query : null;
}

export function findPurchases(
  af: Autofactura,
  merchantId: string,
  query: PortalQuery,
): Promise<PortalMatch[]> {
  return af.findPortalReceipts(merchantId, query);
}
