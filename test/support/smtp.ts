/**
 * A real SMTP server on 127.0.0.1 for tests (the smtp-server package, random port). It keeps every
 * message it accepts, raw and parsed with mailparser, with the envelope and the authenticated user.
 * It can require AUTH, speak TLS (implicit "smtps" or STARTTLS) with a certificate made here by openssl
 * for 127.0.0.1, and refuse a step with any reply code (`reject`) to test how senders handle 4xx/5xx.
 * Also: a port where nothing listens (connection refused) and a server that accepts TCP connections
 * but never greets (timeouts).
 *
 * Tests only.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';

const run = promisify(execFile);

export type SmtpStep = 'auth' | 'mail' | 'rcpt' | 'data';

export interface SmtpRejection {
  at: SmtpStep;
  code: number;
  message: string;
  /** For 'rcpt': only this recipient is refused (others are accepted). */
  recipient?: string;
}

export interface TestSmtpServerOptions {
  /** Require AUTH (PLAIN/LOGIN) with these credentials. */
  auth?: { user: string; pass: string };
  /** 'none' (default): plain text, no STARTTLS; 'starttls': offers STARTTLS; 'implicit': TLS from the start. */
  tls?: 'none' | 'starttls' | 'implicit';
  reject?: SmtpRejection;
}

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** The user that authenticated, if any. */
  user: string | undefined;
  /** Whether the session was encrypted (smtps or after STARTTLS). */
  secure: boolean;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  readonly port: number;
  /** PEM of the server's certificate (self-signed for 127.0.0.1), to trust it; undefined without TLS. */
  readonly ca: string | undefined;
  /** Every accepted message, in order. */
  readonly received: ReceivedMail[];
  /** Every AUTH attempt and whether it was accepted. */
  readonly authAttempts: { user: string; ok: boolean }[];
  /** smtp://127.0.0.1:port or smtps://, with URL-encoded credentials when given. */
  url(credentials?: { user: string; pass: string }): string;
  /** Changes (or clears) the rejection for the following commands. */
  setReject(rejection: SmtpRejection | undefined): void;
  /** Resolves with the next accepted message (or one already received and not yet taken). */
  nextMail(timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const tlsMode = options.tls ?? 'none';
  const certificate = tlsMode === 'none' ? undefined : await selfSignedCertificate();
  let reject = options.reject;
  const received: ReceivedMail[] = [];
  const authAttempts: { user: string; ok: boolean }[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];

  const refusal = (step: SmtpStep, recipient?: string): Error | null => {
    if (!reject || reject.at !== step) return null;
    if (step === 'rcpt' && reject.recipient && reject.recipient !== recipient) return null;
    return Object.assign(new Error(reject.message), { responseCode: reject.code });
  };

  const serverOptions: SMTPServerOptions = {
    secure: tlsMode === 'implicit',
    ...(certificate ? { key: certificate.key, cert: certificate.cert } : {}),
    disabledCommands: [...(tlsMode === 'none' ? ['STARTTLS'] : []), ...(options.auth ? [] : ['AUTH'])],
    authOptional: !options.auth,
    // Without TLS, AUTH must still be possible for tests of plain smtp:// with credentials.
    allowInsecureAuth: tlsMode === 'none',
    logger: false,
    closeTimeout: 500,
    disableReverseLookup: true,
    size: 25 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      const refused = refusal('auth');
      if (refused) return callback(refused);
      const ok = auth.username === options.auth?.user && auth.password === options.auth?.pass;
      authAttempts.push({ user: auth.username ?? '', ok });
      if (!ok)
        return callback(
          Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }),
        );
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, _session, callback) {
      callback(refusal('mail'));
    },
    onRcptTo(address, _session, callback) {
      callback(refusal('rcpt', address.address));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refused = refusal('data');
        if (refused) return callback(refused);
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelope: envelopeOf(session),
              user: userOf(session),
              secure: session.secure,
              raw,
              parsed,
            });
            for (const wake of waiters.splice(0)) wake();
            callback(null);
          },
          (error: Error) => callback(error),
        );
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', () => undefined);
  await new Promise<void>((resolve, fail) => {
    server.listen(0, '127.0.0.1', () => resolve());
    server.server.once('error', fail);
  });
  const port = (server.server.address() as { port: number }).port;

  return {
    port,
    ca: certificate?.cert,
    received,
    authAttempts,
    url(credentials) {
      const scheme = tlsMode === 'implicit' ? 'smtps' : 'smtp';
      const auth = credentials
        ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@`
        : '';
      return `${scheme}://${auth}127.0.0.1:${port}`;
    },
    setReject(rejection) {
      reject = rejection;
    },
    async nextMail(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length <= taken) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no message arrived at the test SMTP server within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received[taken++] as ReceivedMail;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function envelopeOf(session: SMTPServerSession): ReceivedMail['envelope'] {
  const from = session.envelope.mailFrom;
  return {
    from: from ? from.address : '',
    to: session.envelope.rcptTo.map((r) => r.address),
  };
}

function userOf(session: SMTPServerSession): string | undefined {
  return typeof session.user === 'string' ? session.user : undefined;
}

let certificate: Promise<{ key: string; cert: string }> | undefined;

/** A self-signed certificate for 127.0.0.1 / localhost made by openssl; once per test run. */
export function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'autofactura-smtp-tls-'));
    try {
      await run('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]);
      return {
        key: await readFile(join(dir, 'key.pem'), 'utf8'),
        cert: await readFile(join(dir, 'cert.pem'), 'utf8'),
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return certificate;
}

/** A port on 127.0.0.1 where nothing listens: connecting to it is refused. */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP server that accepts connections and never says a word (an SMTP greeting that never comes). */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
