/**
 * Issues the sandbox PAC's own certificate: RSA 2048 from node:crypto and a self-signed X.509 v3
 * certificate written in DER by hand (./der.ts), shaped like SAT's: the 20-digit NoCertificado as the
 * ASCII bytes of the serial number, the holder's RFC in x500UniqueIdentifier, sha256WithRSAEncryption,
 * Basic Constraints CA:FALSE and Key Usage digitalSignature + nonRepudiation (a CSD's, not an e.firma's).
 *
 * NoCertificado starts with "90001": SAT's numbers start with 0, 2 or 3, so a sandbox number can never
 * be mistaken for a real certificate's.
 */
import { generateKeyPairSync, randomInt, sign } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  nullValue,
  objectIdentifier,
  octetString,
  printableString,
  sequence,
  set,
  smallInteger,
  tlv,
  unsignedInteger,
  x509Time,
} from './der.js';

/** RFC of SAT's test PAC ("SAT PRUEBAS"), written as RfcProvCertif and in the certificate. */
export const SANDBOX_PAC_RFC = 'SPR190613I52';
export const SANDBOX_PAC_NAME = 'AUTOFACTURA SANDBOX PAC';

const YEAR = 365 * 24 * 3_600_000;
/** SAT issues CSDs for four years. */
const VALIDITY = 4 * YEAR;
/** Tolerates a clock slightly behind the one that issued the certificate. */
const BACKDATE = 3_600_000;

const OID = {
  sha256WithRsa: '1.2.840.113549.1.1.11',
  commonName: '2.5.4.3',
  name: '2.5.4.41',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  country: '2.5.4.6',
  uniqueIdentifier: '2.5.4.45',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
} as const;

export interface IssuedCertificate {
  noCertificado: string;
  /** DER of the certificate. */
  der: Buffer;
  /** Unencrypted PKCS#8 PEM of its private key. */
  keyPem: string;
}

function attribute(oid: string, value: Buffer): Buffer {
  return set(sequence(objectIdentifier(oid), value));
}

function sandboxName(): Buffer {
  return sequence(
    attribute(OID.commonName, printableString(SANDBOX_PAC_NAME)),
    attribute(OID.name, printableString(SANDBOX_PAC_NAME)),
    attribute(OID.organization, printableString('AUTOFACTURA SANDBOX - SIN VALIDEZ FISCAL')),
    attribute(OID.uniqueIdentifier, printableString(SANDBOX_PAC_RFC)),
    attribute(OID.organizationalUnit, printableString('PAC de pruebas')),
    attribute(OID.country, printableString('MX')),
  );
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), boolean(critical), octetString(value));
}

function extensions(): Buffer {
  // KeyUsage BIT STRING: digitalSignature (bit 0) + nonRepudiation (bit 1) = 0b11000000, 6 unused bits.
  const keyUsage = tlv(0x03, Buffer.from([0x06, 0xc0]));
  return explicit(
    3,
    sequence(extension(OID.basicConstraints, true, sequence()), extension(OID.keyUsage, true, keyUsage)),
  );
}

/** A new NoCertificado: "90001" and 15 random digits. */
export function newNoCertificado(): string {
  let digits = '90001';
  while (digits.length < 20) digits += String(randomInt(10));
  return digits;
}

export function issueSandboxCertificate(now: Date): IssuedCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const noCertificado = newNoCertificado();
  const algorithm = sequence(objectIdentifier(OID.sha256WithRsa), nullValue());
  const notBefore = new Date(Math.floor((now.getTime() - BACKDATE) / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + VALIDITY);
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(Buffer.from(noCertificado, 'latin1')),
    algorithm,
    sandboxName(),
    sequence(x509Time(notBefore), x509Time(notAfter)),
    sandboxName(),
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions(),
  );
  const signature = sign('sha256', tbs, privateKey);
  return {
    noCertificado,
    der: sequence(tbs, algorithm, bitString(signature)),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
