/**
 * `autofactura airtable sync --base BASE --table TABLE [--view VIEW] [--watch] [--interval S] [--config F]`
 * (issue #9): registers the sale rows a formula over the status field selects through autofactura's
 * REST API and writes the answers back, within Airtable's limits. Progress goes to stderr; Ctrl-C ends
 * after the batch in hand (a second Ctrl-C exits at once; the checkpoint covers it).
 */
import { AirtableClient } from '../../connectors/airtable/src/airtable-client.js';
import { checkpointPath, openCheckpoint } from '../../connectors/airtable/src/checkpoint.js';
import { loadSyncConfig } from '../../connectors/airtable/src/config.js';
import { sleep } from '../../connectors/airtable/src/rate-limit.js';
import { type ProgressEvent, type SyncReport, syncOnce } from '../../connectors/airtable/src/sync.js';
import { parse, usageError } from './args.js';
import type { Io } from './output.js';

export async function airtableSync(
  args: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parse(args, {
    base: { type: 'string' },
    table: { type: 'string' },
    view: { type: 'string' },
    watch: { type: 'boolean' },
    interval: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
  });
  const intervalS = Number(values.interval ?? 60);
  if (!values.base || !values.table || !Number.isFinite(intervalS) || intervalS <= 0) {
    throw usageError(
      'Indica --base appXXXX y --table NOMBRE (y, con --watch, --interval en segundos mayor que 0).',
      'Give --base appXXXX and --table NAME (and, with --watch, an --interval in seconds above 0).',
    );
  }
  const baseId = String(values.base);
  const tableName = String(values.table);
  const view = typeof values.view === 'string' ? values.view : undefined;
  const configFile = typeof values.config === 'string' ? values.config : undefined;
  const config = loadSyncConfig(env, configFile, { autofactura: true });
  const es = io.lang === 'es';
  const stop = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    io.err(es ? 'Deteniendo al terminar el lote en curso...\n' : 'Stopping after the batch in progress...\n');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const airtable = new AirtableClient({
    token: config.token,
    baseId,
    rateLimitWaitMs: config.rateLimitWaitMs,
    signal: stop.signal,
    ...(config.endpointUrl ? { endpointUrl: config.endpointUrl } : {}),
    onRateLimited: (ms) =>
      io.err(
        es
          ? `Airtable pidió esperar (429): reintento en ${Math.round(ms / 1000)} s.\n`
          : `Airtable asked to wait (429): retrying in ${Math.round(ms / 1000)} s.\n`,
      ),
  });
  const checkpoint = openCheckpoint(checkpointPath(config.dataDir, baseId, tableName));
  let failed = 0;
  try {
    for (;;) {
      const report = await syncOnce({
        airtable,
        api: { baseUrl: config.autofacturaUrl, apiKey: config.apiKey },
        baseId,
        table: tableName,
        ...(view ? { view } : {}),
        fields: config.fields,
        item: config.item,
        checkpoint,
        signal: stop.signal,
        progress: (event) => io.err(progressLine(event, es)),
      });
      failed += report.failed.length;
      io.out(values.json ? `${JSON.stringify(report)}\n` : summary(report, es));
      if (!values.watch || stop.signal.aborted) break;
      await sleep(intervalS * 1000, stop.signal);
      if (stop.signal.aborted) break;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return failed > 0 ? 1 : 0;
}

function progressLine(event: ProgressEvent, es: boolean): string {
  if (event.kind === 'listed') {
    return es ? `Filas por registrar: ${event.count}\n` : `Rows to register: ${event.count}\n`;
  }
  if (event.kind === 'batch') {
    return es
      ? `  ${event.registered}/${event.total} registradas, ${event.written} escritas en Airtable\n`
      : `  ${event.registered}/${event.total} registered, ${event.written} written to Airtable\n`;
  }
  return `AIRTABLE_ROW_FAILED ${event.recordId} ${event.message}\n`;
}

function summary(report: SyncReport, es: boolean): string {
  return es
    ? `Listadas ${report.listed}, registradas ${report.registered}, escritas ${report.written}, sin cambios ${report.unchanged}, con error ${report.failed.length}${report.stopped ? ' (detenida)' : ''}\n`
    : `Listed ${report.listed}, registered ${report.registered}, written ${report.written}, unchanged ${report.unchanged}, failed ${report.failed.length}${report.stopped ? ' (stopped)' : ''}\n`;
}
