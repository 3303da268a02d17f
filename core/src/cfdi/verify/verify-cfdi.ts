/**
 * Verifies a sealed (and possibly stamped) CFDI 4.0 offline: the Sello over the cadena original with the
 * embedded Certificado, NoCertificado against that certificate's serial and, when a TimbreFiscalDigital is
 * present, SelloCFD == Sello and SelloSAT over the timbre's cadena with the PAC certificate it names.
 * It does not ask SAT whether the CFDI is registered or cancelled.
 */
import { X509Certificate } from 'node:crypto';
import { XmlError } from '../../errors.js';
import { noCertificadoFromSerialHex } from '../../fiscal/csd/no-certificado.js';
import { parseXml } from '../../xml/parse.js';
import { firstChild, NS, type XmlElement } from '../../xml/tree.js';
import { cadenaOriginal, cadenaTfd } from '../cadena/index.js';
import { verifySelloWithCertificate } from '../sello/verify-sello.js';
import { defaultPacCertificates, type PacCertificates } from './pac-certificates.js';
import { problems, type VerifyProblem, type VerifyResult } from './verify-problems.js';

export interface VerifyOptions {
  /** Where to find PAC certificates by NoCertificadoSAT; defaults to the built-in set plus AUTOFACTURA_PAC_CERTS_DIR. */
  pacCertificates?: PacCertificates;
}

/** Throws XmlError when the XML is malformed or not a CFDI 4.0 Comprobante; every other failure is in the result. */
export function verifyCfdi(xml: string | Buffer | XmlElement, options: VerifyOptions = {}): VerifyResult {
  const root = typeof xml === 'string' || Buffer.isBuffer(xml) ? parseXml(xml) : xml;
  if (root.local !== 'Comprobante' || root.ns !== NS.cfdi) {
    throw new XmlError({
      code: 'CFDI_NOT_40',
      message: `El documento no es un CFDI 4.0 (raíz ${root.name}, espacio de nombres "${root.ns}").`,
      messageEn: `The document is not a CFDI 4.0 (root ${root.name}, namespace "${root.ns}").`,
    });
  }
  const found: VerifyProblem[] = [];
  const sello = root.attrs.Sello ?? '';
  const { sello: selloState, noCertificado } = checkSello(root, found);
  const result: VerifyResult = { ok: false, sello: selloState, noCertificado, problems: found };
  const tfd = timbre(root);
  if (tfd !== undefined) {
    result.tfd = checkTimbre(tfd, sello, options.pacCertificates ?? defaultPacCertificates(), found);
  }
  result.ok =
    selloState === 'valid' &&
    noCertificado === 'match' &&
    (result.tfd === undefined || (result.tfd.selloCfdMatches && result.tfd.selloSat !== 'invalid'));
  return result;
}

function checkSello(root: XmlElement, found: VerifyProblem[]): Pick<VerifyResult, 'sello' | 'noCertificado'> {
  const sello = root.attrs.Sello ?? '';
  const certificado = (root.attrs.Certificado ?? '').replace(/\s+/g, '');
  const declared = root.attrs.NoCertificado ?? '';
  if (sello === '' || certificado === '') {
    found.push(problems.selloMissing());
    return { sello: 'missing', noCertificado: 'missing' };
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(certificado, 'base64'));
  } catch {
    found.push(problems.certificadoInvalid());
    return { sello: 'invalid', noCertificado: declared === '' ? 'missing' : 'mismatch' };
  }
  const actual = noCertificadoFromSerialHex(certificate.serialNumber);
  let noCertificado: VerifyResult['noCertificado'] = 'match';
  if (declared === '') {
    noCertificado = 'missing';
    found.push(problems.noCertificadoMissing());
  } else if (declared !== actual) {
    noCertificado = 'mismatch';
    found.push(problems.noCertificadoMismatch(declared, actual));
  }
  let cadena: string;
  try {
    cadena = cadenaOriginal(root);
  } catch (error) {
    found.push(problems.cadenaFailed(error instanceof Error ? error.message : String(error)));
    return { sello: 'invalid', noCertificado };
  }
  const valid = verifySelloWithCertificate(cadena, sello, certificate);
  if (!valid) found.push(problems.selloInvalid(actual));
  return { sello: valid ? 'valid' : 'invalid', noCertificado };
}

function timbre(root: XmlElement): XmlElement | undefined {
  for (const child of root.children) {
    if (child.local !== 'Complemento' || child.ns !== NS.cfdi) continue;
    const tfd = firstChild(child, NS.tfd, 'TimbreFiscalDigital');
    if (tfd !== undefined) return tfd;
  }
  return undefined;
}

function checkTimbre(
  tfd: XmlElement,
  sello: string,
  pacCertificates: PacCertificates,
  found: VerifyProblem[],
): NonNullable<VerifyResult['tfd']> {
  const selloCfdMatches = sello !== '' && (tfd.attrs.SelloCFD ?? '') === sello;
  if (!selloCfdMatches) found.push(problems.selloCfdMismatch());
  const noCertificadoSat = tfd.attrs.NoCertificadoSAT ?? '';
  const certificate = pacCertificates.find(noCertificadoSat);
  if (certificate === undefined) return { selloCfdMatches, selloSat: 'unknown-certificate' };
  let valid = false;
  try {
    valid = verifySelloWithCertificate(cadenaTfd(tfd), tfd.attrs.SelloSAT ?? '', certificate);
  } catch (error) {
    found.push(problems.cadenaFailed(error instanceof Error ? error.message : String(error)));
    return { selloCfdMatches, selloSat: 'invalid' };
  }
  if (!valid) found.push(problems.selloSatInvalid(noCertificadoSat));
  return { selloCfdMatches, selloSat: valid ? 'valid' : 'invalid' };
}
