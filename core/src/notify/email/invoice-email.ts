/**
 * The email that delivers a stamped CFDI (factura, nota de crédito or complemento de pago) to the
 * customer: subject "Factura A-123 de <Comercio>" / "Invoice A-123 from <Merchant>", an HTML body in the
 * merchant's colors with the folio fiscal and the total, a plain-text alternative, and the XML and PDF
 * attached as `<UUID>.xml` and `<UUID>.pdf`.
 */
import { recipients } from '../address.js';
import type { MailMessage } from '../message.js';
import { branding, type MailMerchant } from './branding.js';
import { folioFiscal, pdfAttachment, reference, xmlAttachment } from './document.js';
import { formatCfdiDate, formatMoney, type MailLang } from './format.js';
import { html } from './html.js';
import { documentName, footerLines, greeting, type MailDocumentType, SAT_VERIFY_URL } from './labels.js';
import { detailsTable, footer, layout, note, paragraph, textBody } from './layout.js';

export interface InvoiceEmailInput {
  merchant: MailMerchant;
  to: string | string[];
  bcc?: string | string[];
  lang: MailLang;
  invoice: {
    uuid: string;
    series?: string;
    folio?: string;
    /** Total as written in the CFDI, e.g. "1160.00". */
    total: string;
    currency: string;
    /** CFDI Fecha, "YYYY-MM-DDThh:mm:ss". */
    issuedAt: string;
    receiverName: string;
    type: MailDocumentType;
    /** The stamped XML. */
    xml: string;
    pdf: Buffer;
  };
}

export function invoiceEmail(input: InvoiceEmailInput): MailMessage {
  const { lang, invoice } = input;
  const brand = branding(input.merchant);
  const to = recipients(input.to, 'to');
  const bcc = input.bcc === undefined ? [] : recipients(input.bcc, 'bcc');
  const uuid = folioFiscal(invoice.uuid, 'invoice.uuid');
  const xml = xmlAttachment(invoice.xml, uuid, 'invoice.xml');
  const pdf = pdfAttachment(invoice.pdf, uuid, 'invoice.pdf');
  const ref = reference(invoice.series, invoice.folio);
  // A complemento de pago has Total 0: the amounts paid are in the complement, so none is shown.
  const total =
    invoice.type === 'P' ? undefined : formatMoney(invoice.total, invoice.currency, 'invoice.total');
  const issuedAt = formatCfdiDate(invoice.issuedAt, lang, 'invoice.issuedAt');
  const name = input.merchant.tradeName.trim();
  const w = words(lang, invoice.type, ref, name, total);

  const rows: [string, string][] = [
    [w.uuidLabel, uuid],
    ...(ref ? [[w.refLabel, ref] as [string, string]] : []),
    [w.issuedLabel, issuedAt],
    ...(total ? [[w.totalLabel, total] as [string, string]] : []),
    [w.issuerLabel, `${name} (RFC ${input.merchant.rfc})`],
    [w.receiverLabel, invoice.receiverName],
  ];
  const about =
    lang === 'es'
      ? `tu ${documentName(lang, invoice.type, true)}`
      : `your ${documentName(lang, invoice.type, true)}`;
  const foot = footerLines(lang, input.merchant, about);
  const body = html`${paragraph(greeting(lang, invoice.receiverName))}${paragraph(w.intro)}${detailsTable(brand, rows)}${note(
    brand,
    html`${w.legal} <a href="${SAT_VERIFY_URL}" style="color:${brand.theme.brandInk};">${w.verify}</a>.`,
  )}`;

  return {
    to,
    ...(bcc.length ? { bcc } : {}),
    ...(brand.replyTo ? { replyTo: brand.replyTo } : {}),
    fromName: name,
    subject: w.subject,
    html: layout({
      lang,
      branding: brand,
      title: w.subject,
      preheader: w.preheader,
      body,
      footer: footer(foot),
    }),
    text: textBody([
      greeting(lang, invoice.receiverName),
      w.intro,
      rows,
      `${w.legal} ${w.verify}: ${SAT_VERIFY_URL}`,
      [foot.ask, foot.sentBy].filter(Boolean).join('\n'),
    ]),
    attachments: [...(brand.logo ? [brand.logo] : []), xml, pdf],
  };
}

function words(
  lang: MailLang,
  type: MailDocumentType,
  ref: string | undefined,
  merchant: string,
  total?: string,
) {
  const doc = documentName(lang, type);
  const docLower = documentName(lang, type, true);
  const refText = ref ? ` ${ref}` : '';
  if (lang === 'es') {
    return {
      subject: ref ? `${doc} ${ref} de ${merchant}` : `${doc} de ${merchant}${total ? ` por ${total}` : ''}`,
      preheader: `Tu ${docLower}${refText}${total ? ` por ${total}` : ''}: XML y PDF adjuntos.`,
      intro: `${merchant} te envía tu ${docLower}${refText}. Adjuntamos el archivo XML y su representación impresa en PDF.`,
      uuidLabel: 'Folio fiscal (UUID)',
      refLabel: 'Serie y folio',
      issuedLabel: 'Fecha de emisión',
      totalLabel: 'Total',
      issuerLabel: 'Emisor',
      receiverLabel: 'Receptor',
      legal:
        'El archivo XML es el comprobante fiscal digital (CFDI) con validez legal; el PDF es solo una representación impresa. Conserva el XML.',
      verify: 'Verifica el comprobante en el portal del SAT con su folio fiscal',
    };
  }
  return {
    subject: ref
      ? `${doc} ${ref} from ${merchant}`
      : `${doc} from ${merchant}${total ? ` for ${total}` : ''}`,
    preheader: `Your ${docLower}${refText}${total ? ` for ${total}` : ''}: XML and PDF attached.`,
    intro: `${merchant} sent you your ${docLower}${refText}. The XML file and its printed version (PDF) are attached.`,
    uuidLabel: 'Folio fiscal (UUID)',
    refLabel: 'Series and number',
    issuedLabel: 'Issue date',
    totalLabel: 'Total',
    issuerLabel: 'Issuer',
    receiverLabel: 'Receiver',
    legal:
      'The XML file is the digital tax receipt (CFDI) that has legal validity under Mexican tax law; the PDF is only a printed representation. Keep the XML.',
    verify: "Verify it on SAT's website with its folio fiscal",
  };
}
