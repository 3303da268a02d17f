/**
 * Helpers for the factura global tests: November 2026 sales recorded as backfills (today is later), read
 * back from the stamped XML with a parser of the test's own (not the engine's), checked by SAT's XSD.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Invoice, Payment, PaymentItem } from '../../../core/src/store/types.js';
import { satSchemaTree } from '../../support/oracles.js';
import { type Harness, nextId } from '../automation/harness.js';

const run = promisify(execFile);

export const DAY = 86_400_000;

/** Mexico City is UTC-6 all year: local wall time "2026-11-30T23:59:59" -> the UTC instant. */
export const local = (wall: string) => new Date(`${wall}-06:00`).toISOString();

/** Last month (Mexico City, UTC-6) as 'YYYY-MM', and a local wall time on one of its days, as UTC. */
export function lastMonth(): { key: string; at(day: number, hour: number): string } {
  const now = new Date(Date.now() - 6 * 3_600_000);
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const key = first.toISOString().slice(0, 7);
  const two = (n: number) => String(n).padStart(2, '0');
  return { key, at: (day, hour) => new Date(`${key}-${two(day)}T${two(hour)}:00:00-06:00`).toISOString() };
}

export const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** A sale without fiscal data: a receipt with a self-invoice link. */
export async function sale(
  h: Harness,
  merchantId: string,
  amount: string,
  paidAt: string,
  extra: { items?: PaymentItem[]; mode?: 'test' | 'live'; method?: Payment['method']; email?: string } = {},
) {
  const result = await h.af.recordPayment(merchantId, {
    source: 'api',
    externalId: nextId('sale'),
    amount,
    paidAt,
    method: extra.method ?? 'cash',
    ...(extra.mode ? { mode: extra.mode } : {}),
    ...(extra.items ? { items: extra.items } : {}),
    customer: { email: extra.email ?? `cliente-${nextId('c')}@example.com` },
  });
  if (!result.receipt) throw new Error(`no receipt for ${amount}: ${result.payment.status}`);
  return { payment: result.payment, receipt: result.receipt, token: tokenOf(result.receipt.url) };
}

export interface XmlConcepto {
  noIdentificacion: string;
  claveProdServ: string;
  claveUnidad: string;
  descripcion: string;
  cantidad: string;
  importe: string;
  descuento: string;
  traslados: { impuesto: string; tipoFactor: string; tasa?: string; base: string; importe?: string }[];
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The test's own reading of a CFDI: root attributes, Receptor, InformacionGlobal, Conceptos. */
export function readCfdi(xml: string) {
  const root = /<cfdi:Comprobante\b[^>]*>/.exec(xml)![0];
  const receptor = /<cfdi:Receptor\b[^>]*>/.exec(xml)![0];
  const global = /<cfdi:InformacionGlobal\b[^>]*>/.exec(xml)?.[0];
  const related = [...xml.matchAll(/<cfdi:CfdiRelacionados\b[^>]*>([\s\S]*?)<\/cfdi:CfdiRelacionados>/g)].map(
    (m) => ({
      tipo: attr(m[0], 'TipoRelacion'),
      uuids: [...m[1]!.matchAll(/UUID="([^"]+)"/g)].map((u) => u[1]!),
    }),
  );
  const conceptos: XmlConcepto[] = [
    ...xml.matchAll(/<cfdi:Concepto\b[^>]*?(?:\/>|>([\s\S]*?)<\/cfdi:Concepto>)/g),
  ].map((m) => {
    const open = /<cfdi:Concepto\b[^>]*>/.exec(m[0])![0];
    return {
      noIdentificacion: attr(open, 'NoIdentificacion') ?? '',
      claveProdServ: attr(open, 'ClaveProdServ') ?? '',
      claveUnidad: attr(open, 'ClaveUnidad') ?? '',
      descripcion: attr(open, 'Descripcion') ?? '',
      cantidad: attr(open, 'Cantidad') ?? '',
      importe: attr(open, 'Importe') ?? '',
      descuento: attr(open, 'Descuento') ?? '0',
      traslados: [...(m[1] ?? '').matchAll(/<cfdi:Traslado\b[^>]*>/g)].map((t) => ({
        impuesto: attr(t[0], 'Impuesto')!,
        tipoFactor: attr(t[0], 'TipoFactor')!,
        ...(attr(t[0], 'TasaOCuota') ? { tasa: attr(t[0], 'TasaOCuota')! } : {}),
        base: attr(t[0], 'Base')!,
        ...(attr(t[0], 'Importe') ? { importe: attr(t[0], 'Importe')! } : {}),
      })),
    };
  });
  return {
    attrs: (name: string) => attr(root, name),
    receptor: (name: string) => attr(receptor, name),
    global: global ? (name: string) => attr(global, name) : undefined,
    related,
    conceptos,
  };
}

/** Cents of a decimal string, exactly (the test's own arithmetic, not the engine's). */
export function cents(value: string): bigint {
  const [whole, fraction = ''] = value.split('.');
  const padded = `${fraction}00`.slice(0, 2);
  const rest = fraction.slice(2);
  if (/[1-9]/.test(rest)) throw new Error(`${value} has more than 2 decimals that matter`);
  return BigInt(whole!) * 100n + BigInt(padded) * (whole!.startsWith('-') ? -1n : 1n);
}

/** What a ticket charges in the global: Σ (Importe - Descuento + traslados) of its Conceptos, in cents. */
export function ticketTotals(conceptos: XmlConcepto[]): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const c of conceptos) {
    const taxes = c.traslados.reduce((sum, t) => sum + (t.importe ? cents(t.importe) : 0n), 0n);
    const amount = cents(c.importe) - cents(c.descuento) + taxes;
    totals.set(c.noIdentificacion, (totals.get(c.noIdentificacion) ?? 0n) + amount);
  }
  return totals;
}

/**
 * xmllint with SAT's cfdv40.xsd and TimbreFiscalDigitalv11.xsd (the stamped CFDI's complement) over the
 * given documents; throws with its messages when any fails.
 */
export async function assertXsdValid(xmls: Buffer[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-global-xsd-'));
  try {
    const cfd = await satSchemaTree();
    const schema = join(dir, 'cfdi-tfd.xsd');
    await writeFile(
      schema,
      `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.sat.gob.mx/cfd/4" schemaLocation="${join(cfd, '4/cfdv40.xsd')}"/>
  <xs:import namespace="http://www.sat.gob.mx/TimbreFiscalDigital" schemaLocation="${join(cfd, 'TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd')}"/>
</xs:schema>`,
    );
    const files = await Promise.all(
      xmls.map(async (xml, i) => {
        const file = join(dir, `cfdi-${i}.xml`);
        await writeFile(file, xml);
        return file;
      }),
    );
    const result = await run('xmllint', ['--noout', '--schema', schema, ...files], {
      maxBuffer: 256 * 1024 * 1024,
    }).catch((error: { stderr: string }) => ({ stderr: error.stderr }));
    const bad = result.stderr.split('\n').filter((line) => line.trim() && !line.endsWith(' validates'));
    const ok = result.stderr.split('\n').filter((line) => line.endsWith(' validates'));
    if (bad.length > 0 || ok.length !== files.length) throw new Error(bad.join('\n') || result.stderr);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function globalsOf(h: Harness, merchantId: string): Promise<Invoice[]> {
  return (await h.store.invoices.list(merchantId, { kind: 'global', limit: 500 })).items;
}
