/**
 * `autofactura start`: runs the server (portal/src/start.ts) on PORT (3000) and prints where it is and,
 * on the first run, the demo merchant's API keys (shown once, stored hashed). SIGTERM or SIGINT stops
 * accepting, drains in-flight requests and the job in progress, closes the store and exits 0.
 */
import { startServer } from '../../portal/src/start.js';
import { parse, usageError } from './args.js';
import type { Io } from './output.js';

export async function start(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { port: { type: 'string' }, host: { type: 'string' } });
  const options = values as { port?: string; host?: string };
  const port = Number(options.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError(
      '--port (o PORT) debe ser un puerto entre 0 y 65535.',
      '--port (or PORT) must be a port between 0 and 65535.',
    );
  }
  const running = await startServer({ port, ...(options.host ? { host: options.host } : {}) });
  const es = io.lang === 'es';
  io.out(`autofactura ${es ? 'escuchando en' : 'listening on'} ${running.url}\n`);
  io.out(
    `${es ? 'API' : 'API'}: ${running.publicUrl}/v1  (${es ? 'salud' : 'health'}: ${running.url}/health)\n`,
  );
  if (running.demo) {
    const { merchant, apiKeys } = running.demo;
    io.out(
      es
        ? `Comercio de demostración: ${merchant.id} (${merchant.rfc}, CSD de pruebas del SAT)\n`
        : `Demo merchant: ${merchant.id} (${merchant.rfc}, SAT test CSD)\n`,
    );
    if (merchant.branding.slug) {
      io.out(
        `${es ? 'Portal de autofacturación' : 'Self-invoice portal'}: ${running.publicUrl}/${merchant.branding.slug}\n`,
      );
    }
    io.out(`${es ? 'Llave API (pruebas)' : 'API key (test)'}: ${apiKeys.test}\n`);
    io.out(`${es ? 'Llave API (producción)' : 'API key (live)'}: ${apiKeys.live}\n`);
    io.out(
      es
        ? 'Guarda las llaves ahora: no se vuelven a mostrar (se guardan con hash).\n'
        : 'Save the keys now: they are not shown again (they are stored hashed).\n',
    );
  } else {
    io.out(
      es
        ? `${running.merchantCount} comercio(s). Las llaves API se mostraron al crearlos; para otro comercio con llaves nuevas: autofactura merchant create --cer F.cer --key F.key --password P --regime 601 --zip 42501\n`
        : `${running.merchantCount} merchant(s). API keys were shown when they were created; for another merchant with new keys: autofactura merchant create --cer F.cer --key F.key --password P --regime 601 --zip 42501\n`,
    );
  }
  const signal = await new Promise<NodeJS.Signals>((done) => {
    process.once('SIGTERM', () => done('SIGTERM'));
    process.once('SIGINT', () => done('SIGINT'));
  });
  io.err(es ? `${signal}: cerrando…\n` : `${signal}: shutting down…\n`);
  await running.close();
  io.err(es ? 'Detenido.\n' : 'Stopped.\n');
  return 0;
}
