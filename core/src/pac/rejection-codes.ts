/**
 * The codes every PAC uses when it refuses to stamp (SAT's validations for PACs: 301-308, 401-403, and
 * the CFDI40xxx matrix) or SAT refuses a cancellation (EstatusUUID 203-205), each with a plain-Spanish
 * message that says what to fix. A rejection is about the document, so sending it again gets the same
 * answer: not retriable, except where noted (307 not yet recoverable, 205 not yet known to SAT).
 */

export interface Rejection {
  message: string;
  messageEn: string;
  retriable: boolean;
}

type Text = readonly [es: string, en: string];

const CODES: Record<string, Text> = {
  '203': [
    'El UUID no corresponde al RFC emisor que solicita la cancelación. Cancele con el CSD del emisor del CFDI.',
    'The UUID does not belong to the issuer RFC asking for the cancellation. Cancel with the CFDI issuer’s CSD.',
  ],
  '204': [
    'El SAT indica que ese CFDI no es aplicable a cancelación. Consulte su estatus en el portal del SAT.',
    'SAT says that CFDI cannot be cancelled. Check its status on SAT’s portal.',
  ],
  '205': [
    'El SAT aún no tiene registrado ese UUID (puede tardar hasta 72 horas tras el timbrado). Intente la cancelación más tarde.',
    'SAT does not have that UUID yet (it can take up to 72 hours after stamping). Try the cancellation later.',
  ],
  '301': [
    'El XML está mal formado o no cumple el esquema del CFDI 4.0. Genere el CFDI de nuevo.',
    'The XML is malformed or does not follow the CFDI 4.0 schema. Generate the CFDI again.',
  ],
  '302': [
    'El Sello no corresponde al contenido: el XML cambió después de sellarlo o se selló con otra llave. Vuelva a sellar el CFDI con el CSD del emisor.',
    'The Sello does not match the content: the XML changed after it was sealed, or another key sealed it. Seal the CFDI again with the issuer’s CSD.',
  ],
  '303': [
    'El certificado con que se selló no pertenece al RFC emisor. Use el CSD del emisor.',
    'The certificate used to seal does not belong to the issuer’s RFC. Use the issuer’s CSD.',
  ],
  '304': [
    'El CSD está revocado o caducado. Tramite un CSD nuevo en el portal del SAT y vuelva a sellar.',
    'The CSD is revoked or expired. Get a new CSD from SAT’s portal and seal again.',
  ],
  '305': [
    'La Fecha del CFDI está fuera de la vigencia del CSD. Use un CSD vigente en esa fecha.',
    'The CFDI’s Fecha is outside the CSD’s validity. Use a CSD valid on that date.',
  ],
  '306': [
    'El certificado no es un CSD (¿es la e.firma?). Selle con el Certificado de Sello Digital.',
    'The certificate is not a CSD (is it the e.firma?). Seal with the Certificado de Sello Digital.',
  ],
  '307': [
    'El CFDI ya había sido timbrado y no fue posible recuperar ese timbre. Intente de nuevo en unos minutos: el PAC devolverá el timbre original.',
    'The CFDI had already been stamped and that timbre could not be recovered. Try again in a few minutes: the PAC will return the original timbre.',
  ],
  '308': [
    'El certificado no fue expedido por el SAT. Use el CSD que le entregó el SAT.',
    'The certificate was not issued by SAT. Use the CSD SAT issued to you.',
  ],
  '401': [
    'La Fecha del CFDI está fuera de rango: debe ser de las últimas 72 horas y no futura. Genere el CFDI de nuevo con la fecha y hora actuales.',
    'The CFDI’s Fecha is out of range: it must be within the last 72 hours and not in the future. Generate the CFDI again with the current date and time.',
  ],
  '402': [
    'El RFC emisor no está en la lista de contribuyentes (LCO) del SAT o su CSD aún no aparece en ella. Si tramitó el CSD hace poco, espere hasta 72 horas.',
    'The issuer’s RFC is not in SAT’s taxpayer list (LCO), or its CSD is not there yet. If the CSD is new, wait up to 72 hours.',
  ],
  '403': [
    'La Fecha del CFDI es anterior al 1 de enero de 2012. Corrija la Fecha.',
    'The CFDI’s Fecha is before January 1st, 2012. Correct the Fecha.',
  ],
};

/** Codes where the same request can work later. */
const TRANSIENT = new Set(['307', '205']);

/** What a rejection means for the merchant. `pacMessage` is the PAC's own text (already redacted). */
export function rejection(label: string, code: string, pacMessage: string): Rejection {
  const said = pacMessage === '' ? '' : ` (${label}: ${pacMessage})`;
  const known = CODES[code];
  if (known) {
    return { message: `${known[0]}${said}`, messageEn: `${known[1]}${said}`, retriable: TRANSIENT.has(code) };
  }
  if (/^CFDI\d{5}$/.test(code)) {
    return {
      message: `El SAT rechaza el CFDI por la regla ${code}${said}. Corrija el dato que indica la regla y genere el CFDI de nuevo.`,
      messageEn: `SAT rejects the CFDI under rule ${code}${said}. Correct the field the rule names and generate the CFDI again.`,
      retriable: false,
    };
  }
  return {
    message: `${label} rechazó la operación con el código ${code}${said}.`,
    messageEn: `${label} refused the operation with code ${code}${said}.`,
    retriable: false,
  };
}
