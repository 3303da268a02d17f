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
import { type ComputedLine, computeLine } from './concepto.js';
import { cfdiFecha } from './fecha.js';
import { computeTotals } from './summary.js';

export interface ComputeOptions {
  /** The clock for a request without `date` (default: the system clock). */
  now?: Date | (() => Date);
  /** SAT catalogs (default: getCatalogs()). */
  catalogs?: Catalogs;
}

const conceptoOf = (line: ComputedLine) => line.concepto;

export function computeComprobante(request: InvoiceRequest, options: ComputeOptions = {}): Comprobante {
  const catalogs = options.catalogs ?? getCatalogs();
  const decimals = currencyDecimals(request.currency, catalogs);
  const lines = request.items.map((item, index) => computeLine(item, index, decimals));
  const totals = computeTotals(lines, decimals);
  const { issuer, customer } = request;

  // Optional attributes are assigned only when present (never undefined), in cfdv40.xsd order.
  const comprobante = { Version: '4.0' } as Comprobante;
  if (request.series !== undefined) comprobante.Serie = request.series;
  if (request.folio !== undefined) comprobante.Folio = request.folio;
  comprobante.Fecha = cfdiFecha(request.date, issuer.zip, catalogs, options.now);
  comprobante.FormaPago = request.payment_form;
  if (request.payment_conditions !== undefined) comprobante.CondicionesDePago = request.payment_conditions;
  comprobante.SubTotal = totals.SubTotal;
  if (totals.Descuento !== undefined) comprobante.Descuento = totals.Descuento;
  comprobante.Moneda = request.currency;
  if (request.currency !== 'MXN' && request.currency !== 'XXX' && request.exchange_rate !== undefined) {
    comprobante.TipoCambio = request.exchange_rate;
  }
  comprobante.Total = totals.Total;
  comprobante.TipoDeComprobante = request.type;
  comprobante.Exportacion = request.export;
  comprobante.MetodoPago = request.payment_method;
  comprobante.LugarExpedicion = issuer.zip;
  comprobante.Emisor = { Rfc: issuer.rfc, Nombre: issuer.name, RegimenFiscal: issuer.tax_regime };
  if (issuer.fac_atr_adquirente !== undefined)
    comprobante.Emisor.FacAtrAdquirente = issuer.fac_atr_adquirente;
  const receptor: Comprobante['Receptor'] = {
    Rfc: customer.rfc,
    Nombre: customer.name,
    DomicilioFiscalReceptor: customer.zip,
  } as Comprobante['Receptor'];
  if (customer.country !== undefined) receptor.ResidenciaFiscal = customer.country;
  if (customer.tax_id !== undefined) receptor.NumRegIdTrib = customer.tax_id;
  receptor.RegimenFiscalReceptor = customer.tax_regime;
  receptor.UsoCFDI = customer.cfdi_use;
  comprobante.Receptor = receptor;
  comprobante.Conceptos = lines.map(conceptoOf);
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
