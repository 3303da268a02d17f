/**
 * A merchant's Certificado de Sello Digital: certificate + private key, checked when created. A Csd that
 * exists opens with its password, its key belongs to its certificate and it is not an e.firma (FIEL).
 * Whether it is valid on a given date is asked per invoice with `assertValidAt(fecha)`.
 *
 * The key lives in a node:crypto KeyObject created once; signatures run in OpenSSL. The password is not
 * kept, and neither key nor password appear when the object is logged or serialised.
 */
import { type KeyObject, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expired, isFiel, keyMismatch } from './csd-errors.js';
import { fechaInstants } from './fecha-instants.js';
import { readCertificate, type SatCertificate } from './read-certificate.js';
import { readPrivateKey } from './read-private-key.js';

export interface CsdInput {
  /** The .cer: DER bytes, PEM text, or base64 DER. */
  certificate: Buffer | string;
  /** The .key: DER bytes (encrypted PKCS#8, as SAT issues it) or PEM text. */
  privateKey: Buffer | string;
  password: string;
}

export interface CsdFiles {
  certificatePath: string;
  privateKeyPath: string;
  password: string;
}

export class Csd {
  readonly #certificate: SatCertificate;
  readonly #key: KeyObject;
  /** Written into every sealed CFDI: encoded once. */
  readonly #certificateBase64: string;

  private constructor(certificate: SatCertificate, key: KeyObject) {
    this.#certificate = certificate;
    this.#key = key;
    this.#certificateBase64 = certificate.der.toString('base64');
  }

  /** Throws CredentialError CSD_CERT_INVALID, CSD_IS_FIEL, CSD_KEY_INVALID, CSD_KEY_PASSWORD or CSD_KEY_MISMATCH. */
  static create(input: CsdInput): Csd {
    const certificate = readCertificate(input.certificate);
    if (certificate.kind === 'fiel') throw isFiel(certificate.rfc, certificate.noCertificado);
    const key = readPrivateKey(input.privateKey, input.password);
    if (!certificate.x509.checkPrivateKey(key)) throw keyMismatch(certificate.noCertificado);
    return new Csd(certificate, key);
  }

  static async fromFiles(files: CsdFiles): Promise<Csd> {
    const [certificate, privateKey] = await Promise.all([
      readFile(files.certificatePath),
      readFile(files.privateKeyPath),
    ]);
    return Csd.create({ certificate, privateKey, password: files.password });
  }

  /** RFC of the emisor the certificate was issued to. */
  get rfc(): string {
    return this.#certificate.rfc;
  }

  /** Name registered with SAT (subject `name`), e.g. "ESCUELA KEMPER URGATE SA DE CV". */
  get legalName(): string {
    return this.#certificate.legalName;
  }

  /** 20-digit NoCertificado, e.g. "30001000000500003416". */
  get noCertificado(): string {
    return this.#certificate.noCertificado;
  }

  get validFrom(): Date {
    return this.#certificate.validFrom;
  }

  get validTo(): Date {
    return this.#certificate.validTo;
  }

  /** Base64 of the DER certificate: the value of the Comprobante's Certificado attribute. */
  get certificateBase64(): string {
    return this.#certificateBase64;
  }

  /** Always true for a Csd that exists (an e.firma is refused when created). */
  get isCsd(): boolean {
    return this.#certificate.kind === 'csd';
  }

  /**
   * Throws CredentialError CSD_EXPIRED unless the certificate is valid at `fecha`.
   * A CFDI Fecha has no offset: without `utcOffsetMinutes` it is read as every instant it may name in Mexico
   * (local+5h to local+8h) and the certificate must be valid for all of them, so a CSD that a PAC might
   * reject near its first or last day is refused here first. See fecha-instants.ts.
   */
  assertValidAt(fecha: string | Date, utcOffsetMinutes?: number): void {
    const { earliest, latest } = fechaInstants(fecha, utcOffsetMinutes);
    const shown = fecha instanceof Date ? fecha.toISOString() : fecha;
    if (earliest.getTime() < this.validFrom.getTime()) {
      throw expired(this.noCertificado, shown, this.validFrom, this.validTo, true);
    }
    if (latest.getTime() > this.validTo.getTime()) {
      throw expired(this.noCertificado, shown, this.validFrom, this.validTo, false);
    }
  }

  /** RSA PKCS#1 v1.5 signature with SHA-256 (node:crypto / OpenSSL). */
  sign(data: Buffer | string): Buffer {
    return sign('sha256', typeof data === 'string' ? Buffer.from(data, 'utf8') : data, this.#key);
  }

  /**
   * The private key, encrypted, for PACs that cancel on the issuer's behalf (Finkok and SW take the
   * key with a password). Never exported in the clear.
   */
  exportPrivateKey(options: {
    format: 'der' | 'pem';
    type: 'pkcs8' | 'pkcs1';
    cipher: string;
    passphrase: string;
  }): Buffer {
    if (options.passphrase === '') throw new Error('exportPrivateKey needs a passphrase');
    const { format, ...rest } = options;
    if (format === 'der') return this.#key.export({ ...rest, format });
    const pem = this.#key.export({ ...rest, format });
    return Buffer.isBuffer(pem) ? pem : Buffer.from(pem, 'utf8');
  }

  toJSON(): Record<string, string> {
    return {
      rfc: this.rfc,
      legalName: this.legalName,
      noCertificado: this.noCertificado,
      validFrom: this.validFrom.toISOString(),
      validTo: this.validTo.toISOString(),
    };
  }
}

/** Same as `Csd.create`: checks the certificate, key and password and returns a Csd ready to seal. */
export function loadCsd(input: CsdInput): Csd {
  return Csd.create(input);
}
