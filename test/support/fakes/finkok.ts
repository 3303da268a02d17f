/**
 * A fake Finkok on 127.0.0.1 that follows pac-contracts.md: SOAP 1.1 at /servicios/soap/stamp (`stamp`,
 * `stamped`) and /servicios/soap/cancel (`cancel`, `get_sat_status`), answering with Finkok's shapes and
 * its own prefixes (senv/tns/s0) so a client that depends on prefixes fails.
 *
 * It checks what it receives: the credentials; the base64 CFDI, decoded and verified like a PAC (Sello
 * with core's verifyCfdi -> 302, issuer -> 303, CSD validity -> 305, Fecha within 72 h of `clock` -> 401);
 * for `cancel`, a PEM certificate and a PEM private key encrypted with the Finkok password that belongs
 * to it (else a SOAP Fault, like Finkok) and the issuer's RFC. A second stamp of the same CFDI answers
 * 307 without the XML (as Finkok may); `stamped` returns the original.
 *
 * Modes: success, duplicate (first stamp already "happened": answers 307), fecha-401, malformed (broken
 * XML), timeout (never answers), soap-fault (HTTP 500 with a SOAP Fault), http-503 (HTML page).
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCertificate } from '../../../core/src/fiscal/csd/index.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { serializeXml } from '../../../core/src/xml/serialize.js';
import { element, type XmlElement } from '../../../core/src/xml/tree.js';
import {
  FakeStamper,
  type LoopbackServer,
  ModeSwitch,
  type StampRecord,
  startLoopback,
  withText,
} from './fake-pac.js';

export type FinkokFakeMode =
  | 'success'
  | 'duplicate'
  | 'fecha-401'
  | 'malformed'
  | 'timeout'
  | 'soap-fault'
  | 'http-503';

export interface FinkokFakeRequest {
  path: string;
  operation: string;
  soapAction: string;
  contentType: string;
  /** Each parameter's text (UUIDS is empty: see uuids). */
  fields: Record<string, string>;
  /** The attributes of each UUIDS/UUID item of a cancel. */
  uuids: Record<string, string>[];
  /** Namespaces of the operation element and of each UUID item. */
  operationNs: string;
  uuidNs: string[];
}

export interface FakeFinkok {
  url: string;
  username: string;
  password: string;
  stamper: FakeStamper;
  modes: ModeSwitch<FinkokFakeMode>;
  requests: FinkokFakeRequest[];
  close(): Promise<void>;
}

export interface FakeFinkokOptions {
  username?: string;
  password?: string;
  /** The fake's clock for Fecha checks and FechaTimbrado; without it Fecha is not checked against time. */
  clock?: () => Date;
}

const SENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const NS = {
  stamp: 'http://facturacion.finkok.com/stamp',
  cancel: 'http://facturacion.finkok.com/cancel',
  views: 'apps.services.soap.core.views',
};
const OPERATIONS: Record<string, readonly string[]> = {
  '/servicios/soap/stamp': ['stamp', 'stamped'],
  '/servicios/soap/cancel': ['cancel', 'get_sat_status'],
};

