/**
 * What the fake Finkok and fake SW share: a PAC's checks of a sealed CFDI (XML, Sello with core's
 * verifyCfdi, certificate of the issuer, CSD valid at Fecha, optionally Fecha within 72 hours of its
 * clock), a real TimbreFiscalDigital 1.1 signed with a key and certificate made here with openssl (not a
 * SAT certificate: tests trust it through `pacCertificates`), the stamps and cancellations it keeps, and a
 * loopback HTTP server whose behaviour can be switched per request (`mode`, `failNext`).
 *
 * Tests only. It imitates shared/reference/pac-contracts.md; it is not a PAC.
 */
import { execFile } from 'node:child_process';
import { createPrivateKey, type KeyObject, randomUUID, sign, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Decimal } from 'decimal.js';
import { cadenaTfd } from '../../../core/src/cfdi/cadena/index.js';
import { localDateTime } from '../../../core/src/cfdi/compute/fecha.js';
import type { PacCertificates } from '../../../core/src/cfdi/verify/index.js';
import { verifyCfdi } from '../../../core/src/cfdi/verify/index.js';
import { readCertificate } from '../../../core/src/fiscal/csd/index.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { serializeXml } from '../../../core/src/xml/serialize.js';
import { element, NS, type XmlElement } from '../../../core/src/xml/tree.js';

const run = promisify(execFile);

export const TFD_SCHEMA_LOCATION =
  'http://www.sat.gob.mx/TimbreFiscalDigital http://www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd';

export interface Rejection {
  code: string;
  message: string;
}

export interface StampRecord {
  uuid: string;
  fechaTimbrado: string;
  sello: string;
  /** The serialized tfd:TimbreFiscalDigital. */
  tfd: string;
  selloSat: string;
  /** The sealed XML with the timbre inside. */
  xml: string;
  emisorRfc: string;
  receptorRfc: string;
  total: string;
  cancellation?: { status: string; motive: string; replacement: string };
}

export interface FakeStamperOptions {
  /** NoCertificado of the fake's own certificate (20 digits). */
  noCertificado: string;
  rfcProvCertif: string;
  /** When given, Fecha must be within 72 hours before this clock and not after it (401). */
  clock?: () => Date;
}

/** Mexico City has been UTC-6 all year since 2022: a CFDI Fecha from LugarExpedicion 06600 is read so. */
function fechaInstant(fecha: string): Date {
  return new Date(`${fecha}-06:00`);
}

export class FakeStamper {
  readonly noCertificado: string;
  readonly certificate: X509Certificate;
  readonly pacCertificates: PacCertificates;
  readonly #key: KeyObject;
  readonly #options: FakeStamperOptions;
  readonly #bySello = new Map<string, StampRecord>();
  readonly #byUuid = new Map<string, StampRecord>();

  private constructor(options: FakeStamperOptions, key: KeyObject, certificate: X509Certificate) {
    this.#options = options;
    this.#key = key;
    this.certificate = certificate;
    this.noCertificado = options.noCertificado;
    this.pacCertificates = { find: (n) => (n === this.noCertificado ? certificate : undefined) };
  }

