/**
 * The parts every real-server harness shares (test/portal, test/connectors): an HTTP server listening on
 * 127.0.0.1 before the app exists (so the app can know its own URL), a merchant from SAT's test CSD
 * EKU9003173C9, a CFDI verifier that knows the sandbox PAC's certificates, working jobs until something
 * holds, a stamped CFDI checked against SAT's XSD, and a merchant's record counts.
 */
import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Autofactura, CreatedMerchant, CreateMerchantInput } from '../../core/src/automation/types.js';
import { pacCertificatesFrom, sandboxPacCertsDir } from '../../core/src/cfdi/verify/pac-certificates.js';
import { verifyCfdi } from '../../core/src/cfdi/verify/verify-cfdi.js';
import { comprobanteFromTree } from '../../core/src/cfdi/xml/from-tree.js';
import type { Store } from '../../core/src/store/types.js';
import { parseXml } from '../../core/src/xml/parse.js';
import { EKU, xmllintInvalid } from './oracles.js';

/** An HTTP server on a free port of 127.0.0.1 with no handler yet: `server.on('request', app.callback())`. */
export async function listeningServer(): Promise<{ server: Server; url: string }> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let eku: Promise<[Buffer, Buffer]> | undefined;

/** A merchant from EKU9003173C9 (persona moral, régimen 601, CP 42501); `input` adds or overrides. */
export async function ekuMerchant(
  af: Autofactura,
  input: Partial<Omit<CreateMerchantInput, 'certificate' | 'privateKey' | 'password'>> = {},
): Promise<CreatedMerchant> {
  eku ??= Promise.all([readFile(EKU.cer), readFile(EKU.key)]);
  const [certificate, privateKey] = await eku;
  return af.createMerchant({
    certificate,
    privateKey,
    password: EKU.password,
    regime: '601',
    zip: '42501',
    ...input,
  });
}

/** Verifies a CFDI's Sello and, with the sandbox PAC of `pacDir`, its SelloSAT. */
export function sandboxVerifier(pacDir: string): (xml: Buffer | string) => ReturnType<typeof verifyCfdi> {
  const certs = pacCertificatesFrom([sandboxPacCertsDir(pacDir)]);
  return (xml) => verifyCfdi(xml, { pacCertificates: certs });
}

/** A logger that keeps each line in `logs` (errors with their fields), for tests that read the log. */
export function capturingLogger() {
  const logs: string[] = [];
  const logger = {
    info: (m: string) => logs.push(m),
    warn: (m: string) => logs.push(m),
    error: (m: string, f?: Record<string, unknown>) => logs.push(`${m} ${JSON.stringify(f)}`),
  };
  return { logs, logger };
}

let paymentSequence = 0;

/** POST /v1/payments with a fresh Idempotency-Key, as an integration would; the answer's status and JSON. */
export async function postPayment<T>(
  url: string,
  apiKey: string,
  body: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(`${url}/v1/payments`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': `test-${Date.now()}-${++paymentSequence}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}

/** Works jobs (as the server's worker would) until `done` holds, or fails after a few seconds. */
export async function settleJobs(af: Autofactura, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await af.workJobs();
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  assert.fail('the jobs did not settle');
}

/**
 * An invoice's stamped CFDI, checked: its sealed XML against SAT's cfdv40.xsd (the schema has no
 * declaration of the PAC's TimbreFiscalDigital), its Sello and SelloSAT; parsed. `dir` holds the file
 * xmllint reads.
 */
export async function checkedCfdi(
  parts: { af: Autofactura; store: Store; dir: string; verify: ReturnType<typeof sandboxVerifier> },
  merchantId: string,
  invoiceId: string,
): Promise<ReturnType<typeof comprobanteFromTree>> {
  const xml = await parts.af.invoiceXml(merchantId, invoiceId);
  assert.ok(xml, `invoice ${invoiceId} has its XML`);
  const invoice = (await parts.store.invoices.get(merchantId, invoiceId))!;
  const file = join(parts.dir, `${invoiceId}.xml`);
  await writeFile(file, (await parts.store.blobs.get(invoice.blobs.sealedXml))!);
  assert.deepEqual([...(await xmllintInvalid([file])).values()], [], 'the CFDI validates against cfdv40.xsd');
  const verified = parts.verify(xml);
  assert.equal(verified.ok, true, JSON.stringify(verified.problems));
  return comprobanteFromTree(parseXml(xml));
}

/** A merchant's record counts, not counting the gateways' delivery log (nothing-stored checks). */
export async function recordCounts(
  store: Store,
  merchantId: string,
): Promise<{ payments: number; customers: number; events: number; jobs: number }> {
  const events = await store.events.list(merchantId, { limit: 1000 });
  return {
    payments: (await store.payments.list(merchantId, { limit: 1000 })).items.length,
    customers: (await store.customers.list(merchantId, { limit: 1000 })).items.length,
    events: events.filter((event) => event.type !== 'webhook.delivery').length,
    jobs: (await store.jobs.list(merchantId, { limit: 1000 })).length,
  };
}
