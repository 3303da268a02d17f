/**
 * Finkok's own codes (pac-contracts.md), on top of the codes every PAC shares
 * (../rejection-codes.ts), turned into PacError with a message that says what to fix.
 */

import { type PacCall, pacError, redact, shorten } from '../http.js';
import type { PacError } from '../port.js';
import { type Rejection, rejection } from '../rejection-codes.js';

type Text = readonly [es: string, en: string];

const FINKOK_CODES: Record<string, Text> = {
  '300': [
    'Finkok no reconoce el usuario o la contraseña. Revise FINKOK_USERNAME y FINKOK_PASSWORD.',
    'Finkok does not recognise the username or password. Check FINKOK_USERNAME and FINKOK_PASSWORD.',
  ],
  '603': ['Finkok no tiene un timbre previo de este CFDI.', 'Finkok has no earlier timbre of this CFDI.'],
  '702': [
    'El RFC emisor no está registrado en su cuenta de Finkok. Dé de alta al emisor en el panel de Finkok.',
    'The issuer’s RFC is not registered in your Finkok account. Add the issuer in Finkok’s panel.',
  ],
  '703': [
    'La cuenta de Finkok está suspendida. Contacte a Finkok.',
    'The Finkok account is suspended. Contact Finkok.',
  ],
  '705': [
    'Finkok considera inválida la estructura del XML. Genere el CFDI de nuevo.',
    'Finkok considers the XML structure invalid. Generate the CFDI again.',
  ],
  '708': [
    'Finkok no pudo conectarse con el SAT. Intente de nuevo en unos minutos.',
    'Finkok could not reach SAT. Try again in a few minutes.',
  ],
  '711': [
    'Finkok no pudo usar el certificado o la llave para firmar la cancelación. Revise el CSD del emisor.',
    'Finkok could not use the certificate or key to sign the cancellation. Check the issuer’s CSD.',
  ],
};

/** SAT unreachable from Finkok: later the same request can work. */
const RETRIABLE = new Set(['708']);

export function finkokRejection(code: string, pacMessage: string): Rejection {
  const known = FINKOK_CODES[code];
  if (known === undefined) return rejection('Finkok', code, pacMessage);
  const said = pacMessage === '' ? '' : ` (Finkok: ${pacMessage})`;
  return { message: `${known[0]}${said}`, messageEn: `${known[1]}${said}`, retriable: RETRIABLE.has(code) };
}

/** PacError for a Finkok code; the PAC's own text is redacted and shortened. */
export function finkokError(call: PacCall, code: string, pacMessage: string): PacError {
  return pacError(call, { code, ...finkokRejection(code, shorten(redact(call, pacMessage))) });
}

/** The code at the start of a CodEstatus such as "708 - No se pudo conectar al SAT", if any. */
export function leadingCode(value: string): string | undefined {
  return /^\s*([A-Z]*\d{3,5})\b/.exec(value)?.[1];
}
