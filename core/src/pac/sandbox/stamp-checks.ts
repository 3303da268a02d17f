/**
 * What the sandbox checks before it stamps, in the order a PAC answers, with the codes real PACs use
 * (pac-contracts.md): 301 schema, 308 certificate not SAT-shaped, 306 e.firma instead of CSD, 302 Sello,
 * 303 certificate of another RFC, 305 Fecha outside the certificate's validity, 401 Fecha more than 72 h
 * old or in the future, CFDI40128 a Confirmacion this PAC never issued, then the first error of SAT's
 * Matriz de errores (CFDI40xxx) with every finding in `details`.
 */
import type { Catalogs } from '../../catalogs/types.js';
import type { Comprobante } from '../../cfdi/model.js';
import { validateComprobante } from '../../cfdi/validate/index.js';
import { validateXsd } from '../../cfdi/validate/xsd.js';
import { verifyCfdi } from '../../cfdi/verify/verify-cfdi.js';
import { comprobanteFromTree } from '../../cfdi/xml/from-tree.js';
import { isAutofacturaError } from '../../errors.js';
import { readCertificate, type SatCertificate } from '../../fiscal/csd/read-certificate.js';
import type { XmlElement } from '../../xml/tree.js';
import { fechaInstantsAt } from './fecha-window.js';
import { rejected } from './sandbox-errors.js';

const HOUR = 3_600_000;
/** RMF 2.7.1.9 (pac-contracts.md, 401): a PAC stamps a CFDI at most 72 hours after its Fecha. */
export const STAMP_WINDOW_HOURS = 72;

const iso = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

async function checkSchema(xml: string, root: XmlElement, catalogs: Catalogs): Promise<Comprobante> {
  const findings = await validateXsd(xml, catalogs);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    throw rejected(
      '301',
      'El XML no cumple el esquema (XSD) del SAT para CFDI 4.0. Corrige lo que se indica abajo, vuelve a sellar y envía de nuevo.',
      "The XML does not follow SAT's CFDI 4.0 schema (XSD). Fix what is listed below, seal again and resend.",
      errors,
    );
  }
  try {
    return comprobanteFromTree(root);
  } catch (error) {
    if (!isAutofacturaError(error)) throw error;
    throw rejected('301', `El XML no es un CFDI 4.0 legible: ${error.message}`, `${error.messageEn}`);
  }
}

function checkCertificate(comprobante: Comprobante): SatCertificate {
  let certificate: SatCertificate;
  try {
    certificate = readCertificate(comprobante.Certificado ?? '');
  } catch {
    throw rejected(
      '308',
      'El atributo Certificado no contiene un certificado del SAT (base64 del archivo .cer de tu CSD). Vuelve a sellar con el .cer que te entregó el SAT.',
      "The Certificado attribute does not hold a SAT certificate (base64 of your CSD's .cer file). Seal again with the .cer SAT gave you.",
    );
  }
  if (certificate.kind === 'fiel') {
    throw rejected(
      '306',
      `El certificado ${certificate.noCertificado} (${certificate.rfc}) es de e.firma (FIEL), no un Certificado de Sello Digital. Tramita un CSD en el portal del SAT (Certifica) y sella con él.`,
      `Certificate ${certificate.noCertificado} (${certificate.rfc}) is an e.firma (FIEL), not a Certificado de Sello Digital. Get a CSD on SAT's portal (Certifica) and seal with it.`,
    );
  }
  return certificate;
}

function checkSello(root: XmlElement, certificate: SatCertificate): void {
  const result = verifyCfdi(root);
  if (result.sello !== 'valid') {
    throw rejected(
      '302',
      `El Sello no corresponde a la cadena original con el certificado ${certificate.noCertificado}: el XML se modificó después de sellarlo o se selló con otra llave. Vuelve a sellar el comprobante sin modificarlo después.`,
      `The Sello does not match the cadena original under certificate ${certificate.noCertificado}: the XML was changed after sealing or sealed with another key. Seal the invoice again and do not change it afterwards.`,
    );
  }
  if (result.noCertificado !== 'match') {
    throw rejected(
      'CFDI40106',
      `El atributo NoCertificado no es el número del certificado incluido (${certificate.noCertificado}). Vuelve a sellar: el sellado escribe ambos desde el mismo .cer.`,
      `The NoCertificado attribute is not the number of the embedded certificate (${certificate.noCertificado}). Seal again: sealing writes both from the same .cer.`,
    );
  }
}

