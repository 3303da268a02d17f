/**
 * Valid Comprobante objects to mutate in tests. `facturaGlobal` is test/fixtures/sat/samples/generated/
 * factura-global.xml written by hand as an object (without Sello/Certificado); `ingreso` is a named
 * invoice to a persona moral; `pago` is cfdiutils' created-cfdi40-pago20-valid.xml parsed.
 */
import { readFileSync } from 'node:fs';
import type { Comprobante } from '../../../core/src/cfdi/model.js';
import { comprobanteFromTree } from '../../../core/src/cfdi/xml/from-tree.js';
import { parseXml } from '../../../core/src/xml/parse.js';

export function facturaGlobal(): Comprobante {
  return {
    Version: '4.0',
    Serie: 'G',
    Folio: '6',
    Fecha: '2025-06-30T23:00:00',
    FormaPago: '01',
    NoCertificado: '30001000000500003416',
    SubTotal: '350.50',
    Moneda: 'MXN',
    Total: '406.58',
    TipoDeComprobante: 'I',
    Exportacion: '01',
    MetodoPago: 'PUE',
    LugarExpedicion: '27200',
    InformacionGlobal: { Periodicidad: '04', Meses: '06', Año: '2025' },
    Emisor: { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' },
    Receptor: {
      Rfc: 'XAXX010101000',
      Nombre: 'PUBLICO EN GENERAL',
      DomicilioFiscalReceptor: '27200',
      RegimenFiscalReceptor: '616',
      UsoCFDI: 'S01',
    },
    Conceptos: [
      {
        ClaveProdServ: '01010101',
        NoIdentificacion: 'T-0001',
        Cantidad: '1',
        ClaveUnidad: 'ACT',
        Descripcion: 'Venta',
        ValorUnitario: '100.00',
        Importe: '100.00',
        ObjetoImp: '02',
        Impuestos: {
          Traslados: [
            { Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.00' },
          ],
        },
      },
      {
        ClaveProdServ: '01010101',
        NoIdentificacion: 'T-0002',
        Cantidad: '1',
        ClaveUnidad: 'ACT',
        Descripcion: 'Venta',
        ValorUnitario: '250.50',
        Importe: '250.50',
        ObjetoImp: '02',
        Impuestos: {
          Traslados: [
            { Base: '250.50', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '40.08' },
          ],
        },
      },
    ],
    Impuestos: {
      TotalImpuestosTrasladados: '56.08',
      Traslados: [
        { Base: '350.50', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '56.08' },
      ],
    },
  };
}

/** Named invoice to a persona moral, with an IVA retention: 1000 + 160 IVA - 106.67 IVA retenido. */
export function ingreso(): Comprobante {
  return {
    Version: '4.0',
    Serie: 'A',
    Folio: '100',
    Fecha: '2025-06-30T12:00:00',
    FormaPago: '03',
    SubTotal: '1000.00',
    Moneda: 'MXN',
    Total: '1053.33',
    TipoDeComprobante: 'I',
    Exportacion: '01',
    MetodoPago: 'PUE',
    LugarExpedicion: '27200',
    Emisor: { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' },
    Receptor: {
      Rfc: 'URE180429TM6',
      Nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
      DomicilioFiscalReceptor: '86991',
      RegimenFiscalReceptor: '601',
      UsoCFDI: 'G03',
    },
    Conceptos: [
      {
        ClaveProdServ: '81112100',
        Cantidad: '2',
        ClaveUnidad: 'E48',
        Descripcion: 'Hospedaje web mensual',
        ValorUnitario: '500.00',
        Importe: '1000.00',
        ObjetoImp: '02',
        Impuestos: {
          Traslados: [
            {
              Base: '1000.00',
              Impuesto: '002',
              TipoFactor: 'Tasa',
              TasaOCuota: '0.160000',
              Importe: '160.00',
            },
          ],
          Retenciones: [
            {
              Base: '1000.00',
              Impuesto: '002',
              TipoFactor: 'Tasa',
              TasaOCuota: '0.106667',
              Importe: '106.67',
            },
          ],
        },
      },
    ],
    Impuestos: {
      TotalImpuestosRetenidos: '106.67',
      TotalImpuestosTrasladados: '160.00',
      Retenciones: [{ Impuesto: '002', Importe: '106.67' }],
      Traslados: [
        { Base: '1000.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '160.00' },
      ],
    },
  };
}

export function pago(): Comprobante {
  const xml = readFileSync('test/fixtures/sat/samples/cfdiutils/created-cfdi40-pago20-valid.xml', 'utf8');
  return comprobanteFromTree(parseXml(xml));
}
