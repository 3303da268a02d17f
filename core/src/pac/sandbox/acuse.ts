/**
 * The acuse of a cancellation request, shaped like SAT's (`Acuse` with Fecha and RfcEmisor, `Folios` in
 * http://cancelacfd.sat.gob.mx with UUID and EstatusUUID, an enveloped XML-DSig `Signature Id="SelloSAT"`),
 * signed with the sandbox key. SAT signs with HMAC-SHA512; the sandbox uses RSA-SHA256 with its
 * certificate in KeyInfo so anyone can check it.
 *
 * The signed parts are written directly in their Exclusive XML Canonicalization form (no whitespace
 * between elements, attributes sorted, explicit end tags), so the digest and the signature are computed
 * over exactly what an XML-DSig verifier canonicalizes: the document minus Signature, and SignedInfo.
 */
import { createHash, sign } from 'node:crypto';
import { mexicoCityTime } from './fecha-window.js';
import type { SandboxCredential } from './sandbox-credential.js';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const CANCELACFD = 'http://cancelacfd.sat.gob.mx';

/** Canonical XML escaping of an attribute value (the values here are RFCs and dates: no tabs or breaks). */
function c14nAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** Canonical XML escaping of character data. */
function c14nText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface AcuseInput {
  issuerRfc: string;
  uuid: string;
  /** 201: solicitud de cancelación recibida. */
  estatusUuid: '201';
  at: Date;
  credential: SandboxCredential;
}

export function cancellationAcuse({ issuerRfc, uuid, estatusUuid, at, credential }: AcuseInput): string {
  const fecha = `${mexicoCityTime(at)}.${String(at.getUTCMilliseconds()).padStart(3, '0')}`;
  const attributes = `Fecha="${c14nAttribute(fecha)}" RfcEmisor="${c14nAttribute(issuerRfc)}"`;
  const folios = `<Folios xmlns="${CANCELACFD}"><UUID>${c14nText(uuid)}</UUID><EstatusUUID>${estatusUuid}</EstatusUUID></Folios>`;
  const digest = createHash('sha256')
    .update(`<Acuse ${attributes}>${folios}</Acuse>`, 'utf8')
    .digest('base64');
  const signedInfoBody =
    `<CanonicalizationMethod Algorithm="${EXC_C14N}"></CanonicalizationMethod>` +
    `<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"></SignatureMethod>` +
    `<Reference URI=""><Transforms>` +
    `<Transform Algorithm="${DSIG}enveloped-signature"></Transform>` +
    `<Transform Algorithm="${EXC_C14N}"></Transform>` +
    `</Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></DigestMethod>` +
    `<DigestValue>${digest}</DigestValue></Reference>`;
  const signedInfoCanonical = `<SignedInfo xmlns="${DSIG}">${signedInfoBody}</SignedInfo>`;
  const signature = sign('sha256', Buffer.from(signedInfoCanonical, 'utf8'), credential.key).toString(
    'base64',
  );
  const certificate = Buffer.from(credential.certificate.raw).toString('base64');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<Acuse xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ${attributes}>` +
    folios +
    `<Signature xmlns="${DSIG}" Id="SelloSAT"><SignedInfo>${signedInfoBody}</SignedInfo>` +
    `<SignatureValue>${signature}</SignatureValue>` +
    `<KeyInfo><X509Data><X509Certificate>${certificate}</X509Certificate></X509Data></KeyInfo>` +
    '</Signature></Acuse>'
  );
}
