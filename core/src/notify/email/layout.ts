/**
 * The frame every autofactura email shares: a 600 px card with inline CSS (mail clients drop <style>),
 * the merchant's logo and name on a band of the brand color, the body, and a footer that says who sent
 * it and where to ask. Building blocks (details table, button, note) use the same theme.
 */
import type { Branding } from './branding.js';
import { LOGO_CID } from './branding.js';
import type { MailLang } from './format.js';
import { type HtmlValue, html, type SafeHtml } from './html.js';

export interface LayoutParts {
  lang: MailLang;
  branding: Branding;
  /** The subject, also the document title. */
  title: string;
  /** The line mail clients show after the subject in the inbox. */
  preheader: string;
  body: SafeHtml;
  footer: SafeHtml;
}

const FONT = 'font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;';

export function layout(parts: LayoutParts): string {
  const { theme, merchant, logo } = parts.branding;
  const logoImg = logo
    ? html`<img src="cid:${LOGO_CID}" alt="${merchant.tradeName}" height="48" style="display:block;height:48px;max-width:200px;border:0;margin:0 0 12px 0;">`
    : undefined;
  return html`<!DOCTYPE html>
<html lang="${parts.lang === 'es' ? 'es-MX' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${parts.title}</title>
</head>
<body style="margin:0;padding:0;background-color:#F2F4F6;">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;color:transparent;">${parts.preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#F2F4F6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#FFFFFF;border:1px solid ${theme.rule};border-radius:8px;${FONT}color:${theme.text};">
<tr><td style="background-color:${theme.brand};color:${theme.onBrand};padding:20px 28px;border-radius:8px 8px 0 0;">
${logoImg}<div style="font-size:20px;font-weight:bold;line-height:1.3;">${merchant.tradeName}</div>
</td></tr>
<tr><td style="padding:28px;font-size:15px;line-height:1.55;">
${parts.body}
</td></tr>
<tr><td style="padding:16px 28px 24px 28px;border-top:1px solid ${theme.rule};font-size:12px;line-height:1.5;color:${theme.muted};">
${parts.footer}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`.value;
}

export function paragraph(content: HtmlValue): SafeHtml {
  return html`<p style="margin:0 0 16px 0;">${content}</p>`;
}

/** Label/value rows; a long value (a UUID on a phone) wraps rather than widen the card. */
export function detailsTable(
  branding: Branding,
  rows: ReadonlyArray<readonly [string, HtmlValue]>,
): SafeHtml {
  const { theme } = branding;
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 20px 0;font-size:14px;">
${rows.map(
  ([label, value], i) =>
    html`<tr style="background-color:${i % 2 === 0 ? theme.stripe : '#FFFFFF'};"><td style="padding:8px 12px;border-bottom:1px solid ${theme.rule};color:${theme.muted};width:38%;vertical-align:top;">${label}</td><td style="padding:8px 12px;border-bottom:1px solid ${theme.rule};font-weight:bold;overflow-wrap:anywhere;word-break:break-word;">${value}</td></tr>
`,
)}</table>`;
}

/** A call to action; `url` must already be checked (http or https). */
export function button(branding: Branding, url: string, label: string): SafeHtml {
  const { theme } = branding;
  return html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 20px 0;"><tr><td style="background-color:${theme.brand};border-radius:6px;"><a href="${url}" style="display:inline-block;padding:12px 24px;color:${theme.onBrand};font-weight:bold;text-decoration:none;">${label}</a></td></tr></table>`;
}

/** A boxed note in the brand's tint (legal notes, deadlines). */
export function note(branding: Branding, content: HtmlValue): SafeHtml {
  const { theme } = branding;
  return html`<div style="background-color:${theme.tint};border-left:4px solid ${theme.brandInk};padding:12px 16px;margin:0 0 16px 0;font-size:13px;">${content}</div>`;
}

/** The footer: where to ask, and who sent the email on whose behalf. */
export function footer(lines: { ask?: string | undefined; sentBy: string }): SafeHtml {
  return html`${lines.ask ? html`<p style="margin:0 0 6px 0;">${lines.ask}</p>` : ''}<p style="margin:0;">${lines.sentBy}</p>`;
}

/** The plain-text alternative: paragraphs separated by blank lines, rows as "Label: value". */
export function textBody(blocks: ReadonlyArray<string | ReadonlyArray<readonly [string, string]>>): string {
  return `${blocks
    .map((block) => (typeof block === 'string' ? block : block.map(([l, v]) => `${l}: ${v}`).join('\n')))
    .join('\n\n')}\n`;
}