export async function startFakeFinkok(options: FakeFinkokOptions = {}): Promise<FakeFinkok> {
  const username = options.username ?? 'finkok-user@example.com';
  const password = options.password ?? 'Finkok-Pass&<1>';
  const stamper = await FakeStamper.create({
    noCertificado: '99001000000000000001',
    rfcProvCertif: 'FIN1203015JA',
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const modes = new ModeSwitch<FinkokFakeMode>('success');
  const requests: FinkokFakeRequest[] = [];
  const fake = { username, password, stamper, modes, requests };
  const server: LoopbackServer = await startLoopback((request, body, response) =>
    handle(fake, request, body, response),
  );
  return { ...fake, url: server.url, close: server.close };
}

type Fake = Pick<FakeFinkok, 'username' | 'password' | 'stamper' | 'modes' | 'requests'>;

function handle(fake: Fake, request: IncomingMessage, body: Buffer, response: ServerResponse) {
  const path = request.url ?? '';
  const allowed = OPERATIONS[path];
  if (request.method !== 'POST' || allowed === undefined) {
    response.writeHead(404, { 'content-type': 'text/html' });
    response.end('<html><body><h1>Not Found</h1></body></html>');
    return;
  }
  let envelope: XmlElement;
  try {
    envelope = parseXml(body);
  } catch {
    return fault(response, 'senv:Client.SchemaValidationError', 'Invalid XML');
  }
  const operationElement = envelope.children.find((c) => c.local === 'Body')?.children[0];
  if (envelope.local !== 'Envelope' || envelope.ns !== SENV || operationElement === undefined) {
    return fault(response, 'senv:Client', 'Not a SOAP 1.1 envelope');
  }
  const operation = operationElement.local;
  const serviceNs = path.endsWith('/stamp') ? NS.stamp : NS.cancel;
  if (!allowed.includes(operation) || operationElement.ns !== serviceNs) {
    return fault(
      response,
      'senv:Client.ResourceNotFound',
      `Requested resource '{${operationElement.ns}}${operation}' not found`,
    );
  }
  const fields: Record<string, string> = {};
  for (const child of operationElement.children) {
    if (child.ns === serviceNs) fields[child.local] = child.text ?? '';
  }
  const uuidItems = operationElement.children.find((c) => c.local === 'UUIDS')?.children ?? [];
  fake.requests.push({
    path,
    operation,
    soapAction: String(request.headers.soapaction ?? ''),
    contentType: String(request.headers['content-type'] ?? ''),
    fields,
    uuids: uuidItems.map((item) => ({ ...item.attrs })),
    operationNs: operationElement.ns,
    uuidNs: uuidItems.map((item) => item.ns),
  });

  const mode = fake.modes.next();
  if (mode === 'timeout') return; // never answers; the socket is dropped when the fake closes
  if (mode === 'malformed') {
    response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
    response.end(
      `<?xml version='1.0' encoding='UTF-8'?><senv:Envelope xmlns:senv="${SENV}"><senv:Body><tns:${operation}Resp`,
    );
    return;
  }
  if (mode === 'soap-fault') return fault(response, 'senv:Server', 'Internal Error');
  if (mode === 'http-503') {
    response.writeHead(503, { 'content-type': 'text/html' });
    response.end(
      '<html><head><title>503 Service Temporarily Unavailable</title></head><body>nginx</body></html>',
    );
    return;
  }
  if (!/^text\/xml\b/.test(String(request.headers['content-type'] ?? ''))) {
    return fault(response, 'senv:Client', 'Content-Type must be text/xml');
  }
  const authenticated = fields.username === fake.username && fields.password === fake.password;
  switch (operation) {
    case 'stamp':
      return answer(response, serviceNs, operation, stamp(fake, fields, authenticated, mode));
    case 'stamped':
      return answer(response, serviceNs, operation, stamped(fake, fields, authenticated));
    case 'cancel': {
      const result = cancel(fake, fields, uuidItems, authenticated);
      if (typeof result === 'string') return fault(response, 'senv:Server', result);
      return answer(response, serviceNs, operation, result);
    }
    default:
      return answer(response, serviceNs, operation, satStatus(fake, fields, authenticated));
  }
}

/** A result field (views namespace, prefix s0). */
function field(local: string, value: string | XmlElement[]): XmlElement {
  const node = element(`s0:${local}`, NS.views, {}, typeof value === 'string' ? [] : value);
  return typeof value === 'string' ? withText(node, value) : node;
}

function incidencia(code: string, message: string): XmlElement {
  return field('Incidencias', [
    field('Incidencia', [
      field('IdIncidencia', '1'),
      field('CodigoError', code),
      field('MensajeIncidencia', message),
      field('WorkProcessId', 'fake'),
    ]),
  ]);
}

function decodeCfdi(value: string): string | undefined {
  const decoded = Buffer.from(value, 'base64');
  return decoded.toString('base64') === value.replace(/\s+/g, '') ? decoded.toString('utf8') : undefined;
}

function stampedFields(fake: Fake, record: StampRecord): XmlElement[] {
  return [
    field('xml', record.xml),
    field('UUID', record.uuid),
    field('Fecha', record.fechaTimbrado),
    field('CodEstatus', 'Comprobante timbrado satisfactoriamente'),
    field('SatSeal', record.selloSat),
    field('Incidencias', []),
    field('NoCertificadoSAT', fake.stamper.noCertificado),
  ];
}

function stamp(
  fake: Fake,
  fields: Record<string, string>,
  authenticated: boolean,
  mode: FinkokFakeMode,
): XmlElement[] {
  if (!authenticated) return [field('xml', ''), incidencia('300', 'Usuario y contraseña inválidos')];
  const xml = decodeCfdi(fields.xml ?? '');
  if (xml === undefined) return [field('xml', ''), incidencia('301', 'XML mal formado')];
  if (fake.stamper.earlier(xml) !== undefined) {
    return [field('xml', ''), incidencia('307', 'El CFDI contiene un timbre previo')];
  }
  const rejected = fake.stamper.check(xml);
  if (rejected !== undefined) return [field('xml', ''), incidencia(rejected.code, rejected.message)];
  if (mode === 'fecha-401') {
    return [field('xml', ''), incidencia('401', 'Fecha y hora de generación fuera de rango')];
  }
  const { record } = fake.stamper.stamp(xml);
  if (mode === 'duplicate') return [field('xml', ''), incidencia('307', 'El CFDI contiene un timbre previo')];
  return stampedFields(fake, record);
}

function stamped(fake: Fake, fields: Record<string, string>, authenticated: boolean): XmlElement[] {
  if (!authenticated) return [field('xml', ''), incidencia('300', 'Usuario y contraseña inválidos')];
  const xml = decodeCfdi(fields.xml ?? '');
  const record = xml === undefined ? undefined : fake.stamper.earlier(xml);
  if (record === undefined)
    return [field('xml', ''), incidencia('603', 'El CFDI no contiene un timbre previo')];
  return stampedFields(fake, record);
}

/** The cancel result, or a SOAP Fault's text when the certificate or key cannot be used. */
function cancel(
  fake: Fake,
  fields: Record<string, string>,
  items: XmlElement[],
  authenticated: boolean,
): XmlElement[] | string {
  if (!authenticated) return [field('CodEstatus', '300 - Usuario y contraseña inválidos')];
  const certificatePem = Buffer.from(fields.cer ?? '', 'base64').toString('utf8');
  const keyPem = Buffer.from(fields.key ?? '', 'base64').toString('utf8');
  if (!certificatePem.includes('-----BEGIN CERTIFICATE-----')) return 'cer is not a PEM certificate';
  if (!keyPem.includes('ENCRYPTED')) return 'key is not a PEM private key encrypted with the Finkok password';
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
    const key = createPrivateKey({ key: keyPem, format: 'pem', passphrase: fake.password });
    if (!certificate.checkPrivateKey(key)) return 'The key does not belong to the certificate';
  } catch (error) {
    return `Could not open cer/key: ${error instanceof Error ? error.message : String(error)}`;
  }
  const rfc = fields.taxpayer_id ?? '';
  if (readCertificate(certificatePem).rfc !== rfc) {
    return [field('CodEstatus', '711 - Error con el certificado al cancelar'), field('RfcEmisor', rfc)];
  }
  if (items.length !== 1) return [field('CodEstatus', 'Se espera un UUID')];
  const { UUID: uuid = '', Motivo: motive = '', FolioSustitucion: replacement = '' } = items[0]!.attrs;
  if (!['01', '02', '03', '04'].includes(motive) || (motive === '01') !== (replacement !== '')) {
    return [field('CodEstatus', 'Motivo o FolioSustitucion inválidos'), field('RfcEmisor', rfc)];
  }
  const { estatusUuid, status } = fake.stamper.cancel(uuid, rfc, motive, replacement);
  const folio = field('Folio', [
    field('EstatusUUID', estatusUuid),
    field('UUID', uuid),
    field('EstatusCancelacion', status),
  ]);
  return [
    field('Folios', [folio]),
    field('Acuse', fake.stamper.acuse(uuid, rfc, estatusUuid)),
    field('Fecha', fake.stamper.localNow()),
    field('RfcEmisor', rfc),
  ];
}

function satStatus(fake: Fake, fields: Record<string, string>, authenticated: boolean): XmlElement[] {
  if (!authenticated) return [field('error', '300 - Usuario y contraseña inválidos')];
  const found = fake.stamper.status(
    fields.uuid ?? '',
    fields.taxpayer_id ?? '',
    fields.rtaxpayer_id ?? '',
    fields.total ?? '',
  );
  return [
    field('sat', [
      field('CodigoEstatus', found.codigo),
      field('Estado', found.estado),
      field('EsCancelable', found.esCancelable),
      field('EstatusCancelacion', found.estatus),
    ]),
  ];
}

function answer(response: ServerResponse, serviceNs: string, operation: string, fields: XmlElement[]): void {
  const envelope = element(
    'senv:Envelope',
    SENV,
    { 'xmlns:senv': SENV, 'xmlns:tns': serviceNs, 'xmlns:s0': NS.views },
    [
      element('senv:Body', SENV, {}, [
        element(`tns:${operation}Response`, serviceNs, {}, [
          element(`tns:${operation}Result`, serviceNs, {}, fields),
        ]),
      ]),
    ],
  );
  response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
  response.end(serializeXml(envelope));
}

function fault(response: ServerResponse, code: string, reason: string): void {
  const envelope = element('senv:Envelope', SENV, { 'xmlns:senv': SENV }, [
    element('senv:Body', SENV, {}, [
      element('senv:Fault', SENV, {}, [
        withText(element('faultcode', ''), code),
        withText(element('faultstring', ''), reason),
      ]),
    ]),
  ]);
  response.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' });
  response.end(serializeXml(envelope));
}
