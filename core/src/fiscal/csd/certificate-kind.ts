/**
 * CSD or e.firma (FIEL)? Both come from SAT's CA with the same subject fields; what differs is what the key
 * may be used for. A SAT e.firma also serves to log in and to encrypt: it carries Extended Key Usage
 * emailProtection + clientAuth (and Key Usage dataEncipherment + keyAgreement). A CSD only signs: Key Usage
 * digitalSignature + nonRepudiation and no Extended Key Usage. node:crypto exposes the Extended Key Usage,
 * which is enough to tell them apart (checked on every SAT test credential in test/fixtures).
 *
 * @nodecfdi/credentials' satType() decides by the presence of an OU (branch name) in the subject instead,
 * which misreads a CSD issued without a branch name.
 */
import type { X509Certificate } from 'node:crypto';

export type CertificateKind = 'csd' | 'fiel';

const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

export function certificateKind(certificate: X509Certificate): CertificateKind {
  // Node 20 names the Extended Key Usage list `keyUsage` (undefined when the extension is absent).
  const extendedKeyUsage: readonly string[] = certificate.keyUsage ?? [];
  return extendedKeyUsage.includes(EMAIL_PROTECTION) || extendedKeyUsage.includes(CLIENT_AUTH)
    ? 'fiel'
    : 'csd';
}
