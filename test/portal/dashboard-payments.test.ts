/**
 * The dashboard's lists and a payment's page through the real server (#5): filters and search, the
 * event log, retry of a failed invoice, cancel with a SAT motive, resend by email, XML/PDF downloads,
 * another merchant's ids answered 404, and customer input rendered as text.
 */
import assert from 'node:assert/strict';
import type { Payment } from '../../core/src/store/types.js';
import { type Client, type DashboardHarness, dashboardHarness } from './dashboard-harness.js';

const CARLOS = {
  email: 'carlos@example.com',
  name: 'CARLOS CORTES SOTO',
  rfc: 'COSC8001137NA',
  tax_regime: '612',
  zip: '52000',
  cfdi_use: 'G03',
};
const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';

describe('dashboard payments, invoices and receipts', () => {
  let h: DashboardHarness;
  let c: Client;
  let a: { merchantId: string; apiKey: string };
  let b: { merchantId: string; apiKey: string };
  let invoiced: Payment;
  let awaiting: Payment;
  let failed: Payment;
  let xss: Payment;
  let other: Payment;

  const pay = async (key: string, body: Record<string, unknown>) => {
    const answer = await h.pay(key, body);
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    return answer.json.id;
  };

  before(async () => {
    h = await dashboardHarness();
    a = await h.seedMerchant('ana@example.com', { tradeName: 'Papelería Ana' });
    b = await h.seedMerchant('beto@example.com', { tradeName: 'Taller Beto' });
    const invoicedId = await pay(a.apiKey, {
      amount: '1160.00',
      method: 'card_credit',
      external_id: 'ch_invoiced_1',
      customer: CARLOS,
    });
    invoiced = await h.settle(a.merchantId, invoicedId);
    awaiting = await h.settle(
      a.merchantId,
      await pay(a.apiKey, {
        amount: '250.50',
        method: 'cash',
        external_id: 'ticket-0042',
        customer: { email: 'maria@example.com', name: 'María López' },
      }),
    );
    xss = await h.settle(
      a.merchantId,
      await pay(a.apiKey, {
        amount: '99.00',
        method: 'cash',
        customer: { email: 'x@example.com', name: XSS },
        metadata: { nota: XSS },
      }),
    );
    h.pac.rejectWith('CFDI40161');
    failed = await h.settle(
      a.merchantId,
      await pay(a.apiKey, { amount: '410.00', method: 'transfer', external_id: 'spei-77', customer: CARLOS }),
    );
    other = await h.settle(
      b.merchantId,
      await pay(b.apiKey, { amount: '500.00', method: 'cash', customer: CARLOS }),
    );
    assert.deepEqual(
      [invoiced.status, awaiting.status, failed.status, other.status],
      ['invoiced', 'awaiting_customer', 'failed', 'invoiced'],
    );
    c = h.client();
    assert.equal((await h.login(c, 'ana@example.com')).status, 303);
  });
  after(() => h.close());

  it('shows the month on the home page: totals, waiting receipts, failures and recent payments', async () => {
    const home = await c.get('/dashboard');
    assert.match(home.text, /\$1,919\.50 <span class="stat-cur">MXN/, 'payments of the month');
    assert.match(home.text, /4 pagos/);
    assert.match(home.text, /\$1,160\.00 <span class="stat-cur">MXN/, 'stamped invoices');
    assert.match(home.text, /1 factura timbrada</);
    assert.match(home.text, /stat stat--bad/, 'a failure to look at');
    assert.match(home.text, new RegExp(`href="/dashboard/payments/${failed.id}"`));
  });

  it('lists payments with status filters, dates and search', async () => {
    const all = await c.get('/dashboard/payments');
    for (const p of [invoiced, awaiting, failed, xss])
      assert.match(all.text, new RegExp(`/dashboard/payments/${p.id}"`));
    assert.doesNotMatch(all.text, new RegExp(other.id), "another merchant's payment");
    assert.ok(all.text.indexOf(failed.id) < all.text.indexOf(invoiced.id), 'newest first');
    const onlyFailed = await c.get('/dashboard/payments?status=failed');
    assert.match(onlyFailed.text, new RegExp(failed.id));
    assert.doesNotMatch(onlyFailed.text, new RegExp(invoiced.id));
    assert.match(onlyFailed.text, /<option value="failed" selected>Con error<\/option>/);
    const byRfc = await c.get('/dashboard/payments?q=cosc8001137na');
    assert.match(byRfc.text, new RegExp(invoiced.id));
    assert.match(byRfc.text, new RegExp(failed.id));
    assert.doesNotMatch(byRfc.text, new RegExp(awaiting.id));
    const byName = await c.get('/dashboard/payments?q=Mar%C3%ADa');
    assert.match(byName.text, new RegExp(awaiting.id));
    assert.doesNotMatch(byName.text, new RegExp(invoiced.id));
    const invoice = await h.store.invoices.get(a.merchantId, invoiced.invoiceId!);
    const byUuid = await c.get(`/dashboard/payments?q=${invoice?.uuid?.toLowerCase()}`);
    assert.match(byUuid.text, new RegExp(invoiced.id));
    assert.doesNotMatch(byUuid.text, new RegExp(failed.id));
    const future = await c.get('/dashboard/payments?from=2099-01-01');
    assert.match(future.text, /Nada por aquí/);
    const past = await c.get('/dashboard/payments?to=2020-01-01&status=invoiced');
    assert.match(past.text, /Nada por aquí/);
    assert.match(past.text, /Quitar filtros/);
  });

  it('pages through payments with a cursor', async () => {
    for (let i = 0; i < 24; i++) {
      const { receiptId: _, ...copy } = awaiting;
      const paidAt = new Date(Date.parse(awaiting.paidAt) - (i + 1) * 60_000).toISOString();
      await h.store.payments.createIfAbsent({
        ...copy,
        id: `pay_page${String(i).padStart(3, '0')}`,
        externalId: `page-${i}`,
        paidAt,
      });
    }
    const first = await c.get('/dashboard/payments');
    const next = /class="pager"[^>]*><a class="button button--ghost" href="([^"]+)"/
      .exec(first.text)?.[1]
      ?.replaceAll('&amp;', '&');
    assert.ok(next, 'a next page link');
    const second = await c.get(next);
    const ids = (text: string) =>
      new Set([...text.matchAll(/\/dashboard\/payments\/(pay_\w+)"/g)].map((m) => m[1]));
    const one = ids(first.text);
    const two = ids(second.text);
    assert.equal(one.size, 25);
    assert.ok(two.size >= 3);
    for (const id of two) assert.ok(!one.has(id), `${id} on both pages`);
  });

  it('lists invoices and receipts with their filters', async () => {
    const invoice = await h.store.invoices.get(a.merchantId, invoiced.invoiceId!);
    const invoices = await c.get('/dashboard/invoices?status=stamped');
    assert.match(invoices.text, new RegExp(`${invoice?.series}-${invoice?.folio}`));
    assert.match(invoices.text, /CARLOS CORTES SOTO/);
    assert.match(invoices.text, new RegExp(`/dashboard/invoices/${invoice?.id}/xml`));
    const rejected = await c.get('/dashboard/invoices?status=failed');
    assert.doesNotMatch(rejected.text, new RegExp(`/dashboard/invoices/${invoice?.id}/`));
    const byFolio = await c.get(`/dashboard/invoices?q=${invoice?.series}${invoice?.folio}`);
    assert.match(byFolio.text, new RegExp(`${invoice?.series}-${invoice?.folio}`));
    const receipt = await h.store.receipts.findByPayment(a.merchantId, awaiting.id);
    const receipts = await c.get('/dashboard/receipts?status=open');
    assert.match(receipts.text, new RegExp(receipt!.ticket));
    assert.match(receipts.text, /Abierto/);
    const byTicket = await c.get(`/dashboard/receipts?q=${receipt!.ticket}`);
    assert.match(byTicket.text, new RegExp(`/dashboard/payments/${awaiting.id}"`));
    const none = await c.get('/dashboard/receipts?status=expired');
    assert.match(none.text, /Nada por aquí/);
  });

  it("shows a payment's documents and its whole event log, newest first", async () => {
    const page = await c.get(`/dashboard/payments/${invoiced.id}`);
    assert.equal(page.status, 200);
    const invoice = await h.store.invoices.get(a.merchantId, invoiced.invoiceId!);
    assert.match(page.text, new RegExp(`UUID ${invoice?.uuid}`));
    assert.match(page.text, /\$1,160\.00 MXN/);
    assert.match(page.text, /Tarjeta de crédito/);
    const { events } = (await h.af.getPayment(a.merchantId, invoiced.id))!;
    assert.ok(events.length >= 4);
    const shown = [...page.text.matchAll(/<span class="mono">([a-z_]+\.[a-z_]+)<\/span><\/span>/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(shown, events.map((e) => e.type).reverse(), 'every event, newest first');
    assert.match(page.text, /Pago recibido/);
    assert.match(page.text, /Factura timbrada por el PAC/);
    const receiptPage = await c.get(`/dashboard/payments/${awaiting.id}`);
    assert.match(receiptPage.text, /Espera al cliente/);
    assert.match(
      receiptPage.text,
      /id="receipt-link"[^>]*value="http:\/\/127\.0\.0\.1:\d+\/[a-z0-9-]+\/r\/[A-Za-z0-9_-]{22,}"/,
      'the link to send again',
    );
  });

  it('retries a failed invoice from its page', async () => {
    const page = await c.get(`/dashboard/payments/${failed.id}`);
    assert.match(page.text, /No se pudo facturar:/);
    assert.match(page.text, /CFDI40161/);
    assert.match(page.text, new RegExp(`action="/dashboard/payments/${failed.id}/retry"`));
    const retried = await c.post(`/dashboard/payments/${failed.id}/retry`);
    assert.equal(retried.status, 303);
    assert.equal(retried.location, `/dashboard/payments/${failed.id}?done=retried`);
    const done = await h.settle(a.merchantId, failed.id, ['invoiced']);
    assert.ok(done.invoiceId);
    const after = await c.get(retried.location!);
    assert.match(after.text, /volvimos a intentar la factura/);
    assert.match(after.text, /Reintento pedido desde el panel/);
    assert.doesNotMatch(after.text, /\/retry"/, 'no retry button once invoiced');
    const again = await c.post(`/dashboard/payments/${failed.id}/retry`);
    assert.equal(again.status, 409, 'only failed payments are retried');
  });

  it('downloads the XML and PDF of an invoice', async () => {
    const invoice = (await h.store.invoices.get(a.merchantId, invoiced.invoiceId!))!;
    const xml = await c.get(`/dashboard/invoices/${invoice.id}/xml`);
    assert.equal(xml.status, 200);
    assert.match(String(xml.headers['content-type']), /application\/xml/);
    assert.match(
      String(xml.headers['content-disposition']),
      new RegExp(
        `attachment; filename="EKU9003173C9_${invoice.series}${invoice.folio}_${invoice.uuid}\\.xml"`,
      ),
    );
    assert.match(xml.text, new RegExp(`UUID="${invoice.uuid}"`));
    const pdf = await c.get(`/dashboard/invoices/${invoice.id}/pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  });

  it('sends the invoice email again', async () => {
    const invoice = (await h.store.invoices.get(a.merchantId, invoiced.invoiceId!))!;
    const sent = async () =>
      (await h.af.getPayment(a.merchantId, invoiced.id))!.events.filter((e) => e.type === 'email.sent')
        .length;
    const before = await sent();
    await c.get(`/dashboard/payments/${invoiced.id}`);
    const answer = await c.post(`/dashboard/invoices/${invoice.id}/email`);
    assert.equal(answer.status, 303);
    assert.equal(answer.location, `/dashboard/payments/${invoiced.id}?done=emailed`);
    const until = Date.now() + 15_000;
    while ((await sent()) === before && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await sent(), before + 1);
    assert.match((await c.get(answer.location!)).text, /Enviamos la factura de nuevo por correo/);
  });

  it('cancels an invoice with a SAT motive, refusing motive 01 without the replacing UUID', async () => {
    const invoice = (await h.store.invoices.get(a.merchantId, invoiced.invoiceId!))!;
    const page = await c.get(`/dashboard/payments/${invoiced.id}`);
    assert.match(page.text, /data-confirm="¿Cancelar esta factura ante el SAT\?/);
    const noMotive = await c.post(`/dashboard/invoices/${invoice.id}/cancel`, { motive: '09' });
    assert.equal(noMotive.status, 422);
    await c.get(`/dashboard/payments/${invoiced.id}`);
    const noUuid = await c.post(`/dashboard/invoices/${invoice.id}/cancel`, {
      motive: '01',
      replacementUuid: 'no-es-uuid',
    });
    assert.equal(noUuid.status, 422);
    assert.match(noUuid.text, /Con el motivo 01 escribe el UUID/);
    assert.equal(
      (await h.store.invoices.get(a.merchantId, invoice.id))?.status,
      'stamped',
      'nothing asked yet',
    );
    await c.get(`/dashboard/payments/${invoiced.id}`);
    const answer = await c.post(`/dashboard/invoices/${invoice.id}/cancel`, {
      motive: '02',
      replacementUuid: '',
    });
    assert.equal(answer.status, 303);
    assert.equal(answer.location, `/dashboard/payments/${invoiced.id}?done=cancel_requested`);
    const after = await c.get(answer.location!);
    assert.match(after.text, /Pedimos la cancelación al SAT/);
    assert.match(after.text, /Cancelación solicitada/);
    const status = (await h.store.invoices.get(a.merchantId, invoice.id))?.status;
    assert.ok(['cancellation_pending', 'cancelled'].includes(status!), status);
    assert.equal((await h.store.invoices.get(a.merchantId, invoice.id))?.cancellation?.motive, '02');
  });

  it("answers another merchant's ids with 404 and touches nothing", async () => {
    const theirs = (await h.store.invoices.get(b.merchantId, other.invoiceId!))!;
    await c.get('/dashboard');
    const attempts = [
      await c.get(`/dashboard/payments/${other.id}`),
      await c.get(`/dashboard/invoices/${theirs.id}/xml`),
      await c.get(`/dashboard/invoices/${theirs.id}/pdf`),
      await c.post(`/dashboard/invoices/${theirs.id}/cancel`, { motive: '02' }),
      await c.post(`/dashboard/invoices/${theirs.id}/email`),
      await c.post(`/dashboard/payments/${other.id}/retry`),
    ];
    for (const page of attempts) {
      assert.equal(page.status, 404);
      assert.doesNotMatch(page.text, /Taller Beto|500\.00/);
    }
    assert.equal((await h.store.invoices.get(b.merchantId, theirs.id))?.status, 'stamped');
    const search = await c.get(`/dashboard/payments?q=${other.id}`);
    assert.doesNotMatch(search.text, new RegExp(`/dashboard/payments/${other.id}`));
  });

  it('renders an XSS attempt in a customer name and metadata as text', async () => {
    for (const path of ['/dashboard/payments?q=x%40example.com', `/dashboard/payments/${xss.id}`]) {
      const page = await c.get(path);
      assert.ok(
        page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;'),
        path,
      );
      assert.doesNotMatch(page.text, /<script>alert|<img src=x/);
    }
  });

  it('shows the pages in English with ?lang=en', async () => {
    const page = await c.get(`/dashboard/payments/${invoiced.id}?lang=en`);
    assert.match(page.text, /<html lang="en">/);
    assert.match(page.text, /Payment received/);
    assert.match(page.text, /Credit card/);
    const failure = await c.get(`/dashboard/payments/${failed.id}`);
    assert.match(failure.text, /The PAC rejected the CFDI \(CFDI40161\)/, "the event's message in English");
    const list = await c.get('/dashboard/payments');
    assert.match(list.text, /Every payment you receive/, 'remembered');
    await c.get('/dashboard?lang=es');
  });
});
