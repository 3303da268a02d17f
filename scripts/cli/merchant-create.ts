/**
 * `autofactura merchant create --cer F.cer --key F.key --password P --name NAME --regime 601 --zip 42501
 * [--series A] [--json]`: checks the CSD (the RFC comes from the certificate; a wrong password, an e.firma
 * or an expired certificate is a coded error), stores the merchant with its key and password encrypted,
 * and prints its id and API keys — shown this once, stored hashed.
 */
import { readFile } from 'node:fs/promises';
import { defaultSettings } from '../../core/src/automation/defaults.js';
import { loadCsd } from '../../core/src/fiscal/csd/index.js';
import { parse, usageError } from './args.js';
import { openApp } from './open-app.js';
import type { Io } from './output.js';

const REQUIRED = ['cer', 'key', 'password', 'regime', 'zip'] as const;

export async function merchantCreate(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    cer: { type: 'string' },
    key: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    regime: { type: 'string' },
    zip: { type: 'string' },
    series: { type: 'string' },
    json: { type: 'boolean' },
  });
  const options = values as Partial<Record<(typeof REQUIRED)[number] | 'name' | 'series', string>> & {
    json?: boolean;
  };
  const missing = REQUIRED.filter((name) => !options[name]);
  if (missing.length > 0) {
    const list = missing.map((name) => `--${name}`).join(', ');
    throw usageError(`Faltan opciones: ${list}.`, `Missing options: ${list}.`);
  }
  const [certificate, privateKey] = await Promise.all([readFile(options.cer!), readFile(options.key!)]);
  // A CSD that cannot be used is refused before the data folder (or database) is touched.
  loadCsd({ certificate, privateKey, password: options.password! }).assertValidAt(new Date());
  const app = await openApp();
  try {
    const { merchant, apiKeys } = await app.af.createMerchant({
      certificate,
      privateKey,
      password: options.password!,
      regime: options.regime!,
      zip: options.zip!,
      ...(options.name ? { name: options.name } : {}),
      ...(options.series
        ? { settings: { series: { ...defaultSettings().series, invoice: options.series } } }
        : {}),
    });
    const summary = {
      merchant_id: merchant.id,
      api_key: apiKeys.live,
      api_key_test: apiKeys.test,
      rfc: merchant.rfc,
      name: merchant.name,
      regime: merchant.regime,
      zip: merchant.zip,
      series: merchant.settings.series.invoice,
      no_certificado: merchant.csd.noCertificado,
      csd_valid_to: merchant.csd.validTo,
      store: app.store.kind,
    };
    if (options.json) {
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    const es = io.lang === 'es';
    const lines: [string, string][] = [
      [es ? 'Comercio' : 'Merchant', merchant.id],
      ['RFC', merchant.rfc],
      [es ? 'Nombre' : 'Name', merchant.name],
      [es ? 'Régimen' : 'Regime', merchant.regime],
      [es ? 'Lugar de expedición' : 'Place of issue', merchant.zip],
      [es ? 'Serie' : 'Series', summary.series],
      [
        es ? 'CSD' : 'CSD',
        `${merchant.csd.noCertificado} (${es ? 'vence' : 'expires'} ${merchant.csd.validTo.slice(0, 10)})`,
      ],
      [es ? 'Llave API (producción)' : 'API key (live)', apiKeys.live],
      [es ? 'Llave API (pruebas)' : 'API key (test)', apiKeys.test],
    ];
    const width = Math.max(...lines.map(([label]) => label.length));
    for (const [label, value] of lines) io.out(`${label.padEnd(width)}  ${value}\n`);
    io.err(
      es
        ? 'Guarda las llaves API ahora: no se vuelven a mostrar (se guardan cifradas con hash).\n'
        : 'Save the API keys now: they are not shown again (they are stored hashed).\n',
    );
    return 0;
  } finally {
    await app.close();
  }
}
