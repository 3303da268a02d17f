/**
 * A fake SW Sapien on 127.0.0.1 that follows pac-contracts.md: `POST /security/authenticate` (headers
 * `user`, `password`, empty body -> a token that expires), `POST /cfdi33/stamp/v4` (multipart, one part
 * `xml` with filename "xml" and text/xml) and `POST /cfdi33/cancel/csd` (JSON with base64 DER .cer and
 * .key and the key's password).
 *
 * It checks what it receives: every call but authenticate needs `Authorization: Bearer <token>` with a
 * token it issued and that has not expired by its `clock` (or the portal token); the CFDI is verified
 * like a PAC (fake-pac.ts); the cancellation's key must open with the password sent and belong to the
 * certificate, whose RFC must be `rfc`. A second stamp of the same CFDI answers 307 with `data.tfd`.
 *
 * Modes: success, duplicate (first stamp already "happened"), fecha-401, malformed (broken JSON), timeout
 * (never answers), http-500.
 */
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import { readCertificate } from '../../../core/src/fiscal/csd/index.js';
import { FakeStamper, type LoopbackServer, ModeSwitch, type StampRecord, startLoopback } from './fake-pac.js';

export type SwFakeMode = 'success' | 'duplicate' | 'fecha-401' | 'malformed' | 'timeout' | 'http-500';

export interface SwFakeRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** The `xml` part of a stamp: its file name, type and text. */
  xmlPart?: { filename: string; type: string; text: string };
  /** The JSON of a cancel. */
  json?: Record<string, unknown>;
}

export interface FakeSw {
  url: string;
  user: string;
  password: string;
  /** A long-lived token as SW's portal hands out. */
  portalToken: string;
  stamper: FakeStamper;
  modes: ModeSwitch<SwFakeMode>;
  requests: SwFakeRequest[];
  /** Forgets every token issued (SW revoked them). */
  revokeTokens(): void;
  close(): Promise<void>;
}

export interface FakeSwOptions {
  user?: string;
  password?: string;
  clock?: () => Date;
  /** Lifetime of the tokens it issues (default 2 h). */
  tokenLifetimeSeconds?: number;
}

