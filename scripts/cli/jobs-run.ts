/**
 * `autofactura jobs run [--max-jobs N]`: works the due jobs once (stamping, emails, refunds) and exits,
 * with one progress line per job on stderr. Ctrl-C (SIGINT) stops after the jobs in progress; running
 * the command again resumes where it stopped (jobs are durable).
 */
import { parse, usageError } from './args.js';
import { openApp } from './open-app.js';
import type { Io } from './output.js';

const OUTCOMES = {
  es: { done: 'hecho', retried: 'reintento', dead: 'abandonado' },
  en: { done: 'done', retried: 'retry', dead: 'given up' },
} as const;

export async function jobsRun(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { 'max-jobs': { type: 'string' } });
  const raw = (values as { 'max-jobs'?: string })['max-jobs'];
  const maxJobs = raw === undefined ? undefined : Number(raw);
  if (maxJobs !== undefined && (!Number.isInteger(maxJobs) || maxJobs < 1)) {
    throw usageError('--max-jobs debe ser un entero positivo.', '--max-jobs must be a positive integer.');
  }
  const es = io.lang === 'es';
  const app = await openApp();
  const controller = new AbortController();
  const interrupt = () => {
    io.err(
      es
        ? 'Interrumpido: se termina el trabajo en curso y se sale. Vuelve a ejecutar "autofactura jobs run" para continuar.\n'
        : 'Interrupted: finishing the job in progress, then exiting. Run "autofactura jobs run" again to resume.\n',
    );
    controller.abort();
  };
  process.once('SIGINT', interrupt);
  try {
    const result = await app.af.workJobs({
      signal: controller.signal,
      ...(maxJobs ? { maxJobs } : {}),
      onProgress: (job, outcome) => {
        const word = OUTCOMES[io.lang][outcome as keyof (typeof OUTCOMES)['es']] ?? outcome;
        const error = job.lastError && outcome !== 'done' ? ` ${job.lastError.code}` : '';
        io.err(`${word} ${job.type} ${job.id} (${es ? 'intento' : 'attempt'} ${job.attempts})${error}\n`);
      },
    });
    const pending = await app.store.jobs.countOpen(new Date().toISOString());
    io.err(
      es
        ? `Trabajos: ${result.done} hechos, ${result.retried} por reintentar, ${result.dead} abandonados; ${pending} pendientes.\n`
        : `Jobs: ${result.done} done, ${result.retried} to retry, ${result.dead} given up; ${pending} pending.\n`,
    );
    return controller.signal.aborted ? 130 : 0;
  } finally {
    process.off('SIGINT', interrupt);
    await app.close();
  }
}
