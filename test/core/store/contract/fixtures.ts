/**
 * Records for the store contract. Every id is fresh and random: the PostgreSQL run shares its database
 * with earlier runs, so no test may assume empty tables or a fixed id.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { AutofacturaError } from '../../../../core/src/errors.js';
import type {
  Customer,
  Invoice,
  Merchant,
  Payment,
  Receipt,
  Store,
} from '../../../../core/src/store/types.js';

export const T0 = '2026-11-28T18:00:00.000Z';

/** A store getter: the suite opens it in a `before` hook, so tests read it lazily. */
export type StoreRef = () => Store;

export function rid(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** An ISO time `minutes` after T0. */
export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

export function merchant(id = rid('m'), prefix = `af_test_${randomBytes(6).toString('hex')}`): Merchant {
  return {
    id,
    rfc: 'EKU9003173C9',
    name: 'ESCUELA KEMPER URGATE',
    regime: '601',
    zip: '42501',
    csd: {
      certificate: 'MIIB',
      noCertificado: '30001000000500003416',
      validFrom: T0,
      validTo: '2030-11-28T18:00:00.000Z',
      key: 'v1:a:b:c',
      password: 'v1:d:e:f',
    },
    settings: {
      automation: 'auto',
      receiptDays: 7,
      reinvoiceDays: 3,
      globalPeriodicity: 'monthly',
      paymentForms: {
        card_credit: '04',
        card_debit: '28',
        cash: '01',
        transfer: '03',
        wallet: '06',
        other: '99',
      },
      defaultProduct: {
        productKey: '01010101',
        unitKey: 'E48',
        description: 'Venta',
        taxObject: '02',
        taxes: [{ type: 'IVA', rate: '0.16' }],
        taxIncluded: true,
      },
      refundPolicy: 'credit_note',
      series: { invoice: 'A', creditNote: 'NC', global: 'G' },
      lang: 'es',
    },
    branding: { tradeName: 'Kemper' },
    apiKeys: [{ id: rid('key'), prefix, hash: 'ab'.repeat(32), mode: 'test', createdAt: T0 }],
    secrets: { stripe: 'v1:g:h:i' },
    createdAt: T0,
    updatedAt: T0,
  };
}

/** Creates a merchant with a fresh id and returns its id. */
export async function newMerchant(store: Store): Promise<string> {
  const created = await store.merchants.create(merchant());
  return created.id;
}

export function customer(merchantId: string, overrides: Partial<Customer> = {}): Customer {
  return {
    id: rid('cus'),
    merchantId,
    email: 'Ana.Lopez@Example.com',
    name: 'Ana López',
    sourceIds: { stripe: rid('cus_stripe') },
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function payment(merchantId: string, overrides: Partial<Payment> = {}): Payment {
  return {
    id: rid('pay'),
    merchantId,
    source: 'stripe',
    externalId: rid('ch'),
    mode: 'test',
    amount: '1160.00',
    currency: 'MXN',
    paidAt: T0,
    method: 'card_credit',
    paymentForm: '04',
    customerInput: { email: 'ana@example.com' },
    automation: 'auto',
    metadata: { order: '1001' },
    status: 'recorded',
    refunds: [],
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function receipt(merchantId: string, paymentId: string, overrides: Partial<Receipt> = {}): Receipt {
  return {
    id: rid('rcpt'),
    merchantId,
    paymentId,
    ticket: rid('T'),
    tokenHash: randomBytes(32).toString('hex'),
    token: 'v1:j:k:l',
    amount: '1160.00',
    currency: 'MXN',
    paidAt: T0,
    expiresAt: at(7 * 24 * 60),
    status: 'open',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function invoice(merchantId: string, folio: number, overrides: Partial<Invoice> = {}): Invoice {
  const id = overrides.id ?? rid('inv');
  return {
    id,
    merchantId,
    kind: 'invoice',
    type: 'I',
    series: 'A',
    folio,
    paymentIds: [rid('pay')],
    receiptIds: [],
    receiverRfc: 'XAXX010101000',
    receiverName: 'PUBLICO EN GENERAL',
    currency: 'MXN',
    subtotal: '1000.00',
    total: '1160.00',
    fecha: '2026-11-28T12:00:00',
    status: 'sealed',
    history: [{ status: 'sealed', at: T0 }],
    blobs: { sealedXml: `${merchantId}/invoices/${id}.sealed.xml` },
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** Awaits `promise` and checks it rejected with an AutofacturaError of that code. */
export async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<AutofacturaError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AutofacturaError, `expected error ${code}, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.ok(error.message.length > 0);
    return error;
  }
  assert.fail(`expected an error with code ${code}`);
}

/** Every item of every page, following `next` until the last page. */
export async function allPages<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; next?: string }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await fetch(cursor);
    pages++;
    items.push(...page.items);
    if (page.next === undefined) return { items, pages };
    assert.ok(pages < 1000, 'pagination does not end');
    cursor = page.next;
  }
}

export function ids(records: { id: string }[]): string[] {
  return records.map((record) => record.id);
}
