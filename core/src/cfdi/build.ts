/**
 * The two steps that turn an invoice request into a sealed CFDI, kept apart as CfdiUtils does:
 * `buildComprobante` (request -> computed, validated Comprobante) and `sealComprobante` (Comprobante +
 * CSD -> NoCertificado, Certificado, cadena original, Sello, XML). Validation of a finished document
 * (XSD included) is `validateCfdiXml` in validate-xml.ts.
 */
import type { Catalogs } from '../catalogs/types.js';
import { CredentialError, ValidationError } from '../errors.js';
import type { Csd } from '../fiscal/csd/index.js';
import { serializeXml } from '../xml/serialize.js';
import type { XmlElement } from '../xml/tree.js';
import { cadenaOriginal } from './cadena/index.js';
import { computeComprobante } from './compute/index.js';
import type { Comprobante } from './model.js';
import { parseInvoiceRequest } from './request/index.js';
import { validateComprobante } from './validate/index.js';
import type { Finding } from './validate/types.js';
import { comprobanteToTree } from './xml/to-tree.js';

export interface BuildOptions {
  /** Clock for the default Fecha. */
  now?: Date;
  catalogs?: Catalogs;
}

export interface BuiltComprobante {
  comprobante: Comprobante;
  /** Findings that do not stop the invoice (e.g. an RFC check digit that does not match). */
  warnings: Finding[];
}

/** Parses and computes the request, then applies every offline SAT rule. Throws ValidationError. */
export function buildComprobante(request: unknown, options: BuildOptions = {}): BuiltComprobante {
  const parsed = parseInvoiceRequest(request);
  const comprobante = computeComprobante(parsed, options);
  const report = validateComprobante(comprobante, options);
  if (!report.valid) {
    const first = report.errors[0]!;
    throw new ValidationError({
      code: first.code,
      message: first.message,
      messageEn: first.messageEn,
      status: 422,
      details: report.errors.map(({ code, message, messageEn, path }) => ({
        code,
        message,
        messageEn,
        ...(path ? { path } : {}),
      })),
    });
  }
  return { comprobante, warnings: report.warnings };
}

export interface SealedCfdi {
  comprobante: Comprobante;
  tree: XmlElement;
  cadena: string;
  xml: string;
}

/**
 * Seals with the merchant's CSD: refuses a CSD of another RFC or one not valid at the CFDI's Fecha,
 * writes NoCertificado and Certificado, computes the cadena original and signs it (node:crypto).
 */
export function sealComprobante(comprobante: Comprobante, csd: Csd): SealedCfdi {
  if (csd.rfc !== comprobante.Emisor.Rfc) {
    throw new CredentialError({
      code: 'CSD_RFC_MISMATCH',
      message: `El CSD es del RFC ${csd.rfc} pero el emisor del CFDI es ${comprobante.Emisor.Rfc}. Usa el CSD del emisor.`,
      messageEn: `The CSD belongs to RFC ${csd.rfc} but the CFDI's issuer is ${comprobante.Emisor.Rfc}. Use the issuer's CSD.`,
    });
  }
  csd.assertValidAt(comprobante.Fecha);
  const sealed: Comprobante = {
    ...comprobante,
    Sello: '',
    NoCertificado: csd.noCertificado,
    Certificado: csd.certificateBase64,
  };
  const tree = comprobanteToTree(sealed);
  const cadena = cadenaOriginal(tree);
  const sello = csd.sign(cadena).toString('base64');
  tree.attrs.Sello = sello;
  sealed.Sello = sello;
  return { comprobante: sealed, tree, cadena, xml: serializeXml(tree) };
}
