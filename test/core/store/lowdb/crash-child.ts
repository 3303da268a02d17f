/**
 * A process that writes to a lowdb store in a loop until it is SIGKILLed (lowdb.test.ts). After each
 * write resolves it prints one line saying what is now durable:
 *
 *   payment <externalId> <id>     invoice <folio> <id>     event <seq>
 *   folio <n>                     blob <key>               claimed <jobId>
 *
 * argv: dataDir merchantId round
 */
import { openLowdbStore } from '../../../../core/src/store/lowdb/index.js';
import { invoice, payment } from '../contract/fixtures.js';

const [dataDir, merchantId, round] = process.argv.slice(2) as [string, string, string];
const say = (line: string) => process.stdout.write(`${line}\n`);

const store = await openLowdbStore({ dataDir });
say('ready');
for (let i = 0; ; i++) {
  const externalId = `ch_${round}_${i}`;
  const { payment: paid } = await store.payments.createIfAbsent(payment(merchantId, { externalId }));
  say(`payment ${externalId} ${paid.id}`);
  const folio = await store.folios.allocate(merchantId, 'A');
  say(`folio ${folio}`);
  const issued = await store.invoices.create(invoice(merchantId, folio, { paymentIds: [paid.id] }));
  say(`invoice ${folio} ${issued.id}`);
  const event = await store.events.append({
    merchantId,
    paymentId: paid.id,
    type: 'payment.received',
    data: { i },
  });
  say(`event ${event.seq}`);
  const key = `${merchantId}/invoices/${issued.id}.xml`;
  await store.blobs.put(key, Buffer.from(`<xml folio="${folio}"/>`), 'application/xml');
  say(`blob ${key}`);
  await store.jobs.enqueue({ merchantId, type: 'crash_test', dedupeKey: externalId, payload: { i } });
  const claimed = await store.jobs.claim({
    now: new Date().toISOString(),
    workerId: `child-${round}`,
    leaseMs: 60_000,
    limit: 1,
    types: ['crash_test'],
  });
  for (const job of claimed) say(`claimed ${job.id}`);
}
