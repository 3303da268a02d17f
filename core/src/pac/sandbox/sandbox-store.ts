/**
 * The sandbox's state on disk, under `<dataDir>/pac-sandbox/`, one small file per fact so that nothing
 * is rewritten as it grows and every write is atomic (./files.ts):
 *
 *   cfdi/<UUID>.xml            the stamped CFDI as returned
 *   cfdi/<UUID>.json           its StampRecord (cancellation state included)
 *   index/sello/<sha256>       UUID stamped for a Sello: the same sealed content never gets two UUIDs
 *   index/xml/<sha256>         UUID stamped for these exact XML bytes (fast path for a retry)
 *   refs/<UUID>/<UUID2>        CFDI UUID2 points at UUID (file content: TipoRelacion or 'pago')
 *
 * A new stamp claims index/sello with an exclusive link: of two processes stamping the same XML at once,
 * one wins and the other returns the winner's timbre.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { claimFile, readIfExists, writeFileAtomic } from './files.js';
import { outgoingReferences, type StampRecord } from './stamp-record.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

export class SandboxStore {
  readonly #root: string;
  #ready: Promise<void> | undefined;

  constructor(dataDir: string) {
    this.#root = join(resolve(dataDir), 'pac-sandbox');
  }

  #path(...parts: string[]): string {
    return join(this.#root, ...parts);
  }

  #prepare(): Promise<void> {
    this.#ready ??= (async () => {
      for (const dir of ['cfdi', 'index/sello', 'index/xml', 'refs']) {
        await mkdir(this.#path(dir), { recursive: true });
      }
    })();
    return this.#ready;
  }

  async #lookup(kind: 'sello' | 'xml', digest: string): Promise<string | undefined> {
    const uuid = (await readIfExists(this.#path('index', kind, digest)))?.trim();
    return uuid && UUID.test(uuid) ? uuid : undefined;
  }

  findByXml(xmlDigest: string): Promise<string | undefined> {
    return this.#lookup('xml', xmlDigest);
  }

  findBySello(selloDigest: string): Promise<string | undefined> {
    return this.#lookup('sello', selloDigest);
  }

  async rememberXml(xmlDigest: string, uuid: string): Promise<void> {
    await this.#prepare();
    await claimFile(this.#path('index', 'xml', xmlDigest), uuid);
  }

  async readRecord(uuid: string): Promise<StampRecord | undefined> {
    const normalized = uuid.trim().toUpperCase();
    if (!UUID.test(normalized)) return undefined;
    const json = await readIfExists(this.#path('cfdi', `${normalized}.json`));
    return json === undefined ? undefined : (JSON.parse(json) as StampRecord);
  }

  async readXml(uuid: string): Promise<string | undefined> {
    return readIfExists(this.#path('cfdi', `${uuid.toUpperCase()}.xml`));
  }

  async writeRecord(record: StampRecord): Promise<void> {
    await writeFileAtomic(this.#path('cfdi', `${record.uuid}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }

  /**
   * The commit point of a stamp: claims the Sello for `uuid` unless an earlier stamp holds it, and
   * returns the holder's UUID. Files are written only after this, so a crash anywhere leaves either
   * nothing or a claimed UUID whose files the next stamp of the same Sello completes — never a CFDI
   * on disk that no index knows.
   */
  async claimSello(selloDigest: string, uuid: string): Promise<string> {
    await this.#prepare();
    if (await claimFile(this.#path('index', 'sello', selloDigest), uuid)) return uuid;
    const holder = await this.findBySello(selloDigest);
    if (holder === undefined) throw new Error(`Sandbox index for sello ${selloDigest} is unreadable`);
    return holder;
  }

  /** Writes the record of a new stamp unless one exists for its UUID; returns the stored record. */
  async claimRecord(record: StampRecord): Promise<StampRecord> {
    await this.#prepare();
    const path = this.#path('cfdi', `${record.uuid}.json`);
    if (await claimFile(path, `${JSON.stringify(record, null, 2)}\n`)) return record;
    const stored = await this.readRecord(record.uuid);
    if (stored === undefined) throw new Error(`Sandbox record ${record.uuid} is unreadable`);
    return stored;
  }

  /** The stamped XML and the references it makes (both idempotent), after claimRecord. */
  async completeStamp(record: StampRecord, xml: string, xmlDigest: string): Promise<void> {
    await writeFileAtomic(this.#path('cfdi', `${record.uuid}.xml`), xml);
    await this.rememberXml(xmlDigest, record.uuid);
    for (const { uuid, kind } of outgoingReferences(record)) {
      if (!UUID.test(uuid)) continue;
      await mkdir(this.#path('refs', uuid), { recursive: true });
      await writeFileAtomic(this.#path('refs', uuid, record.uuid), kind);
    }
  }

  /** The CFDI that point at `uuid` (relations and payments), with how they point. */
  async referencesTo(uuid: string): Promise<{ uuid: string; kind: string }[]> {
    let sources: string[];
    try {
      sources = (await readdir(this.#path('refs', uuid.toUpperCase()))).filter((name) => UUID.test(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const references: { uuid: string; kind: string }[] = [];
    for (const source of sources) {
      const kind = await readIfExists(this.#path('refs', uuid.toUpperCase(), source));
      if (kind !== undefined) references.push({ uuid: source, kind: kind.trim() });
    }
    return references;
  }
}
