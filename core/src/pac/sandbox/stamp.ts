/**
 * Stamping in the sandbox: idempotent first (the same sealed XML, or the same Sello, returns the timbre
 * it already got, with `duplicate: true`, even after the Fecha left the 72-hour window), then every check
 * a PAC makes (./stamp-checks.ts), then a TimbreFiscalDigital 1.1 inserted into the untouched bytes.
 */
import { randomUUID } from 'node:crypto';
import type { Catalogs } from '../../catalogs/types.js';
import { verifyCfdi } from '../../cfdi/verify/verify-cfdi.js';
import { isAutofacturaError } from '../../errors.js';
import { parseXml } from '../../xml/parse.js';
import { firstChild, NS, type XmlElement } from '../../xml/tree.js';
import type { StampResult } from '../port.js';
import { mexicoCityTime } from './fecha-window.js';
import { insertTimbre } from './insert-timbre.js';
import { sandboxCredential } from './sandbox-credential.js';
import { rejected } from './sandbox-errors.js';
import { type SandboxStore, sha256Hex } from './sandbox-store.js';
import { checkForStamping } from './stamp-checks.js';
import { stampRecord } from './stamp-record.js';
import { timbreXml } from './timbre.js';

export interface StampContext {
  dataDir: string;
  store: SandboxStore;
  now: () => Date;
  catalogs: () => Catalogs;
}

function parseSealed(xml: string): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (!isAutofacturaError(error)) throw error;
    throw rejected('301', error.message, error.messageEn ?? error.message);
  }
  if (root.ns !== NS.cfdi || root.local !== 'Comprobante' || root.attrs.Version !== '4.0') {
    throw rejected(
      '301',
      `El documento no es un CFDI 4.0: la raíz debe ser cfdi:Comprobante (${NS.cfdi}) con Version="4.0" y es ${root.name}.`,
      `The document is not a CFDI 4.0: the root must be cfdi:Comprobante (${NS.cfdi}) with Version="4.0", not ${root.name}.`,
    );
  }
  return root;
}

function timbreIn(root: XmlElement): XmlElement | undefined {
  for (const child of root.children) {
    if (child.ns !== NS.cfdi || child.local !== 'Complemento') continue;
    const tfd = firstChild(child, NS.tfd, 'TimbreFiscalDigital');
    if (tfd !== undefined) return tfd;
  }
  return undefined;
}

async function earlier(ctx: StampContext, uuid: string): Promise<StampResult | undefined> {
  const [record, xml] = await Promise.all([ctx.store.readRecord(uuid), ctx.store.readXml(uuid)]);
  if (record === undefined || xml === undefined) return undefined;
  return { uuid: record.uuid, stampedAt: record.fechaTimbrado, xml, duplicate: true };
}

/** A document that already carries a timbre: ours for this very Sello, or someone else's (307). */
async function alreadyStamped(ctx: StampContext, root: XmlElement, tfd: XmlElement): Promise<StampResult> {
  const uuid = (tfd.attrs.UUID ?? '').toUpperCase();
  const ours = await earlier(ctx, uuid);
  if (ours !== undefined && tfd.attrs.SelloCFD === root.attrs.Sello) return ours;
  throw rejected(
    '307',
    `El comprobante ya contiene un Timbre Fiscal Digital (UUID ${uuid || 'sin UUID'}) que este PAC no emitió. Un CFDI se timbra una sola vez: envía el XML sellado sin el timbre, o consulta el timbre con el PAC que lo emitió.`,
    `The invoice already holds a TimbreFiscalDigital (UUID ${uuid || 'none'}) this PAC did not issue. A CFDI is stamped once: send the sealed XML without the stamp, or ask the PAC that issued it.`,
  );
}

export async function stampCfdi(ctx: StampContext, sealedXml: string): Promise<StampResult> {
  const xmlDigest = sha256Hex(sealedXml);
  const byXml = await ctx.store.findByXml(xmlDigest);
  const repeated = byXml === undefined ? undefined : await earlier(ctx, byXml);
  if (repeated !== undefined) return repeated;

  const root = parseSealed(sealedXml);
  const previous = timbreIn(root);
  if (previous !== undefined) return alreadyStamped(ctx, root, previous);
  const sello = root.attrs.Sello ?? '';
  const selloDigest = sha256Hex(sello);
  if (sello !== '') {
    const bySello = await ctx.store.findBySello(selloDigest);
    const same = bySello === undefined ? undefined : await earlier(ctx, bySello);
    if (same !== undefined) {
      await ctx.store.rememberXml(xmlDigest, same.uuid);
      return same;
    }
  }

  const now = ctx.now();
  const comprobante = await checkForStamping(sealedXml, root, now, ctx.catalogs());
  // Claim the Sello first (the commit point), then write: a crash in between is completed by the next
  // stamp of the same document with the same UUID and FechaTimbrado (SelloSAT is deterministic).
  const mine = randomUUID().toUpperCase();
  const uuid = await ctx.store.claimSello(selloDigest, mine);
  const done = await earlier(ctx, uuid);
  if (done !== undefined) {
    await ctx.store.rememberXml(xmlDigest, uuid);
    return done;
  }
  const record = await ctx.store.claimRecord(
    stampRecord(comprobante, { uuid, fechaTimbrado: mexicoCityTime(now), stampedAt: now }),
  );
  const fechaTimbrado = record.fechaTimbrado;
  const credential = sandboxCredential(ctx.dataDir, now);
  const timbre = timbreXml({ uuid, fechaTimbrado, selloCfd: sello, credential });
  const prefix = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':') + 1) : '';
  const xml = insertTimbre(sealedXml, prefix, timbre);

  // The document as returned must verify with this PAC's certificate; anything else is a bug here.
  const own = { find: (n: string) => (n === credential.noCertificado ? credential.certificate : undefined) };
  const check = verifyCfdi(xml, { pacCertificates: own });
  if (!check.ok || check.tfd?.selloSat !== 'valid') {
    throw new Error(`Sandbox produced a timbre that does not verify: ${JSON.stringify(check.problems)}`);
  }
  await ctx.store.completeStamp(record, xml, xmlDigest);
  // Another stamp of this Sello (a concurrent one, or one a crash interrupted) claimed it first.
  return { uuid, stampedAt: fechaTimbrado, xml, duplicate: uuid !== mine };
}
