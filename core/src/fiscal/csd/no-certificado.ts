/**
 * NoCertificado: SAT writes the 20-digit certificate number as the ASCII characters of the X.509 serial
 * number, so serial 0x3330303031... reads "30001...". `X509Certificate.serialNumber` gives that serial in hex.
 */
const NO_CERTIFICADO = /^[0-9]{20}$/;

/** The ASCII reading of a hex serial number, e.g. '3330303031303030303030353030303033343136' -> '30001000000500003416'. */
export function noCertificadoFromSerialHex(serialHex: string): string {
  const hex = serialHex.length % 2 === 0 ? serialHex : `0${serialHex}`;
  return Buffer.from(hex, 'hex').toString('latin1');
}

/** True when the value has SAT's NoCertificado shape: exactly 20 digits. */
export function isNoCertificado(value: string): boolean {
  return NO_CERTIFICADO.test(value);
}
