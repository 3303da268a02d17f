/**
 * The API's invoice request -> the engine's: the issuer is always the merchant of the API key (its RFC,
 * name, régimen and zip; its CSD seals), the series defaults to the merchant's, the folio is assigned.
 */
import type { InvoiceKind, Merchant } from '../store/types.js';
import { detail, invalid } from './errors.js';

export type Json = Record<string, unknown>;

function refuse(path: string, es: string, en: string): never {
  throw invalid([detail('INVOICE_REQUEST_FIELD_NOT_ALLOWED', path, es, en)], 400);
}

/** The request as the engine takes it: issuer from the merchant, series defaulted, folio left to us. */
export function completeRequest(merchant: Merchant, request: unknown): Json {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw invalid(
      [
        detail(
          'REQUEST_INVALID_TYPE',
          'body',
          'Envía la solicitud de factura como un objeto JSON (docs/invoice-request.md).',
          'Send the invoice request as a JSON object (docs/invoice-request.md).',
        ),
      ],
      400,
    );
  }
  const body = request as Json;
  if (body.issuer !== undefined) {
    refuse(
      'issuer',
      'El emisor es el comercio de la llave API (su RFC, régimen, código postal y CSD); quita "issuer".',
      'The issuer is the API key\'s merchant (its RFC, regime, postal code and CSD); remove "issuer".',
    );
  }
  if (body.folio !== undefined) {
    refuse(
      'folio',
      'El folio se asigna automáticamente, consecutivo por serie; quita "folio".',
      'The folio is assigned automatically, consecutive per series; remove "folio".',
    );
  }
  return {
    ...body,
    issuer: { rfc: merchant.rfc, name: merchant.name, tax_regime: merchant.regime, zip: merchant.zip },
    series: typeof body.series === 'string' && body.series ? body.series : merchant.settings.series.invoice,
  };
}

export function kindOf(request: Json): InvoiceKind {
  if (request.global !== undefined) return 'global';
  return request.type === 'E' ? 'credit_note' : 'invoice';
}