function checkIssuer(comprobante: Comprobante, certificate: SatCertificate): void {
  if (certificate.rfc === comprobante.Emisor.Rfc) return;
  throw rejected(
    '303',
    `El certificado ${certificate.noCertificado} es del RFC ${certificate.rfc}, pero el emisor del comprobante es ${comprobante.Emisor.Rfc}. Sella con el CSD del emisor.`,
    `Certificate ${certificate.noCertificado} belongs to RFC ${certificate.rfc}, but the invoice's issuer is ${comprobante.Emisor.Rfc}. Seal with the issuer's CSD.`,
  );
}

function checkDates(
  comprobante: Comprobante,
  certificate: SatCertificate,
  now: Date,
  catalogs: Catalogs,
): void {
  const fecha = comprobante.Fecha;
  const { earliest, latest } = fechaInstantsAt(fecha, comprobante.LugarExpedicion, catalogs);
  if (Number.isNaN(earliest.getTime()) || Number.isNaN(latest.getTime())) {
    throw rejected(
      'CFDI40101',
      `La Fecha "${fecha}" no es una fecha que exista. Corrígela y vuelve a sellar.`,
      `Fecha "${fecha}" is not a date that exists. Fix it and seal again.`,
    );
  }
  if (earliest < certificate.validFrom || latest > certificate.validTo) {
    const from = iso(certificate.validFrom);
    const to = iso(certificate.validTo);
    throw rejected(
      '305',
      `La Fecha del comprobante (${fecha}) está fuera de la vigencia del CSD ${certificate.noCertificado} (${from} a ${to}). Renueva tu CSD en el portal del SAT y sella con el nuevo.`,
      `The invoice's Fecha (${fecha}) is outside the validity of CSD ${certificate.noCertificado} (${from} to ${to}). Renew your CSD on SAT's portal and seal with the new one.`,
    );
  }
  if (latest > now) {
    throw rejected(
      '401',
      `La Fecha del comprobante (${fecha}, hora local de ${comprobante.LugarExpedicion}) es posterior a la hora del PAC (${iso(now)}). Revisa el reloj del equipo que genera el CFDI y la zona horaria del lugar de expedición.`,
      `The invoice's Fecha (${fecha}, local time of ${comprobante.LugarExpedicion}) is later than the PAC's time (${iso(now)}). Check the clock of the machine that builds the CFDI and the time zone of the place of issue.`,
    );
  }
  if (earliest.getTime() < now.getTime() - STAMP_WINDOW_HOURS * HOUR) {
    throw rejected(
      '401',
      `La Fecha del comprobante (${fecha}) tiene más de ${STAMP_WINDOW_HOURS} horas: un PAC solo timbra dentro de las ${STAMP_WINDOW_HOURS} horas siguientes. Genera el comprobante de nuevo con la fecha actual y séllalo otra vez.`,
      `The invoice's Fecha (${fecha}) is more than ${STAMP_WINDOW_HOURS} hours old: a PAC only stamps within ${STAMP_WINDOW_HOURS} hours. Build the invoice again with the current date and seal it again.`,
    );
  }
}

function checkRules(comprobante: Comprobante, now: Date, catalogs: Catalogs): void {
  if (comprobante.Confirmacion !== undefined) {
    throw rejected(
      'CFDI40128',
      `La clave de Confirmacion "${comprobante.Confirmacion}" no la emitió este PAC. Quita el atributo Confirmacion (solo se usa cuando el PAC la otorga) y vuelve a sellar.`,
      `Confirmation key "${comprobante.Confirmacion}" was not issued by this PAC. Remove the Confirmacion attribute (used only when the PAC grants one) and seal again.`,
    );
  }
  const report = validateComprobante(comprobante, { catalogs, now });
  if (report.valid) return;
  const first = report.errors[0]!;
  throw rejected(first.code, first.message, first.messageEn, report.errors);
}

/** Resolves with the Comprobante when a PAC would stamp it; rejects with the PacError it would answer. */
export async function checkForStamping(
  xml: string,
  root: XmlElement,
  now: Date,
  catalogs: Catalogs,
): Promise<Comprobante> {
  const comprobante = await checkSchema(xml, root, catalogs);
  const certificate = checkCertificate(comprobante);
  checkSello(root, certificate);
  checkIssuer(comprobante, certificate);
  checkDates(comprobante, certificate, now, catalogs);
  checkRules(comprobante, now, catalogs);
  return comprobante;
}
