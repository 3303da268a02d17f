/**
 * What the real PAC adapters check before they trust a stamp: the CFDI that comes back is the one we
 * sealed (same Sello), it carries a TimbreFiscalDigital 1.1 whose SelloCFD is that Sello, and its UUID
 * is well-formed and the one the PAC reported. Anything else is PAC_BAD_RESPONSE: we never hand on an
 * XML we cannot stand behind.
 */
import { AutofacturaError } from '../errors.js';
import { parseXml } from '../xml/parse.js';
import { firstChild, NS, type XmlElement } from '../xml/tree.js';
import { badResponse, type PacCall, pacError } from './http.js';
import type { StampResult } from './port.js';
import { insertTimbre } from './sandbox/insert-timbre.js';

export interface SealedDocument {
  xml: string;
  /** The Comprobante's Sello. */
  sello: string;
  /** The Comprobante's namespace prefix with its colon ('cfdi:'), '' for a default namespace. */
  prefix: string;
}

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;
const FECHA = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** Reads the sealed XML before it is sent. Throws a non-retriable PacError when it is no sealed CFDI 4.0. */
export function readSealed(call: PacCall, xml: string): SealedDocument {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    const reason = error instanceof AutofacturaError ? error.message : String(error);
    const reasonEn = error instanceof AutofacturaError ? (error.messageEn ?? error.message) : String(error);
    throw pacError(call, {
      code: 'XML_MALFORMED',
      retriable: false,
      message: `No se envió a ${call.label}. ${reason}`,
      messageEn: `Not sent to ${call.label}. ${reasonEn}`,
      cause: error,
    });
  }
  const sello = root.attrs.Sello ?? '';
  if (root.local !== 'Comprobante' || root.ns !== NS.cfdi || sello === '') {
    throw pacError(call, {
      code: 'CFDI_NOT_SEALED',
      retriable: false,
      message: `No se envió a ${call.label}: el documento no es un CFDI 4.0 sellado (falta cfdi:Comprobante con Sello). Selle el CFDI con el CSD del emisor antes de timbrarlo.`,
      messageEn: `Not sent to ${call.label}: the document is not a sealed CFDI 4.0 (no cfdi:Comprobante with a Sello). Seal the CFDI with the issuer's CSD before stamping it.`,
    });
  }
  const colon = root.name.indexOf(':');
  return { xml, sello, prefix: colon === -1 ? '' : root.name.slice(0, colon + 1) };
}

export interface StampedOptions {
  duplicate: boolean;
  /** The UUID the PAC reported beside the XML, when it reported one. */
  reportedUuid?: string;
}

/** Checks the stamped CFDI a PAC returned and turns it into a StampResult (the PAC's bytes, untouched). */
export function stampResultFrom(
  call: PacCall,
  sealed: SealedDocument,
  stampedXml: string,
  options: StampedOptions,
): StampResult {
  let root: XmlElement;
  try {
    root = parseXml(stampedXml);
  } catch (error) {
    throw badResponse(
      call,
      'el CFDI timbrado no es XML bien formado',
      'the stamped CFDI is not well-formed XML',
      error,
    );
  }
  if (root.local !== 'Comprobante' || root.ns !== NS.cfdi || root.attrs.Sello !== sealed.sello) {
    throw badResponse(
      call,
      'el CFDI devuelto no es el que se envió (su Sello es otro)',
      'the CFDI returned is not the one sent (its Sello differs)',
    );
  }
  const tfd = timbreOf(root);
  if (tfd === undefined || tfd.attrs.Version !== '1.1') {
    throw badResponse(
      call,
      'el CFDI no trae TimbreFiscalDigital 1.1',
      'the CFDI has no TimbreFiscalDigital 1.1',
    );
  }
  const uuid = tfd.attrs.UUID ?? '';
  const fecha = tfd.attrs.FechaTimbrado ?? '';
  if (tfd.attrs.SelloCFD !== sealed.sello || !UUID.test(uuid) || !FECHA.test(fecha)) {
    throw badResponse(
      call,
      'el TimbreFiscalDigital no corresponde al CFDI (SelloCFD, UUID o FechaTimbrado)',
      'the TimbreFiscalDigital does not match the CFDI (SelloCFD, UUID or FechaTimbrado)',
    );
  }
  if (options.reportedUuid !== undefined && options.reportedUuid.toUpperCase() !== uuid.toUpperCase()) {
    throw badResponse(
      call,
      `el UUID informado (${options.reportedUuid}) no es el del timbre (${uuid})`,
      `the UUID reported (${options.reportedUuid}) is not the timbre's (${uuid})`,
    );
  }
  return { uuid: uuid.toUpperCase(), stampedAt: fecha, xml: stampedXml, duplicate: options.duplicate };
}

/** The sealed XML with a TimbreFiscalDigital the PAC returned on its own (e.g. SW's `data.tfd`). */
export function withTimbre(call: PacCall, sealed: SealedDocument, tfdXml: string): string {
  const text = tfdXml.replace(/^\uFEFF?\s*(<\?xml[^?]*\?>)?\s*/, '').trim();
  let tfd: XmlElement;
  try {
    tfd = parseXml(text);
  } catch (error) {
    throw badResponse(
      call,
      'el timbre devuelto no es XML bien formado',
      'the timbre returned is not well-formed XML',
      error,
    );
  }
  if (tfd.local !== 'TimbreFiscalDigital' || tfd.ns !== NS.tfd) {
    throw badResponse(
      call,
      'lo devuelto como timbre no es un TimbreFiscalDigital',
      'what came back as the timbre is not a TimbreFiscalDigital',
    );
  }
  return insertTimbre(sealed.xml, sealed.prefix, text);
}

function timbreOf(root: XmlElement): XmlElement | undefined {
  for (const child of root.children) {
    if (child.local !== 'Complemento' || child.ns !== NS.cfdi) continue;
    const tfd = firstChild(child, NS.tfd, 'TimbreFiscalDigital');
    if (tfd !== undefined) return tfd;
  }
  return undefined;
}
