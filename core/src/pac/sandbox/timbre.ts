/**
 * The TimbreFiscalDigital 1.1 the sandbox writes: SelloSAT is RSA-SHA256 over the timbre's cadena
 * original (`||1.1|UUID|FechaTimbrado|RfcProvCertif|SelloCFD|NoCertificadoSAT||`) with the sandbox's key,
 * so any verifier holding the sandbox certificate (`autofactura pac certificate`) can check it.
 */
import { sign } from 'node:crypto';
import { cadenaTfd } from '../../cfdi/cadena/index.js';
import { serializeXml } from '../../xml/serialize.js';
import { element, NS } from '../../xml/tree.js';
import { SANDBOX_PAC_RFC } from './issue-certificate.js';
import type { SandboxCredential } from './sandbox-credential.js';

export const TFD_SCHEMA_LOCATION =
  'http://www.sat.gob.mx/TimbreFiscalDigital http://www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd';

export interface TimbreInput {
  uuid: string;
  /** Mexico City local time, "YYYY-MM-DDThh:mm:ss". */
  fechaTimbrado: string;
  /** The Comprobante's Sello. */
  selloCfd: string;
  credential: SandboxCredential;
}

/** The serialized tfd:TimbreFiscalDigital element (it declares its own namespaces). */
export function timbreXml({ uuid, fechaTimbrado, selloCfd, credential }: TimbreInput): string {
  const tfd = element('tfd:TimbreFiscalDigital', NS.tfd, {
    'xmlns:tfd': NS.tfd,
    'xmlns:xsi': NS.xsi,
    'xsi:schemaLocation': TFD_SCHEMA_LOCATION,
    Version: '1.1',
    UUID: uuid,
    FechaTimbrado: fechaTimbrado,
    RfcProvCertif: SANDBOX_PAC_RFC,
    SelloCFD: selloCfd,
    NoCertificadoSAT: credential.noCertificado,
  });
  const cadena = cadenaTfd(tfd);
  tfd.attrs.SelloSAT = sign('sha256', Buffer.from(cadena, 'utf8'), credential.key).toString('base64');
  return serializeXml(tfd, { declaration: false });
}
