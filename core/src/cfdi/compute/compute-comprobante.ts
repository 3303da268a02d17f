/**
 * Invoice request -> Comprobante model with every amount computed and formatted. Not sealed: no Sello,
 * NoCertificado or Certificado. Catalog membership is not checked here (the validation step writes SAT's
 * rules over the model); this only fails on what prevents computing (unknown currency, a place-of-issue
 * postal code with no known time zone, a given tax amount outside SAT's limits).
 */
import { getCatalogs } from '../../catalogs/index.js';
import type { Catalogs } from '../../catalogs/types.js';
import { currencyDecimals } from '../../money/currency.js';
import type { Comprobante } from '../model.js';
import type { InvoiceRequest } from '../request/schema.js';
import { computeLine } from './concepto.js';
import { cfdiFecha } from './fecha.js';
import { computeTotals } from './summary.js';

export interface ComputeOptions {
  /** The clock for a request without `date` (default: the system clock). */
  now?: Date | (() => Date);
  /** SAT catalogs (default: getCatalogs()). */
  catalogs?: Catalogs;
}

export function computeComprobante(request: InvoiceRequest, options: ComputeOptions = {}): Comprobante {
  const catalogs = options.catalogs ?? getCatalogs();
  const { now } = options;
  const clock = now === undefined ? () => new Date() : typeof now === 'function' ? now : () => now;
  const decimals = currencyDecimals(request.currency, catalogs);
  const lines = request.items.map((item, index) => computeLine(item, index, decimals));
  const totals = computeTotals(lines, decimals);
  const { issuer, customer } = request;

  const comprobante: Comprobante = {
    Version: '4.0',
    ...(request.series !== undefined ? { Serie: request.series } : {}),
    ...(request.folio !== undefined ? { Folio: request.folio } : {}),
    Fecha: cfdiFecha(request.date, issuer.zip, catalogs, clock),
    FormaPago: request.payment_form,
    ...(request.payment_conditions !== undefined ? { CondicionesDePago: request.payment_conditions } : {}),
    SubTotal: totals.SubTotal,
    ...(totals.Descuento !== undefined ? { Descuento: totals.Descuento } : {}),
    Moneda: request.currency,
    ...(request.currency !== 'MXN' && request.currency !== 'XXX' && request.exchange_rate !== undefined
      ? { TipoCambio: request.exchange_rate }
      : {}),
    Total: totals.Total,
    TipoDeComprobante: request.type,
    Exportacion: request.export,
    MetodoPago: request.payment_method,
    LugarExpedicion: issuer.zip,
    Emisor: {
      Rfc: issuer.rfc,
      Nombre: issuer.name,
      RegimenFiscal: issuer.tax_regime,
      ...(issuer.fac_atr_adquirente !== undefined ? { FacAtrAdquirente: issuer.fac_atr_adquirente } : {}),
    },
    Receptor: {
      Rfc: customer.rfc,
      Nombre: customer.name,
      DomicilioFiscalReceptor: customer.zip,
      ...(customer.country !== undefined ? { ResidenciaFiscal: customer.country } : {}),
      ...(customer.tax_id !== undefined ? { NumRegIdTrib: customer.tax_id } : {}),
      RegimenFiscalReceptor: customer.tax_regime,
      UsoCFDI: customer.cfdi_use,
    },
    Conceptos: lines.map((line) => line.concepto),
  };
  if (request.global) {
    comprobante.InformacionGlobal = {
      Periodicidad: request.global.periodicity,
      Meses: request.global.months,
      Año: request.global.year,
    };
  }
  if (request.related) {
    comprobante.CfdiRelacionados = request.related.map((r) => ({
      TipoRelacion: r.relationship,
      uuids: r.uuids,
    }));
  }
  if (totals.Impuestos) comprobante.Impuestos = totals.Impuestos;
  return comprobante;
}
