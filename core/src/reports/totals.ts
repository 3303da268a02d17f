/** Sums of CFDI figures in fixed point (exact), converted to MXN at each CFDI's TipoCambio, written at the end. */
import { type Fixed, toFixed } from '../money/fixed-point.js';
import { type DocLite, mxn } from './dataset.js';
import type { Totals } from './types.js';

export class TotalsSum {
  count = 0;
  subtotal = 0n;
  discount = 0n;
  iva = 0n;
  ieps = 0n;
  isrWithheld = 0n;
  ivaWithheld = 0n;
  total = 0n;

  /** Adds a CFDI (sign -1 subtracts it: egresos in the net). */
  add(doc: DocLite, sign: 1n | -1n = 1n): this {
    const r = doc.rate;
    this.count += 1;
    this.subtotal += sign * mxn(doc.subtotal, r);
    this.discount += sign * mxn(doc.discount, r);
    this.iva += sign * mxn(doc.iva, r);
    this.ieps += sign * mxn(doc.ieps, r);
    this.isrWithheld += sign * mxn(doc.isrWithheld, r);
    this.ivaWithheld += sign * mxn(doc.ivaWithheld, r);
    this.total += sign * mxn(doc.total, r);
    return this;
  }

  toTotals(): Totals {
    const s = (v: Fixed) => toFixed(v, 2);
    return {
      count: this.count,
      subtotal: s(this.subtotal),
      discount: s(this.discount),
      iva: s(this.iva),
      ieps: s(this.ieps),
      isrWithheld: s(this.isrWithheld),
      ivaWithheld: s(this.ivaWithheld),
      total: s(this.total),
    };
  }
}

/** Sums per key, written as Totals. */
export class TotalsBy {
  readonly sums = new Map<string, TotalsSum>();
  at(key: string): TotalsSum {
    let sum = this.sums.get(key);
    if (!sum) {
      sum = new TotalsSum();
      this.sums.set(key, sum);
    }
    return sum;
  }
  toRecord(): Record<string, Totals> {
    return Object.fromEntries([...this.sums].map(([k, v]) => [k, v.toTotals()]));
  }
}
