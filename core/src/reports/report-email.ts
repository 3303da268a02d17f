/**
 * The report email to the merchant: subject "Reporte de noviembre de 2026 — <Comercio>", the summary table
 * in the body (HTML in the merchant's colors and plain text) and the XLSX attached.
 */
import { recipients } from '../notify/address.js';
import { branding, type MailMerchant } from '../notify/email/branding.js';
import { formatMoney } from '../notify/email/format.js';
import { html } from '../notify/email/html.js';
import { detailsTable, footer, layout, paragraph, textBody } from '../notify/email/layout.js';
import type { MailMessage } from '../notify/message.js';
import type { Lang } from './tables.js';
import type { PeriodReport } from './types.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reportEmail(input: {
  merchant: MailMerchant;
  to: string[];
  bcc?: string[];
  lang: Lang;
  report: PeriodReport;
  xlsx: Buffer;
}): MailMessage {
  const { report, lang } = input;
  const brand = branding(input.merchant);
  const name = input.merchant.tradeName.trim();
  const es = lang === 'es';
  const label = es ? report.period.label : report.period.labelEn;
  const mx = (amount: string) =>
    amount.startsWith('-') ? `-${formatMoney(amount.slice(1), 'MXN')}` : formatMoney(amount, 'MXN');
  const k = report.byKind;
  const rec = report.reconciliation;
  const flagged = Object.values(rec.counts).reduce((a, b) => a + b, 0);
  const rows: [string, string][] = [
    [es ? 'Facturas (ingreso)' : 'Invoices', `${k.invoice.count} · ${mx(k.invoice.total)}`],
    [es ? 'Facturas globales' : 'Facturas globales', `${k.global.count} · ${mx(k.global.total)}`],
    [es ? 'Notas de crédito' : 'Credit notes', `${k.credit_note.count} · ${mx(k.credit_note.total)}`],
    [es ? 'Neto facturado' : 'Net invoiced', mx(report.net.total)],
    [es ? 'IVA trasladado' : 'VAT', mx(report.net.iva)],
    [
      es ? 'Cancelaciones' : 'Cancellations',
      `${report.cancellations.count} · ${mx(report.cancellations.total)}`,
    ],
    [
      es ? 'Recibos pendientes' : 'Pending receipts',
      `${report.receipts.pending.count} · ${mx(report.receipts.pending.amount)}`,
    ],
    [es ? 'Pagos con error' : 'Failed payments', String(report.failures.count)],
    [es ? 'Pagos conciliados' : 'Payments reconciled', `${rec.matched} / ${rec.payments}`],
    [es ? 'Alertas de conciliación' : 'Reconciliation flags', String(flagged)],
  ];
  const subject = es ? `Reporte de ${label} — ${name}` : `Report for ${label} — ${name}`;
  const intro = es
    ? `Este es el resumen de facturación de ${label}. El detalle (documentos, pagos, recibos y conciliación) va en el archivo Excel adjunto.`
    : `This is the invoicing summary for ${label}. The detail (documents, payments, receipts and reconciliation) is in the attached Excel file.`;
  const action =
    flagged > 0
      ? es
        ? `Hay ${flagged} alertas de conciliación: revísalas en la hoja "Conciliación" o en el panel.`
        : `There are ${flagged} reconciliation flags: review them in the "Reconciliation" sheet or the dashboard.`
      : es
        ? 'Todos los pagos del periodo tienen su comprobante.'
        : 'Every payment of the period has its document.';
  const sentBy = es
    ? `Enviado por autofactura a nombre de ${name} (RFC ${input.merchant.rfc}).`
    : `Sent by autofactura on behalf of ${name} (RFC ${input.merchant.rfc}).`;
  const filename = `reporte-${report.period.key}.xlsx`;
  return {
    to: recipients(input.to, 'to'),
    ...(input.bcc?.length ? { bcc: recipients(input.bcc, 'bcc') } : {}),
    fromName: name,
    subject,
    html: layout({
      lang,
      branding: brand,
      title: subject,
      preheader: intro,
      body: html`${paragraph(intro)}${detailsTable(brand, rows)}${paragraph(action)}`,
      footer: footer({ sentBy }),
    }),
    text: textBody([intro, rows, action, sentBy]),
    attachments: [
      ...(brand.logo ? [brand.logo] : []),
      { filename, content: input.xlsx, contentType: XLSX_TYPE },
    ],
  };
}