  /** Makes a 2048-bit RSA key and a self-signed certificate whose serial reads as `noCertificado`. */
  static async create(options: FakeStamperOptions): Promise<FakeStamper> {
    const dir = await mkdtemp(join(tmpdir(), 'autofactura-fake-pac-'));
    try {
      const serial = `0x${Buffer.from(options.noCertificado, 'latin1').toString('hex')}`;
      await run('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '3650',
        '-set_serial',
        serial,
        '-subj',
        `/CN=FAKE PAC ${options.rfcProvCertif}/x500UniqueIdentifier=${options.rfcProvCertif}`,
      ]);
      const key = createPrivateKey(await readFile(join(dir, 'key.pem')));
      const certificate = new X509Certificate(await readFile(join(dir, 'cert.pem')));
      return new FakeStamper(options, key, certificate);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The PAC's checks, in the order a PAC makes them. Undefined when the CFDI may be stamped. */
  check(xml: string): Rejection | undefined {
    let root: XmlElement;
    try {
      root = parseXml(xml);
    } catch {
      return { code: '301', message: 'XML mal formado' };
    }
    if (root.local !== 'Comprobante' || root.ns !== NS.cfdi || root.attrs.Version !== '4.0') {
      return { code: '301', message: 'XML mal formado' };
    }
    if (
      root.children.some(
        (c) => c.local === 'Complemento' && c.children.some((t) => t.local === 'TimbreFiscalDigital'),
      )
    ) {
      return { code: '307', message: 'El CFDI contiene un timbre previo' };
    }
    const verified = verifyCfdi(root);
    if (verified.sello !== 'valid' || verified.noCertificado !== 'match') {
      return { code: '302', message: 'Sello mal formado o inválido' };
    }
    const certificate = readCertificate(root.attrs.Certificado ?? '');
    const emisor = root.children.find((c) => c.local === 'Emisor');
    if (certificate.kind !== 'csd') return { code: '306', message: 'El certificado no es de tipo CSD' };
    if (certificate.rfc !== emisor?.attrs.Rfc)
      return { code: '303', message: 'Sello no corresponde a emisor' };
    const fecha = fechaInstant(root.attrs.Fecha ?? '');
    if (fecha < certificate.validFrom || fecha > certificate.validTo) {
      return { code: '305', message: 'La fecha de emisión no está dentro de la vigencia del CSD del Emisor' };
    }
    const clock = this.#options.clock;
    if (clock !== undefined) {
      const now = clock().getTime();
      if (fecha.getTime() > now || now - fecha.getTime() > 72 * 3600_000) {
        return { code: '401', message: 'Fecha y hora de generación fuera de rango' };
      }
    }
    return undefined;
  }

  /** The earlier stamp of this sealed XML (same Sello), if any. */
  earlier(xml: string): StampRecord | undefined {
    try {
      return this.#bySello.get(parseXml(xml).attrs.Sello ?? '');
    } catch {
      return undefined;
    }
  }

  byUuid(uuid: string): StampRecord | undefined {
    return this.#byUuid.get(uuid.toUpperCase());
  }

  /** Stamps a CFDI that passed `check` (or returns its earlier stamp). */
  stamp(xml: string): { record: StampRecord; duplicate: boolean } {
    const found = this.earlier(xml);
    if (found !== undefined) return { record: found, duplicate: true };
    const root = parseXml(xml);
    const sello = root.attrs.Sello ?? '';
    const uuid = randomUUID().toUpperCase();
    const fechaTimbrado = this.localNow();
    const tfd = element('tfd:TimbreFiscalDigital', NS.tfd, {
      'xmlns:tfd': NS.tfd,
      'xmlns:xsi': NS.xsi,
      'xsi:schemaLocation': TFD_SCHEMA_LOCATION,
      Version: '1.1',
      UUID: uuid,
      FechaTimbrado: fechaTimbrado,
      RfcProvCertif: this.#options.rfcProvCertif,
      SelloCFD: sello,
      NoCertificadoSAT: this.noCertificado,
    });
    const selloSat = sign('sha256', Buffer.from(cadenaTfd(tfd), 'utf8'), this.#key).toString('base64');
    tfd.attrs.SelloSAT = selloSat;
    const tfdText = serializeXml(tfd, { declaration: false });
    const record: StampRecord = {
      uuid,
      fechaTimbrado,
      sello,
      tfd: tfdText,
      selloSat,
      xml: insertTimbreText(xml, root.name, tfdText),
      emisorRfc: root.children.find((c) => c.local === 'Emisor')?.attrs.Rfc ?? '',
      receptorRfc: root.children.find((c) => c.local === 'Receptor')?.attrs.Rfc ?? '',
      total: root.attrs.Total ?? '',
    };
    this.#bySello.set(sello, record);
    this.#byUuid.set(uuid, record);
    return { record, duplicate: false };
  }

  /**
   * SAT's side of a cancellation request already authenticated with the issuer's CSD: EstatusUUID 201
   * (accepted: cancelled at once when the total is up to 1000 or the receptor is the generic RFC, else
   * "En proceso" until the receptor answers), 202 (cancelled before), 203 (another issuer), 205 (unknown).
   */
  cancel(
    uuid: string,
    rfc: string,
    motive: string,
    replacement: string,
  ): { estatusUuid: string; status: string } {
    const record = this.byUuid(uuid);
    if (record === undefined) return { estatusUuid: '205', status: '' };
    if (record.emisorRfc !== rfc) return { estatusUuid: '203', status: '' };
    if (record.cancellation !== undefined) return { estatusUuid: '202', status: record.cancellation.status };
    const withoutAcceptance = new Decimal(record.total).lte(1000) || record.receptorRfc === 'XAXX010101000';
    const status = withoutAcceptance ? 'Cancelado sin aceptación' : 'En proceso';
    record.cancellation = { status, motive, replacement };
    return { estatusUuid: '201', status };
  }

  /** The receptor answers a cancellation "En proceso". */
  respond(uuid: string, accept: boolean): void {
    const record = this.byUuid(uuid);
    if (record?.cancellation?.status !== 'En proceso')
      throw new Error(`no cancellation in process for ${uuid}`);
    record.cancellation.status = accept ? 'Cancelado con aceptación' : 'Solicitud rechazada';
  }

  /** SAT's consulta: found only when issuer, receiver and total match the CFDI. */
  status(uuid: string, issuerRfc: string, receiverRfc: string, total: string) {
    const record = this.byUuid(uuid);
    if (
      record === undefined ||
      record.emisorRfc !== issuerRfc ||
      record.receptorRfc !== receiverRfc ||
      !sameAmount(record.total, total)
    ) {
      return {
        codigo: 'N - 602: Comprobante no encontrado.',
        estado: 'No Encontrado',
        esCancelable: '',
        estatus: '',
      };
    }
    const status = record.cancellation?.status ?? '';
    const cancelled = status === 'Cancelado sin aceptación' || status === 'Cancelado con aceptación';
    const esCancelable = cancelled
      ? 'No cancelable'
      : new Decimal(record.total).lte(1000)
        ? 'Cancelable sin aceptación'
        : 'Cancelable con aceptación';
    return {
      codigo: 'S - Comprobante obtenido satisfactoriamente.',
      estado: cancelled ? 'Cancelado' : 'Vigente',
      esCancelable,
      estatus: status,
    };
  }

  /** The fake's clock in Mexico City time, "YYYY-MM-DDThh:mm:ss". */
  localNow(): string {
    return localDateTime(this.#options.clock?.() ?? new Date(), 'America/Mexico_City');
  }

  /** A SAT-shaped acuse of a cancellation request. */
  acuse(uuid: string, rfc: string, estatusUuid: string): string {
    const fecha = this.localNow();
    return serializeXml(
      element(
        'Acuse',
        'http://cancelacfd.sat.gob.mx',
        { xmlns: 'http://cancelacfd.sat.gob.mx', Fecha: fecha, RfcEmisor: rfc },
        [
          element('Folios', 'http://cancelacfd.sat.gob.mx', {}, [
            withText(element('UUID', 'http://cancelacfd.sat.gob.mx'), uuid),
            withText(element('EstatusUUID', 'http://cancelacfd.sat.gob.mx'), estatusUuid),
          ]),
        ],
      ),
    );
  }
}

function sameAmount(a: string, b: string): boolean {
  try {
    return new Decimal(a).eq(new Decimal(b));
  } catch {
    return false;
  }
}

export function withText(node: XmlElement, text: string): XmlElement {
  if (text !== '') node.text = text;
  return node;
}

/** Puts the timbre in a new Complemento before the Comprobante's closing tag (the test CFDIs have none). */
function insertTimbreText(xml: string, rootName: string, tfd: string): string {
  const prefix = rootName.includes(':') ? rootName.slice(0, rootName.indexOf(':') + 1) : '';
  const close = `</${rootName}>`;
  const at = xml.lastIndexOf(close);
  if (at === -1) throw new Error('the fake only stamps a Comprobante with a closing tag');
  return `${xml.slice(0, at)}<${prefix}Complemento>${tfd}</${prefix}Complemento>${xml.slice(at)}`;
}

/** A mode that holds until changed, and one-shot modes that apply to the next requests first. */
export class ModeSwitch<M extends string> {
  mode: M;
  readonly #queue: M[] = [];

  constructor(initial: M) {
    this.mode = initial;
  }

  failNext(mode: M, times = 1): void {
    for (let i = 0; i < times; i++) this.#queue.push(mode);
  }

  next(): M {
    return this.#queue.shift() ?? this.mode;
  }
}

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 (random port). `close` also drops requests left hanging. */
export async function startLoopback(
  handle: (request: IncomingMessage, body: Buffer, response: ServerResponse) => void | Promise<void>,
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      Promise.resolve(handle(request, Buffer.concat(chunks), response)).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`fake server failure: ${error instanceof Error ? error.stack : String(error)}`);
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
