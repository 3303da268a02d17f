/** Entry point of the `autofactura` command: dispatches to one module per command. */
import { type Io, langFrom, processIo, reportError } from './output.js';

type Command = (args: string[], io: Io) => Promise<number>;

/**
 * Each command's module is imported only when that command runs: `cfdi cadena` should not pay for
 * loading the PDF renderer, the mailer and libxml2.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  'cfdi build': async () => (await import('./cfdi-build.js')).cfdiBuild,
  'cfdi cadena': async () => (await import('./cfdi-cadena.js')).cfdiCadena,
  'cfdi pdf': async () => (await import('./cfdi-pdf.js')).cfdiPdf,
  'cfdi validate': async () => (await import('./cfdi-validate.js')).cfdiValidate,
  'cfdi verify': async () => (await import('./cfdi-verify.js')).cfdiVerify,
  'cfdi stamp': async () => (await import('./cfdi-stamp.js')).cfdiStamp,
  'cfdi cancel': async () => (await import('./cfdi-cancel.js')).cfdiCancel,
  'cfdi status': async () => (await import('./cfdi-cancel.js')).cfdiStatus,
  'pac certificate': async () => (await import('./pac-certificate.js')).pacCertificate,
  'catalogs import': async () => (await import('./catalogs-import.js')).catalogsImport,
  'merchant create': async () => (await import('./merchant-create.js')).merchantCreate,
  'jobs run': async () => (await import('./jobs-run.js')).jobsRun,
  'global close': async () => (await import('./global-close.js')).globalClose,
  'connect stripe': async () => (await import('./connect-stripe.js')).connectStripe,
  'connect generic': async () => (await import('./connect-generic.js')).connectGenericCommand,
  'connect mercadopago': async () => (await import('./connect-mercadopago.js')).connectMercadoPago,
  'connect paypal': async () => (await import('./connect-paypal.js')).connectPaypal,
  'connect conekta': async () => (await import('./connect-conekta.js')).connectConekta,
  'connect openpay': async () => (await import('./connect-openpay.js')).connectOpenpay,
  'stripe sync': async () => (await import('./stripe-sync.js')).stripeSync,
  'airtable sync': async () => (await import('./airtable-sync.js')).airtableSync,
  'airtable init': async () => (await import('./airtable-init.js')).airtableInit,
  start: async () => (await import('./start.js')).start,
};

const USAGE = {
  es: `Uso: autofactura <comando>

  cfdi build SOLICITUD.json --cer F.cer --key F.key --password P [-o SALIDA.xml]
      Construye, valida y sella un CFDI 4.0 a partir de una solicitud (docs/invoice-request.md).
  cfdi cadena ARCHIVO.xml      Imprime la cadena original del CFDI.
  cfdi pdf ARCHIVO.xml -o SALIDA.pdf [--logo F.png] [--color #RRGGBB] [--trade-name NOMBRE]
           [--cancelled] [--cancelled-at FECHA]
      Genera la representación impresa (PDF) del CFDI, en el idioma de --lang.
  cfdi validate ARCHIVO.xml    Valida contra el XSD del SAT y las reglas de la matriz de errores.
  cfdi verify ARCHIVO.xml      Verifica el Sello (y el SelloSAT del timbre, si se conoce el certificado).
  cfdi stamp ARCHIVO.xml [-o SALIDA.xml]
      Timbra un CFDI sellado con el PAC (el sandbox integrado, salvo que PAC indique otro).
  cfdi cancel ARCHIVO.xml --motive 02 --cer F.cer --key F.key --password P [--replacement UUID]
      Solicita la cancelación de un CFDI timbrado e imprime su estatus.
  cfdi status ARCHIVO.xml [--json]
      Consulta el estado del CFDI ante el SAT (Estado, EsCancelable, EstatusCancelacion) con el PAC.
  pac certificate              Imprime el certificado (PEM) del PAC sandbox.
  catalogs import DIR          Regenera los catálogos del SAT a partir de CSV más recientes.
  merchant create --cer F.cer --key F.key --password P --regime 601 --zip 42501 [--name NOMBRE]
                  [--series A] [--json]
      Da de alta un comercio con su CSD (cifrado) e imprime su id y sus llaves API (una sola vez).
  connect stripe --merchant ID --webhook-secret whsec_... [--account acct_...] [--api-key rk_...]
                 [--payment-forms debit=28,prepaid=04] [--json]
      Conecta Stripe a un comercio (como el panel): guarda cifrados el secreto del endpoint y la llave API,
      enruta los eventos de una cuenta de Connect, fija la forma de pago por tipo (credit, debit, prepaid,
      oxxo, customer_balance, other) e imprime la URL del webhook y los eventos a enviar.
  connect mercadopago --merchant ID --secret CLAVE --access-token APP_USR-... [--json]
      Conecta Mercado Pago: guarda cifrados la clave secreta de Webhooks y el access token, e imprime la URL
      de Webhooks (evento Pagos); cada pago notificado se consulta en la API de Mercado Pago (MERCADOPAGO_API_URL).
  connect paypal --merchant ID --webhook-id W [--client-id C --client-secret S] [--sandbox]
                 [--verify offline|api] [--json]
      Conecta PayPal: guarda el Webhook ID (y, cifradas, las credenciales de la app para leer al pagador de la
      orden o verificar por la API) e imprime la URL del webhook y los eventos a enviar.
  connect generic --merchant ID --mapping MAPEO.json [--secret whsec_...] [--id ID] [--json]
      Conecta cualquier webhook firmado con Standard Webhooks (RetryPay, una tienda, un orquestador): el
      mapeo dice con JSON pointers dónde vienen el monto, la moneda, el id y el cliente; imprime la URL.
  connect conekta --merchant ID --public-key LLAVE.pem [--json]
      Conecta Conekta: guarda la llave pública de tu llave de webhook (POST /webhook_keys) con la que se
      verifica el encabezado DIGEST de cada evento; imprime la URL del webhook y los eventos a enviar.
  connect openpay --merchant ID --user U --password P [--merchant-id M --private-key K] [--sandbox] [--json]
      Conecta OpenPay: guarda cifrados el usuario y la contraseña (autenticación básica) del webhook y,
      opcionalmente, las llaves API con las que se consulta cada cargo en OpenPay; imprime la URL.
  stripe sync --merchant ID --since FECHA [--json]
      Registra lo que los webhooks de Stripe no entregaron (eventos de los últimos 30 días desde FECHA),
      con la llave API del comercio; repetirlo no duplica nada. STRIPE_API_URL apunta a otro servidor.
  airtable sync --base BASE --table TABLA [--view VISTA] [--watch] [--interval S] [--config F] [--json]
      Registra las ventas nuevas o pendientes de una tabla de Airtable con la API REST (AUTOFACTURA_URL,
      AUTOFACTURA_API_KEY) y escribe en cada fila el UUID, el enlace al portal o qué corregir; respeta los
      límites de Airtable (AIRTABLE_TOKEN) y retoma sin duplicar tras una interrupción.
  airtable init --base BASE [--table TABLA] [--config F] [--json]
      Revisa que la base tenga las tablas y campos de la plantilla y dice qué falta.
  global close --merchant ID --period 2026-11 [--dry-run] [--max-items N] [--json]
      Emite la factura global de los recibos no reclamados del periodo (un mes: todos sus periodos; un
      día: el periodo que lo contiene); --dry-run muestra qué incluiría y sus totales. Repetirlo no duplica.
  jobs run [--max-jobs N]
      Ejecuta una vez los trabajos pendientes (timbrado, correos, reembolsos); Ctrl-C para al terminar
      el trabajo en curso y la siguiente ejecución continúa.

  start [--port N] [--host H]
      Inicia el servidor (API REST /v1, trabajos en segundo plano) en PORT (3000); la primera vez crea un
      comercio de demostración e imprime sus llaves API. SIGTERM/Ctrl-C termina lo que está en curso y sale.

Opciones generales: --lang es|en (o AUTOFACTURA_LANG).
merchant, connect, stripe, global y jobs usan AUTOFACTURA_DATA_DIR (./data) o DATABASE_URL (PostgreSQL), AUTOFACTURA_SECRET, PAC y SMTP_URL.
`,
  en: `Usage: autofactura <command>

  cfdi build REQUEST.json --cer F.cer --key F.key --password P [-o OUT.xml]
      Builds, validates and seals a CFDI 4.0 from an invoice request (docs/invoice-request.md).
  cfdi cadena FILE.xml         Prints the CFDI's cadena original.
  cfdi pdf FILE.xml -o OUT.pdf [--logo F.png] [--color #RRGGBB] [--trade-name NAME]
           [--cancelled] [--cancelled-at DATE]
      Writes the CFDI's printed representation (PDF), in the --lang language.
  cfdi validate FILE.xml       Validates against SAT's XSD and the error-matrix rules.
  cfdi verify FILE.xml         Verifies the Sello (and the stamp's SelloSAT when its certificate is known).
  cfdi stamp FILE.xml [-o OUT.xml]
      Stamps a sealed CFDI with the PAC (the built-in sandbox unless PAC names another).
  cfdi cancel FILE.xml --motive 02 --cer F.cer --key F.key --password P [--replacement UUID]
      Requests the cancellation of a stamped CFDI and prints its status.
  cfdi status FILE.xml [--json]
      Asks SAT's status of the CFDI (Estado, EsCancelable, EstatusCancelacion) through the PAC.
  pac certificate              Prints the sandbox PAC's certificate (PEM).
  catalogs import DIR          Regenerates the SAT catalogs from newer CSV files.
  merchant create --cer F.cer --key F.key --password P --regime 601 --zip 42501 [--name NAME]
                  [--series A] [--json]
      Registers a merchant with its CSD (encrypted) and prints its id and API keys (shown once).
  connect stripe --merchant ID --webhook-secret whsec_... [--account acct_...] [--api-key rk_...]
                 [--payment-forms debit=28,prepaid=04] [--json]
      Connects Stripe to a merchant (as the dashboard does): stores the endpoint secret and the API key
      encrypted, routes a Connect account's events, sets the payment form per kind (credit, debit,
      prepaid, oxxo, customer_balance, other) and prints the webhook URL and the events to send.
  connect mercadopago --merchant ID --secret SECRET --access-token APP_USR-... [--json]
      Connects Mercado Pago: stores the Webhooks secret and the access token encrypted and prints the
      Webhooks URL (event Payments); each notified payment is fetched from Mercado Pago's API (MERCADOPAGO_API_URL).
  connect paypal --merchant ID --webhook-id W [--client-id C --client-secret S] [--sandbox]
                 [--verify offline|api] [--json]
      Connects PayPal: stores the Webhook ID (and, encrypted, the app credentials to read the payer from the
      order or verify through the API) and prints the webhook URL and the events to send.
  connect generic --merchant ID --mapping MAPPING.json [--secret whsec_...] [--id ID] [--json]
      Connects any webhook signed with Standard Webhooks (RetryPay, a shop, an orchestrator): the
      mapping says with JSON pointers where the amount, currency, id and customer are; prints the URL.
  connect conekta --merchant ID --public-key KEY.pem [--json]
      Connects Conekta: stores the public key of your webhook key (POST /webhook_keys) that verifies each
      event's DIGEST header; prints the webhook URL and the events to send.
  connect openpay --merchant ID --user U --password P [--merchant-id M --private-key K] [--sandbox] [--json]
      Connects OpenPay: stores the webhook's Basic auth user and password encrypted and, optionally, the
      API keys with which each charge is fetched back from OpenPay; prints the webhook URL.
  stripe sync --merchant ID --since DATE [--json]
      Records what Stripe's webhooks did not deliver (events of the last 30 days since DATE) with the
      merchant's API key; running it again duplicates nothing. STRIPE_API_URL points at another server.
  airtable sync --base BASE --table TABLE [--view VIEW] [--watch] [--interval S] [--config F] [--json]
      Registers a table's new or pending sales through the REST API (AUTOFACTURA_URL,
      AUTOFACTURA_API_KEY) and writes each row's UUID, portal link or what to fix; keeps Airtable's limits
      (AIRTABLE_TOKEN) and resumes without duplicating after an interruption.
  airtable init --base BASE [--table TABLE] [--config F] [--json]
      Checks that the base has the template's tables and fields and says what is missing.
  global close --merchant ID --period 2026-11 [--dry-run] [--max-items N] [--json]
      Issues the factura global of the period's unclaimed receipts (a month: all its periods; a day: the
      period containing it); --dry-run shows what it would include and its totals. Repeating duplicates nothing.
  jobs run [--max-jobs N]
      Works the pending jobs once (stamping, emails, refunds); Ctrl-C stops after the job in progress
      and the next run resumes.

  start [--port N] [--host H]
      Starts the server (REST API /v1, background jobs) on PORT (3000); on the first run creates a demo
      merchant and prints its API keys. SIGTERM/Ctrl-C finishes the work in progress and exits.

General options: --lang es|en (or AUTOFACTURA_LANG).
merchant, connect, stripe, global and jobs use AUTOFACTURA_DATA_DIR (./data) or DATABASE_URL (PostgreSQL), AUTOFACTURA_SECRET, PAC and SMTP_URL.
`,
};

/** Pulls `--lang X` out of argv (any position). */
function extractLang(argv: string[]): { args: string[]; lang: string | undefined } {
  const args: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lang') lang = argv[++i];
    else if (arg.startsWith('--lang=')) lang = arg.slice('--lang='.length);
    else args.push(arg);
  }
  return { args, lang };
}

export async function main(argv: string[], io?: Io): Promise<number> {
  const { args, lang } = extractLang(argv);
  const sink = io ?? processIo(langFrom(lang));
  const single = args[0] !== undefined && COMMANDS[args[0]] ? args[0] : undefined;
  const name = single ?? args.slice(0, 2).join(' ');
  const load = COMMANDS[name];
  if (!load) {
    const wantsHelp = args.length === 0 || args[0] === 'help' || args[0] === '--help' || args[0] === '-h';
    (wantsHelp ? sink.out : sink.err)(USAGE[sink.lang]);
    return wantsHelp ? 0 : 2;
  }
  try {
    const command = await load();
    return await command(args.slice(single ? 1 : 2), sink);
  } catch (error) {
    return reportError(error, sink);
  }
}