export async function startFakeSw(options: FakeSwOptions = {}): Promise<FakeSw> {
  const clock = options.clock ?? (() => new Date());
  const stamper = await FakeStamper.create({
    noCertificado: '99002000000000000001',
    rfcProvCertif: 'SPR190613I52',
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const tokens = new Map<string, number>();
  const fake: Fake = {
    user: options.user ?? 'sw-user@example.com',
    password: options.password ?? 'Sw-Pass"123',
    portalToken: `portal.${randomBytes(24).toString('hex')}`,
    stamper,
    modes: new ModeSwitch<SwFakeMode>('success'),
    requests: [],
    revokeTokens: () => tokens.clear(),
    tokens,
    clock,
    lifetime: options.tokenLifetimeSeconds ?? 7200,
  };
  const server: LoopbackServer = await startLoopback((request, body, response) =>
    handle(fake, request, body, response),
  );
  const { tokens: _tokens, clock: _clock, lifetime: _lifetime, ...visible } = fake;
  return { ...visible, url: server.url, close: server.close };
}

interface Fake extends Omit<FakeSw, 'url' | 'close'> {
  tokens: Map<string, number>;
  clock: () => Date;
  lifetime: number;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function error(
  response: ServerResponse,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): void {
  json(response, status, { status: 'error', message, messageDetail: '', ...extra });
}

async function handle(fake: Fake, request: IncomingMessage, body: Buffer, response: ServerResponse) {
  const path = request.url ?? '';
  const record: SwFakeRequest = { method: request.method ?? '', path, headers: request.headers, body };
  fake.requests.push(record);
  const mode = fake.modes.next();
  if (mode === 'timeout') return;
  if (mode === 'malformed') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"data":{"cfdi":"<cfdi:Comprobante');
    return;
  }
  if (mode === 'http-500') return error(response, 500, 'Error interno del servidor');
  if (request.method !== 'POST') return error(response, 405, 'Método no permitido');

  if (path === '/security/authenticate') return authenticate(fake, request, body, response);
  if (!authorized(fake, request)) return error(response, 401, 'El token debe especificarse o no es válido.');
  if (path === '/cfdi33/stamp/v4') return stamp(fake, request, body, response, record, mode);
  if (path === '/cfdi33/cancel/csd') return cancel(fake, request, body, response, record);
  return error(response, 404, 'Recurso no encontrado');
}

function authenticate(fake: Fake, request: IncomingMessage, body: Buffer, response: ServerResponse) {
  if (body.length !== 0) return error(response, 400, 'El cuerpo de la petición debe ir vacío.');
  if (request.headers.user !== fake.user || request.headers.password !== fake.password) {
    return error(
      response,
      401,
      'El usuario y/o contraseña son inválidos, no se puede autenticar el servicio.',
    );
  }
  const token = randomBytes(32).toString('base64url');
  const expiresIn = Math.floor(fake.clock().getTime() / 1000) + fake.lifetime;
  fake.tokens.set(token, expiresIn * 1000);
  json(response, 200, { data: { token, expires_in: expiresIn, tokeny_type: 'bearer' }, status: 'success' });
}

function authorized(fake: Fake, request: IncomingMessage): boolean {
  const match = /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ''));
  if (match === null) return false;
  const token = match[1]!;
  if (token === fake.portalToken) return true;
  const expiresAt = fake.tokens.get(token);
  return expiresAt !== undefined && fake.clock().getTime() < expiresAt;
}

async function stamp(
  fake: Fake,
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
  record: SwFakeRequest,
  mode: SwFakeMode,
) {
  const contentType = String(request.headers['content-type'] ?? '');
  if (!contentType.startsWith('multipart/form-data'))
    return error(response, 400, 'Se esperaba multipart/form-data.');
  const form = await new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  }).formData();
  const part = form.get('xml');
  if (!(part instanceof File)) return error(response, 400, 'No se encontró la parte xml.');
  const text = await part.text();
  record.xmlPart = { filename: part.name, type: part.type, text };
  if (part.name !== 'xml' || !part.type.startsWith('text/xml')) {
    return error(response, 400, 'La parte xml debe tener filename "xml" y Content-Type text/xml.');
  }
  const earlier = fake.stamper.earlier(text);
  if (earlier !== undefined) return duplicate(response, earlier);
  const rejected = fake.stamper.check(text);
  if (rejected !== undefined) {
    const message =
      rejected.code === '401'
        ? '401 - El rango de la fecha de generación no debe de ser mayor a 72 horas para la emisión del timbre.'
        : `${rejected.code}. ${rejected.message}.`;
    return error(response, 400, message);
  }
  if (mode === 'fecha-401') {
    return error(
      response,
      400,
      '401 - El rango de la fecha de generación no debe de ser mayor a 72 horas para la emisión del timbre.',
    );
  }
  const { record: stamped } = fake.stamper.stamp(text);
  if (mode === 'duplicate') return duplicate(response, stamped);
  json(response, 200, {
    data: {
      cadenaOriginalSAT: `||1.1|${stamped.uuid}|${stamped.fechaTimbrado}|SPR190613I52|${stamped.sello}|${fake.stamper.noCertificado}||`,
      noCertificadoSAT: fake.stamper.noCertificado,
      noCertificadoCFDI: /NoCertificado="(\d{20})"/.exec(text)?.[1] ?? '',
      uuid: stamped.uuid,
      selloSAT: stamped.selloSat,
      selloCFDI: stamped.sello,
      fechaTimbrado: stamped.fechaTimbrado,
      qrCode: (
        await QRCode.toBuffer(
          `https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=${stamped.uuid}`,
        )
      ).toString('base64'),
      cfdi: stamped.xml,
    },
    status: 'success',
  });
}

function duplicate(response: ServerResponse, earlier: StampRecord): void {
  error(response, 400, '307. El comprobante contiene un timbre previo.', { data: { tfd: earlier.tfd } });
}

function cancel(
  fake: Fake,
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
  record: SwFakeRequest,
) {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return error(response, 400, 'Se esperaba application/json.');
  }
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return error(response, 400, 'JSON inválido.');
  }
  record.json = input;
  const str = (name: string) => (typeof input[name] === 'string' ? (input[name] as string) : '');
  const [uuid, rfc, motive, replacement] = [str('uuid'), str('rfc'), str('motivo'), str('folioSustitucion')];
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(str('b64Cer'), 'base64'));
    const key = createPrivateKey({
      key: Buffer.from(str('b64Key'), 'base64'),
      format: 'der',
      type: 'pkcs8',
      passphrase: str('password'),
    });
    if (!certificate.checkPrivateKey(key))
      return error(response, 400, 'La llave privada no corresponde al certificado.');
  } catch {
    return error(response, 400, 'El certificado, la llave privada o su contraseña no son válidos.');
  }
  if (readCertificate(certificate.raw).rfc !== rfc)
    return error(response, 400, 'El RFC no corresponde al certificado.');
  if (!['01', '02', '03', '04'].includes(motive) || (motive === '01') !== (replacement !== '')) {
    return error(response, 400, 'Motivo o folio de sustitución inválidos.');
  }
  const { estatusUuid } = fake.stamper.cancel(uuid, rfc, motive, replacement);
  json(response, 200, {
    data: { acuse: fake.stamper.acuse(uuid, rfc, estatusUuid), uuid: { [uuid]: estatusUuid } },
    status: 'success',
  });
}
