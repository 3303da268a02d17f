/**
 * `autofactura start`: runs the server (portal/src/start.ts) on PORT (3000) and prints where it is (API,
 * dashboard, each merchant's portal and Stripe webhook URL) and, on the first run, the demo merchant's
 * dashboard login and API keys (shown once, stored hashed). SIGTERM or SIGINT stops
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
  const base = running.publicUrl;
  io.out(`${es ? 'Panel del comercio' : 'Merchant dashboard'}: ${base}/dashboard\n`);
  if (running.demo) {
    const { merchant, apiKeys, login } = running.demo;
    io.out(
      es
        ? `Comercio de demostración: ${merchant.id} (${merchant.rfc}, CSD de pruebas del SAT)\n`
        : `Demo merchant: ${merchant.id} (${merchant.rfc}, SAT test CSD)\n`,
    );
    io.out(
      es
        ? `  Acceso al panel: ${login.email} / ${login.password}\n`
        : `  Dashboard login: ${login.email} / ${login.password}\n`,
    );
    io.out(`  ${es ? 'Llave API (pruebas)' : 'API key (test)'}: ${apiKeys.test}\n`);
    io.out(`  ${es ? 'Llave API (producción)' : 'API key (live)'}: ${apiKeys.live}\n`);
    if (merchant.branding.slug) {
      io.out(
        `  ${es ? 'Portal de autofacturación' : 'Self-invoice portal'}: ${base}/${merchant.branding.slug}\n`,
      );
    }
    io.out(`  ${es ? 'Webhook de Stripe' : 'Stripe webhook'}: ${base}/webhooks/stripe/${merchant.id}\n`);
    io.out(
      es
        ? 'Guarda la contraseña y las llaves ahora: no se vuelven a mostrar (se guardan con hash).\n'
        : 'Save the password and the keys now: they are not shown again (they are stored hashed).\n',
    );
  } else {
    for (const m of running.merchants) {
      io.out(`${m.name} (${m.id})\n`);
      if (m.slug)
        io.out(`  ${es ? 'Portal de autofacturación' : 'Self-invoice portal'}: ${base}/${m.slug}\n`);
      io.out(`  ${es ? 'Webhook de Stripe' : 'Stripe webhook'}: ${base}/webhooks/stripe/${m.id}\n`);
    }
    io.out(
      es
        ? `${running.merchantCount} comercio(s). Las llaves API y el acceso al panel se mostraron al crearlos; crea llaves nuevas en el panel (Desarrolladores) o un comercio nuevo con: autofactura merchant create --cer F.cer --key F.key --password P --regime 601 --zip 42501\n`
        : `${running.merchantCount} merchant(s). API keys and the dashboard login were shown when they were created; create new keys in the dashboard (Developers) or another merchant with: autofactura merchant create --cer F.cer --key F.key --password P --regime 601 --zip 42501\n`,
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
