/**
 * The notice that a CFDI the customer received was cancelled, or that its cancellation awaits their
 * acceptance (status "En proceso": the receiver answers in SAT's Buzón Tributario within 3 business days;
 * silence counts as acceptance). A rejected request ("Solicitud rechazada") leaves the CFDI valid and is
 * not sent to the customer. The acuse, when given, is attached.
 */

import type { CancellationMotive, CancellationStatus } from '../../pac/port.js';
import { recipients } from '../address.js';
import { invalidContent } from '../errors.js';
import type { MailAttachment, MailMessage } from '../message.js';
import { branding, type MailMerchant } from './branding.js';
import { folioFiscal, reference } from './document.js';
import { formatMoney, type MailLang } from './format.js';
import { html } from './html.js';
import { documentName, footerLines, greeting, type MailDocumentType, MOTIVES, STATUSES } from './labels.js';
import { detailsTable, footer, layout, note, paragraph, textBody } from './layout.js';

export interface CancellationEmailInput {
  merchant: MailMerchant;
  to: string | string[];
  bcc?: string | string[];
  lang: MailLang;
  cancellation: {
    uuid: string;
    series?: string;
    folio?: string;
    total: string;
    currency: string;
    receiverName: string;
    type: MailDocumentType;
    motive: CancellationMotive;
    /** Motive 01: the CFDI that replaces the cancelled one. */
    replacementUuid?: string;
    status: CancellationStatus;
    /** The cancellation acuse (XML), attached when given. */
    acuse?: string;
  };
}

export function cancellationEmail(input: CancellationEmailInput): MailMessage {
  const { lang, cancellation: c } = input;
  const brand = branding(input.merchant);
  const to = recipients(input.to, 'to');
  const bcc = input.bcc === undefined ? [] : recipients(input.bcc, 'bcc');
  const uuid = folioFiscal(c.uuid, 'cancellation.uuid');
  if (c.status === 'Solicitud rechazada' || !(c.status in STATUSES.es)) {
    throw invalidContent(
      'cancellation.status',
      `No se avisa al cliente de una cancelación con estado "${c.status}": la factura sigue vigente.`,
      `The customer is not notified of a cancellation with status "${c.status}": the CFDI is still valid.`,
    );
  }
  if (!(c.motive in MOTIVES.es)) {
    throw invalidContent(
      'cancellation.motive',
      `El motivo "${c.motive}" no es 01, 02, 03 ni 04.`,
      `Motive "${c.motive}" is not 01, 02, 03 or 04.`,
    );
  }
  const replacement =
    c.replacementUuid === undefined
      ? undefined
      : folioFiscal(c.replacementUuid, 'cancellation.replacementUuid');
  const pending = c.status === 'En proceso';
  const ref = reference(c.series, c.folio);
  const total = c.type === 'P' ? undefined : formatMoney(c.total, c.currency, 'cancellation.total');
  const name = input.merchant.tradeName.trim();
  const w = words(lang, documentName(lang, c.type, true), ref, name, uuid, pending, replacement);
  const rows: [string, string][] = [
    [w.uuidLabel, uuid],
    ...(ref ? [[w.refLabel, ref] as [string, string]] : []),
    ...(total ? [[w.totalLabel, total] as [string, string]] : []),
    [w.motiveLabel, MOTIVES[lang][c.motive]],
    ...(replacement ? [[w.replacementLabel, replacement] as [string, string]] : []),
    [w.statusLabel, STATUSES[lang][c.status]],
  ];
  const foot = footerLines(lang, input.merchant, w.about);
  const body = html`${paragraph(greeting(lang, c.receiverName))}${paragraph(w.intro)}${detailsTable(brand, rows)}${note(brand, w.effect)}`;
  const acuse: MailAttachment[] =
    c.acuse === undefined
      ? []
      : [
          {
            filename: `Acuse-cancelacion-${uuid}.xml`,
            content: Buffer.from(c.acuse, 'utf8'),
            contentType: 'application/xml; charset=utf-8',
          },
        ];
  return {
    to,
    ...(bcc.length ? { bcc } : {}),
    ...(brand.replyTo ? { replyTo: brand.replyTo } : {}),
    fromName: name,
    subject: w.subject,
    html: layout({ lang, branding: brand, title: w.subject, preheader: w.intro, body, footer: footer(foot) }),
    text: textBody([
      greeting(lang, c.receiverName),
      w.intro,
      rows,
      w.effect,
      [foot.ask, foot.sentBy].filter(Boolean).join('\n'),
    ]),
    attachments: [...(brand.logo ? [brand.logo] : []), ...acuse],
  };
}

function words(
  lang: MailLang,
  doc: string,
  ref: string | undefined,
  merchant: string,
  uuid: string,
  pending: boolean,
  replacement: string | undefined,
) {
  const named = ref ? `${doc} ${ref}` : doc;
  if (lang === 'es') {
    return {
      subject: pending
        ? `Solicitud de cancelación de tu ${named} de ${merchant}`
        : `Cancelación de tu ${named} de ${merchant}`,
      intro: pending
        ? `${merchant} solicitó al SAT cancelar tu ${named} con folio fiscal ${uuid}. La cancelación necesita tu aceptación.`
        : `${merchant} canceló ante el SAT tu ${named} con folio fiscal ${uuid}.`,
      effect: pending
        ? 'Recibirás la solicitud en tu Buzón Tributario del SAT. Tienes 3 días hábiles para aceptarla o rechazarla; si no respondes, se considera aceptada.'
        : `El comprobante cancelado ya no tiene efectos fiscales.${replacement ? ` Lo sustituye el CFDI con folio fiscal ${replacement}.` : ''}`,
      uuidLabel: 'Folio fiscal (UUID)',
      refLabel: 'Serie y folio',
      totalLabel: 'Total',
      motiveLabel: 'Motivo',
      replacementLabel: 'Folio fiscal que lo sustituye',
      statusLabel: 'Estado',
      about: 'esta cancelación',
    };
  }
  return {
    subject: pending
      ? `Cancellation request for your ${named} from ${merchant}`
      : `Your ${named} from ${merchant} was cancelled`,
    intro: pending
      ? `${merchant} asked SAT to cancel your ${named} with folio fiscal ${uuid}. The cancellation needs your acceptance.`
      : `${merchant} cancelled your ${named} with folio fiscal ${uuid} with SAT.`,
    effect: pending
      ? "You will receive the request in your SAT Buzón Tributario. You have 3 business days to accept or reject it; if you don't answer, it counts as accepted."
      : `The cancelled document no longer has tax effects.${replacement ? ` It is replaced by the CFDI with folio fiscal ${replacement}.` : ''}`,
    uuidLabel: 'Folio fiscal (UUID)',
    refLabel: 'Series and number',
    totalLabel: 'Total',
    motiveLabel: 'Reason',
    replacementLabel: 'Replaced by folio fiscal',
    statusLabel: 'Status',
    about: 'this cancellation',
  };
}
