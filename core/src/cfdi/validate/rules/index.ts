/**
 * Every validation rule, in the order findings are reported (document order: Comprobante attributes,
 * InformacionGlobal, CfdiRelacionados, Emisor, Receptor, Conceptos, Impuestos, complements).
 */
import type { Rule } from '../types.js';
import { aCuentaTerceros } from './a-cuenta-terceros.js';
import { cfdiRelacionados } from './cfdi-relacionados.js';
import { conceptoCatalogos } from './concepto-catalogos.js';
import { conceptoDescuento } from './concepto-descuento.js';
import { conceptoImporte } from './concepto-importe.js';
import { conceptoObjetoImp } from './concepto-objeto-imp.js';
import { conceptoRetenciones } from './concepto-retenciones.js';
import { conceptoTraslados } from './concepto-traslados.js';
import { confirmacion } from './confirmacion.js';
import { descuento } from './descuento.js';
import { emisor } from './emisor.js';
import { exportacion } from './exportacion.js';
import { fecha } from './fecha.js';
import { formaPago } from './forma-pago.js';
import { impuestosRetenciones } from './impuestos-retenciones.js';
import { impuestosTipo } from './impuestos-tipo.js';
import { impuestosTraslados } from './impuestos-traslados.js';
import { informacionAduanera } from './informacion-aduanera.js';
import { informacionGlobal } from './informacion-global.js';
import { lugarExpedicion } from './lugar-expedicion.js';
import { metodoPago } from './metodo-pago.js';
import { moneda } from './moneda.js';
import { pagos } from './pagos.js';
import { parte } from './parte.js';
import { receptor } from './receptor.js';
import { receptorExtranjero } from './receptor-extranjero.js';
import { receptorGenerico } from './receptor-generico.js';
import { receptorRegimen } from './receptor-regimen.js';
import { receptorUsoCfdi } from './receptor-uso-cfdi.js';
import { subTotal } from './sub-total.js';
import { tipoCambio } from './tipo-cambio.js';
import { tipoDeComprobante } from './tipo-de-comprobante.js';
import { total } from './total.js';
import { xsdComprobante } from './xsd-comprobante.js';
import { xsdConceptos } from './xsd-conceptos.js';

/** Registered by name; the name is the rule's file name in camelCase. */
export const RULES: Record<string, Rule> = {
  xsdComprobante,
  fecha,
  formaPago,
  subTotal,
  descuento,
  moneda,
  tipoCambio,
  total,
  confirmacion,
  tipoDeComprobante,
  exportacion,
  metodoPago,
  lugarExpedicion,
  informacionGlobal,
  cfdiRelacionados,
  emisor,
  receptor,
  receptorGenerico,
  receptorExtranjero,
  receptorRegimen,
  receptorUsoCfdi,
  xsdConceptos,
  conceptoCatalogos,
  conceptoImporte,
  conceptoDescuento,
  conceptoObjetoImp,
  conceptoTraslados,
  conceptoRetenciones,
  aCuentaTerceros,
  informacionAduanera,
  parte,
  impuestosTipo,
  impuestosRetenciones,
  impuestosTraslados,
  pagos,
};

export const RULE_LIST: readonly Rule[] = Object.values(RULES);
