/**
 * Finkok's SOAP 1.1 (document/literal) without a SOAP library: the envelope is an XmlElement tree written
 * by core's serializer (so every value is escaped), and the answer is read by local names only, since
 * Finkok's prefixes are not part of its contract (pac-contracts.md).
 *
 * Operations live at `<base>/servicios/soap/stamp` and `<base>/servicios/soap/cancel` (the WSDLs are the
 * same paths with `.wsdl`). Parameters are in the service's namespace; shared types (the cancellation's
 * UUID items, every result field) in `apps.services.soap.core.views`.
 */
import { parseXml } from '../../xml/parse.js';
import { serializeXml } from '../../xml/serialize.js';
import { element, type XmlElement } from '../../xml/tree.js';
import { badResponse, httpStatusError, type PacCall, pacError, redact, send, shorten } from '../http.js';

export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const FINKOK_NS = {
  stamp: 'http://facturacion.finkok.com/stamp',
  cancel: 'http://facturacion.finkok.com/cancel',
  views: 'apps.services.soap.core.views',
} as const;

export type FinkokService = 'stamp' | 'cancel';

/** A parameter: text, or child elements (already in their namespace). */
export type SoapParameter = readonly [name: string, value: string | XmlElement[]];

export function soapEnvelope(service: FinkokService, operation: string, parameters: SoapParameter[]): string {
  const ns = FINKOK_NS[service];
  const children = parameters.map(([name, value]) => {
    const node = element(`fk:${name}`, ns, {}, typeof value === 'string' ? [] : value);
    if (typeof value === 'string') node.text = value;
    return node;
  });
  const envelope = element(
    'soapenv:Envelope',
    SOAP_ENVELOPE_NS,
    { 'xmlns:soapenv': SOAP_ENVELOPE_NS, 'xmlns:fk': ns },
    [
      element('soapenv:Header', SOAP_ENVELOPE_NS),
      element('soapenv:Body', SOAP_ENVELOPE_NS, {}, [element(`fk:${operation}`, ns, {}, children)]),
    ],
  );
  return serializeXml(envelope);
}

/** An element of the views namespace, e.g. the cancellation's `<UUID UUID=".." Motivo=".."/>`. */
export function viewsElement(local: string, attrs: Record<string, string>): XmlElement {
  return element(`fkv:${local}`, FINKOK_NS.views, { 'xmlns:fkv': FINKOK_NS.views, ...attrs });
}

/**
 * Posts one operation and returns its `<operation>Result` element. Throws PacError: SOAP_FAULT
 * (retriable), HTTP_xxx, PAC_BAD_RESPONSE, or the transport codes of http.ts.
 */
export async function callSoap(
  call: PacCall,
  baseUrl: string,
  service: FinkokService,
  operation: string,
  parameters: SoapParameter[],
): Promise<XmlElement> {
  const response = await send(call, `${baseUrl}/servicios/soap/${service}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${operation}"` },
    body: soapEnvelope(service, operation, parameters),
  });
  let root: XmlElement;
  try {
    root = parseXml(response.text);
  } catch (error) {
    if (response.status >= 400) throw httpStatusError(call, response.status, response.text);
    throw badResponse(call, 'no es XML bien formado', 'it is not well-formed XML', error);
  }
  const body = root.local === 'Envelope' ? child(root, 'Body') : undefined;
  if (body === undefined) {
    if (response.status >= 400) throw httpStatusError(call, response.status, response.text);
    throw badResponse(call, 'no es un sobre SOAP', 'it is not a SOAP envelope');
  }
  const fault = child(body, 'Fault');
  if (fault !== undefined) throw soapFault(call, fault);
  if (response.status >= 400) throw httpStatusError(call, response.status, response.text);
  const result = child(child(body, `${operation}Response`), `${operation}Result`);
  if (result === undefined) {
    throw badResponse(call, `falta ${operation}Result`, `${operation}Result is missing`);
  }
  return result;
}

function soapFault(call: PacCall, fault: XmlElement): never {
  const reason = shorten(
    redact(call, text(fault, 'faultstring') || text(fault, 'faultcode') || 'sin detalle'),
  );
  throw pacError(call, {
    code: 'SOAP_FAULT',
    retriable: true,
    message: `Finkok no pudo atender "${call.operation}" (SOAP Fault: ${reason}). Intente de nuevo en unos minutos; si persiste, revise el certificado y la llave enviados o contacte a Finkok.`,
    messageEn: `Finkok could not serve "${call.operation}" (SOAP Fault: ${reason}). Try again in a few minutes; if it persists, check the certificate and key sent or contact Finkok.`,
  });
}

/** The first child with this local name, whatever its prefix or namespace. */
export function child(parent: XmlElement | undefined, local: string): XmlElement | undefined {
  return parent?.children.find((c) => c.local === local);
}

export function childrenNamed(parent: XmlElement | undefined, local: string): XmlElement[] {
  return parent?.children.filter((c) => c.local === local) ?? [];
}

/** Text of the first child with this local name; '' when absent or empty. */
export function text(parent: XmlElement | undefined, local: string): string {
  return child(parent, local)?.text?.trim() ?? '';
}

export interface Incidencia {
  code: string;
  message: string;
}

/** `Incidencias/Incidencia{CodigoError, MensajeIncidencia}` of a result. */
export function incidencias(result: XmlElement): Incidencia[] {
  return childrenNamed(child(result, 'Incidencias'), 'Incidencia').map((incidencia) => ({
    code: text(incidencia, 'CodigoError'),
    message: text(incidencia, 'MensajeIncidencia'),
  }));
}
