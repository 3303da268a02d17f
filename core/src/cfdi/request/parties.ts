/** Issuer (Emisor) and customer (Receptor) of the invoice request. */
import { z } from 'zod';
import { code, text, upper } from './fields.js';

export const rfc = code(
  /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$/,
  'un RFC de 12 (persona moral) o 13 (persona física) caracteres, p. ej. "EKU9003173C9"',
  'an RFC of 12 (company) or 13 (individual) characters, e.g. "EKU9003173C9"',
  upper,
);
export const zip = code(/^\d{5}$/, 'un código postal de 5 dígitos', 'a 5-digit postal code');
export const taxRegime = code(
  /^\d{3}$/,
  'una clave de c_RegimenFiscal de 3 dígitos, p. ej. "601"',
  'a 3-digit c_RegimenFiscal key, e.g. "601"',
);

export const issuerSchema = z.strictObject({
  rfc,
  name: text(254),
  tax_regime: taxRegime,
  zip,
  /** c_FacAtrAdquirente: only for a coordinated issuer invoicing on behalf of a member (10 digits). */
  fac_atr_adquirente: code(/^\d{10}$/, 'un número de 10 dígitos', 'a 10-digit number').optional(),
});

export const customerSchema = z.strictObject({
  rfc,
  name: text(254),
  tax_regime: taxRegime,
  zip,
  cfdi_use: code(
    /^[A-Z]{1,2}\d{2}$/,
    'una clave de c_UsoCFDI, p. ej. "G03"',
    'a c_UsoCFDI key, e.g. "G03"',
    upper,
  ),
  email: code(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'un correo electrónico', 'an email address').optional(),
  /** Foreign customer: c_Pais (ISO 3166-1 alpha-3) -> ResidenciaFiscal. */
  country: code(
    /^[A-Z]{3}$/,
    'una clave de c_Pais de 3 letras, p. ej. "USA"',
    'a 3-letter c_Pais key, e.g. "USA"',
    upper,
  ).optional(),
  /** Foreign customer: tax id in their country -> NumRegIdTrib. */
  tax_id: text(40).optional(),
});
