/**
 * `autofactura global close --merchant ID --period 2026-11 [--dry-run] [--max-items N] [--json]`: the
 * factura global of the period's unclaimed receipts (issue #7), as the server's scheduler issues it.
 * `--period` is a month (every period of the merchant's periodicity that starts in it) or a day (the
 * period containing it). Progress goes to stderr; Ctrl-C stops after the receipt or CFDI in progress and
 * running the command again resumes without issuing anything twice. `--json` prints
 * `{ "invoices": [{ "id", "uuid", "receipts", ... }], "skipped": [...] }`; the XML is at
 * `GET /v1/invoices/{id}/xml`.
 */
import type { CloseResult, GlobalSummary } from '../../core/src/automation/global/close.js';
import { parse, usageError } from './args.js';
import { openApp } from './open-app.js';
import type { Io } from './output.js';

export async function globalClose(
  args: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parse(args, {
    merchant: { type: 'string' },
    period: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'max-items': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.merchant || !values.period) {
    throw usageError(
      'Faltan opciones: --merchant ID y --period (un mes como 2026-11 o un día como 2026-11-28).',
      'Missing options: --merchant ID and --period (a month such as 2026-11 or a day such as 2026-11-28).',
    );
  }
  const raw = values['max-items'] as string | undefined;
  const maxItems = raw === undefined ? undefined : Number(raw);
  if (maxItems !== undefined && (!Number.isInteger(maxItems) || maxItems < 1)) {
    throw usageError('--max-items debe ser un entero positivo.', '--max-items must be a positive integer.');
  }
  const es = io.lang === 'es';
  const app = await openApp(env);
  const controller = new AbortController();
  const interrupt = () => {
    io.err(
      es
        ? 'Interrumpido: se termina lo que está en curso y se sale. Vuelve a ejecutar el comando para continuar; nada se emite dos veces.\n'
        : 'Interrupted: finishing what is in progress, then exiting. Run the command again to resume; nothing is issued twice.\n',
    );
    controller.abort();
  };
  process.once('SIGINT', interrupt);
  let lastShown = 0;
  try {
    const result = await app.af.closeGlobal(String(values.merchant), {
      period: String(values.period),
      dryRun: values['dry-run'] === true,
      ...(maxItems ? { maxItems } : {}),
      signal: controller.signal,
      onProgress: ({ step, done, total }) => {
        if (step !== 'assign' || (done < total && Date.now() - lastShown < 500)) return;
        lastShown = Date.now();
        io.err(es ? `recibos asignados: ${done}/${total}\n` : `receipts assigned: ${done}/${total}\n`);
      },
    });
    if (values.json) io.out(`${JSON.stringify(toJson(result), null, 2)}\n`);
    else io.out(describe(result, es));
    return controller.signal.aborted ? 130 : 0;
  } finally {
    process.off('SIGINT', interrupt);
    await app.close();
  }
}

function toJson(result: CloseResult) {
  return {
    merchant_id: result.merchantId,
    dry_run: result.dryRun,
    periods: result.periods,
    invoices: result.invoices.map((i) => ({
      ...(i.id ? { id: i.id } : {}),
      ...(i.uuid ? { uuid: i.uuid } : {}),
      ...(i.series ? { series: i.series, folio: i.folio } : {}),
      status: i.status,
      period: i.period,
      mode: i.mode,
      currency: i.currency,
      receipts: i.receipts,
      tickets: i.tickets,
      subtotal: i.subtotal,
      ...(i.discount ? { discount: i.discount } : {}),
      ...(i.iva ? { iva: i.iva } : {}),
      ...(i.ieps ? { ieps: i.ieps } : {}),
      total: i.total,
    })),
    skipped: result.skipped.map((s) => ({
      receipt_id: s.receiptId,
      ticket: s.ticket,
      code: s.code,
      message: s.message,
      message_en: s.messageEn,
    })),
  };
}

function line(i: GlobalSummary, es: boolean): string {
  const name = i.series ? `${i.series}-${i.folio}` : es ? 'vista previa' : 'preview';
  const status = es
    ? ({ preview: 'vista previa', stamped: 'timbrada', sealed: 'sellada, se timbrará al volver el PAC' }[
        i.status as string
      ] ?? i.status)
    : ({ preview: 'preview', stamped: 'stamped', sealed: 'sealed, stamped when the PAC is back' }[
        i.status as string
      ] ?? i.status);
  const test = i.mode === 'test' ? (es ? ' [PRUEBA]' : ' [TEST]') : '';
  return `  ${name}${test} ${i.period} ${status}${i.uuid ? ` ${i.uuid}` : ''}: ${i.receipts.length} ${es ? 'recibos' : 'receipts'}, subtotal ${i.subtotal}, IVA ${i.iva ?? '0.00'}${i.ieps ? `, IEPS ${i.ieps}` : ''}, total ${i.total} ${i.currency}\n`;
}

function describe(result: CloseResult, es: boolean): string {
  let text = '';
  const open = result.periods.filter((p) => !p.closed);
  if (result.invoices.length === 0) {
    text += es
      ? 'No hay recibos por incluir en una factura global.\n'
      : 'No receipts to include in a factura global.\n';
  } else {
    text += result.dryRun
      ? es
        ? 'Se emitiría:\n'
        : 'Would issue:\n'
      : es
        ? 'Facturas globales:\n'
        : 'Global invoices:\n';
    for (const invoice of result.invoices) text += line(invoice, es);
  }
  if (open.length > 0) {
    text += es
      ? `Periodos aún abiertos (se cerrarán al terminar): ${open.map((p) => p.key).join(', ')}\n`
      : `Periods still open (closed when they end): ${open.map((p) => p.key).join(', ')}\n`;
  }
  for (const s of result.skipped) text += `  ${s.code} ${es ? s.message : s.messageEn}\n`;
  return text;
}
