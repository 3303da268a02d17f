import assert from 'node:assert/strict';
import { getCatalogs } from '../../../core/src/catalogs/index.js';
import type { Catalogs } from '../../../core/src/catalogs/types.js';
import type { Comprobante } from '../../../core/src/cfdi/model.js';
import { validateComprobante } from '../../../core/src/cfdi/validate/index.js';
import { element, NS } from '../../../core/src/xml/tree.js';
import { facturaGlobal, ingreso, pago } from './base-fixtures.js';

type Case = [title: string, code: string, make: () => Comprobante];

function mutate<T extends Comprobante>(base: () => T, change: (c: T) => void): () => T {
  return () => {
    const c = base();
    change(c);
    return c;
  };
}
const g = (change: (c: Comprobante) => void) => mutate(facturaGlobal, change);
const n = (change: (c: Comprobante) => void) => mutate(ingreso, change);
const p = (change: (c: Comprobante) => void) => mutate(pago, change);
const c0 = (c: Comprobante) => c.Conceptos[0] as Comprobante['Conceptos'][number];
const tr0 = (c: Comprobante) =>
  c0(c).Impuestos?.Traslados?.[0] as NonNullable<
    NonNullable<Comprobante['Conceptos'][number]['Impuestos']>['Traslados']
  >[number];
const ret0 = (c: Comprobante) =>
  c0(c).Impuestos?.Retenciones?.[0] as NonNullable<
    NonNullable<Comprobante['Conceptos'][number]['Impuestos']>['Retenciones']
  >[number];
const cce = () => element('cce20:ComercioExterior', 'http://www.sat.gob.mx/ComercioExterior20');
const terceros = (c: Comprobante, rfc = 'JUFA7608212V6') => {
  c0(c).ACuentaTerceros = {
    RfcACuentaTerceros: rfc,
    NombreACuentaTerceros: 'ADRIANA JUAREZ FERNANDEZ',
    RegimenFiscalACuentaTerceros: '612',
    DomicilioFiscalACuentaTerceros: '29133',
  };
};
const EXT_NOMBRE =
  'EXPEDICIÓN DE CFDI POR RESIDENTES EN MÉXICO QUE PRESTAN SERVICIOS DE INTERMEDIACIÓN ENTRE TERCEROS A OFERENTES DE BIENES Y SERVICIOS RESIDENTES EN EL EXTRANJERO';

const cases: Case[] = [
  [
    'rejects a Fecha with a time zone offset',
    'CFDI40101',
    g((c) => {
      c.Fecha = '2025-06-30T23:00:00-06:00';
    }),
  ],
  [
    'rejects a Fecha that does not exist',
    'CFDI40101',
    g((c) => {
      c.Fecha = '2025-02-30T10:00:00';
    }),
  ],
  [
    'rejects FormaPago in a payment document',
    'CFDI40103',
    p((c) => {
      c.FormaPago = '03';
    }),
  ],
  [
    'rejects a FormaPago outside c_FormaPago',
    'CFDI40104',
    g((c) => {
      c.FormaPago = '77';
    }),
  ],
  [
    'requires FormaPago 99 with PPD',
    'CFDI40105',
    n((c) => {
      c.MetodoPago = 'PPD';
    }),
  ],
  [
    'rejects a SubTotal with more decimals than the currency',
    'CFDI40107',
    g((c) => {
      c.SubTotal = '350.500';
    }),
  ],
  [
    'rejects a SubTotal that is not the sum of the concepts',
    'CFDI40108',
    g((c) => {
      c.SubTotal = '350.51';
    }),
  ],
  [
    'requires SubTotal 0 in a payment document',
    'CFDI40109',
    p((c) => {
      c.SubTotal = '1';
    }),
  ],
  [
    'rejects a Descuento greater than SubTotal',
    'CFDI40110',
    n((c) => {
      c.Descuento = '2000.00';
      c0(c).Descuento = '2000.00';
    }),
  ],
  [
    'requires the document Descuento when a concept has one',
    'CFDI40111',
    n((c) => {
      c0(c).Descuento = '10.00';
    }),
  ],
  [
    'rejects a Descuento with more decimals than the currency',
    'CFDI40112',
    n((c) => {
      c.Descuento = '10.000';
      c0(c).Descuento = '10.000';
    }),
  ],
  [
    'rejects a Moneda outside c_Moneda',
    'CFDI40113',
    g((c) => {
      c.Moneda = 'PES';
    }),
  ],
  [
    'requires TipoCambio 1 with MXN',
    'CFDI40114',
    g((c) => {
      c.TipoCambio = '17.5';
    }),
  ],
  [
    'requires TipoCambio with USD',
    'CFDI40115',
    g((c) => {
      c.Moneda = 'USD';
    }),
  ],
  [
    'rejects TipoCambio with XXX',
    'CFDI40116',
    p((c) => {
      c.TipoCambio = '1';
    }),
  ],
  [
    'rejects a TipoCambio with a thousands separator',
    'CFDI40117',
    g((c) => {
      c.Moneda = 'USD';
      c.TipoCambio = '1,000.5';
    }),
  ],
  [
    'rejects a Total that does not add up',
    'CFDI40119',
    g((c) => {
      c.Total = '406.59';
    }),
  ],
  [
    'rejects a Confirmacion when amounts are in range',
    'CFDI40127',
    g((c) => {
      c.Confirmacion = 'ABC12';
    }),
  ],
  [
    'rejects a TipoDeComprobante outside the catalog',
    'CFDI40121',
    g((c) => {
      (c as { TipoDeComprobante: string }).TipoDeComprobante = 'X';
    }),
  ],
  [
    'requires Comercio Exterior with Exportacion 02',
    'CFDI40122',
    g((c) => {
      c.Exportacion = '02';
    }),
  ],
  [
    'rejects an Exportacion outside the catalog',
    'CFDI40123',
    g((c) => {
      c.Exportacion = '09';
    }),
  ],
  [
    'rejects Comercio Exterior with Exportacion 01',
    'CFDI40222',
    g((c) => {
      c.Complemento = [cce()];
    }),
  ],
  [
    'rejects a MetodoPago outside the catalog',
    'CFDI40124',
    g((c) => {
      c.MetodoPago = 'PIP';
    }),
  ],
  [
    'rejects MetodoPago in a payment document',
    'CFDI40125',
    p((c) => {
      c.MetodoPago = 'PUE';
    }),
  ],
  [
    'rejects a LugarExpedicion that is not a postal code',
    'CFDI40126',
    g((c) => {
      c.LugarExpedicion = '00000';
      c.Receptor.DomicilioFiscalReceptor = '00000';
    }),
  ],
  [
    'requires InformacionGlobal in an invoice to PUBLICO EN GENERAL',
    'CFDI40130',
    g((c) => {
      delete c.InformacionGlobal;
    }),
  ],
  [
    'rejects a Periodicidad outside the catalog',
    'CFDI40131',
    g((c) => {
      (c.InformacionGlobal as { Periodicidad: string }).Periodicidad = '09';
    }),
  ],
  [
    'allows bimonthly periodicity only to regime 621',
    'CFDI40132',
    g((c) => {
      c.InformacionGlobal = { Periodicidad: '05', Meses: '13', Año: '2025' };
    }),
  ],
  [
    'rejects Meses outside the catalog',
    'CFDI40133',
    g((c) => {
      (c.InformacionGlobal as { Meses: string }).Meses = '19';
    }),
  ],
  [
    'requires a month 01-12 when not bimonthly',
    'CFDI40134',
    g((c) => {
      (c.InformacionGlobal as { Meses: string }).Meses = '13';
    }),
  ],
  [
    'requires a two-month period 13-18 when bimonthly',
    'CFDI40135',
    g((c) => {
      c.Emisor.RegimenFiscal = '621';
      c.Emisor.Rfc = 'COSC8001137NA';
      c.InformacionGlobal = { Periodicidad: '05', Meses: '06', Año: '2025' };
    }),
  ],
  [
    'rejects an Año after the Fecha year',
    'CFDI40136',
    g((c) => {
      (c.InformacionGlobal as { Año: string }).Año = '2026';
    }),
  ],
  [
    'rejects a TipoRelacion outside the catalog',
    'CFDI40137',
    n((c) => {
      c.CfdiRelacionados = [{ TipoRelacion: '99', uuids: ['7e4d5a4f-2d2b-4c2e-9a1f-6b8e2f1c3d4a'] }];
    }),
  ],
  [
    'rejects an emisor RegimenFiscal outside the catalog',
    'CFDI40140',
    g((c) => {
      c.Emisor.RegimenFiscal = '699';
    }),
  ],
  [
    'rejects a persona moral regime for a persona física emisor',
    'CFDI40141',
    g((c) => {
      c.Emisor.Rfc = 'COSC8001137NA';
    }),
  ],
  [
    'requires XAXX010101000 for PUBLICO EN GENERAL',
    'CFDI40146',
    n((c) => {
      c.Receptor.Nombre = 'PUBLICO EN GENERAL';
    }),
  ],
  [
    'requires the generic receptor CP to equal LugarExpedicion',
    'CFDI40149',
    g((c) => {
      c.Receptor.DomicilioFiscalReceptor = '86991';
    }),
  ],
  [
    'rejects a ResidenciaFiscal outside c_Pais',
    'CFDI40150',
    n((c) => {
      c.Receptor = {
        ...c.Receptor,
        Rfc: 'XEXX010101000',
        DomicilioFiscalReceptor: '27200',
        RegimenFiscalReceptor: '616',
        UsoCFDI: 'S01',
        ResidenciaFiscal: 'QQQ',
      };
    }),
  ],
  [
    'rejects ResidenciaFiscal for a national RFC',
    'CFDI40151',
    n((c) => {
      c.Receptor.ResidenciaFiscal = 'USA';
    }),
  ],
  [
    'rejects ResidenciaFiscal MEX',
    'CFDI40152',
    n((c) => {
      c.Receptor = {
        ...c.Receptor,
        Rfc: 'XEXX010101000',
        DomicilioFiscalReceptor: '27200',
        RegimenFiscalReceptor: '616',
        UsoCFDI: 'S01',
        ResidenciaFiscal: 'MEX',
      };
    }),
  ],
  [
    'requires ResidenciaFiscal with NumRegIdTrib',
    'CFDI40153',
    n((c) => {
      c.Receptor = {
        ...c.Receptor,
        Rfc: 'XEXX010101000',
        DomicilioFiscalReceptor: '27200',
        RegimenFiscalReceptor: '616',
        UsoCFDI: 'S01',
        NumRegIdTrib: '123456789',
      };
    }),
  ],
  [
    'rejects NumRegIdTrib for a national RFC',
    'CFDI40154',
    n((c) => {
      c.Receptor.NumRegIdTrib = '123456789';
    }),
  ],
  [
    'requires NumRegIdTrib with Comercio Exterior',
    'CFDI40155',
    n((c) => {
      c.Exportacion = '02';
      c.Complemento = [cce()];
      c.Receptor = {
        ...c.Receptor,
        Rfc: 'XEXX010101000',
        DomicilioFiscalReceptor: '27200',
        RegimenFiscalReceptor: '616',
        UsoCFDI: 'S01',
        ResidenciaFiscal: 'USA',
      };
    }),
  ],
  [
    'rejects a NumRegIdTrib that does not match the country format',
    'CFDI40156',
    n((c) => {
      c.Receptor = {
        ...c.Receptor,
        Rfc: 'XEXX010101000',
        DomicilioFiscalReceptor: '27200',
        RegimenFiscalReceptor: '616',
        UsoCFDI: 'S01',
        ResidenciaFiscal: 'USA',
        NumRegIdTrib: 'ABC',
      };
    }),
  ],
  [
    'rejects a receptor regime outside the catalog',
    'CFDI40157',
    n((c) => {
      c.Receptor.RegimenFiscalReceptor = '699';
    }),
  ],
  [
    'rejects a persona física regime for a persona moral receptor',
    'CFDI40158',
    n((c) => {
      c.Receptor.RegimenFiscalReceptor = '612';
    }),
  ],
  [
    'requires regime 616 for a generic receptor',
    'CFDI40159',
    g((c) => {
      c.Receptor.RegimenFiscalReceptor = '601';
    }),
  ],
  [
    'rejects a UsoCFDI outside the catalog',
    'CFDI40160',
    n((c) => {
      c.Receptor.UsoCFDI = 'G99';
    }),
  ],
  [
    'rejects a UsoCFDI not allowed for the regime',
    'CFDI40161',
    n((c) => {
      c.Receptor.UsoCFDI = 'D01';
    }),
  ],
  [
    'rejects a ClaveProdServ outside the catalog',
    'CFDI40162',
    g((c) => {
      c0(c).ClaveProdServ = '99999999';
    }),
  ],
  [
    'requires the VAT transfer c_ClaveProdServ asks for',
    'CFDI40164',
    g((c) => {
      c0(c).ClaveProdServ = '84121603';
      c0(c).ObjetoImp = '01';
      delete c0(c).Impuestos;
    }),
  ],
  [
    'rejects a ClaveUnidad outside the catalog',
    'CFDI40165',
    g((c) => {
      c0(c).ClaveUnidad = 'QQQ';
    }),
  ],
  [
    'requires ValorUnitario greater than zero in an income invoice',
    'CFDI40166',
    g((c) => {
      c0(c).ValorUnitario = '0.00';
    }),
  ],
  [
    'rejects a concept Importe outside the limits',
    'CFDI40167',
    g((c) => {
      c0(c).Importe = '160.00';
    }),
  ],
  [
    'rejects a concept Descuento with more decimals than its Importe',
    'CFDI40168',
    n((c) => {
      c0(c).Descuento = '10.001';
      c.Descuento = '10.00';
    }),
  ],
  [
    'rejects a concept Descuento greater than its Importe',
    'CFDI40169',
    n((c) => {
      c0(c).Descuento = '1000.01';
      c.Descuento = '1000.01';
    }),
  ],
  [
    'rejects an ObjetoImp outside the catalog',
    'CFDI40170',
    g((c) => {
      c0(c).ObjetoImp = '09';
    }),
  ],
  [
    'requires Impuestos with ObjetoImp 02',
    'CFDI40171',
    g((c) => {
      delete c0(c).Impuestos;
    }),
  ],
  [
    'rejects Impuestos with ObjetoImp 01',
    'CFDI40172',
    g((c) => {
      c0(c).ObjetoImp = '01';
    }),
  ],
  [
    'rejects an empty concept Impuestos',
    'CFDI40173',
    g((c) => {
      c0(c).Impuestos = {};
    }),
  ],
  [
    'rejects a zero traslado Base',
    'CFDI40174',
    g((c) => {
      tr0(c).Base = '0';
    }),
  ],
  [
    'rejects a traslado Impuesto outside the catalog',
    'CFDI40175',
    g((c) => {
      tr0(c).Impuesto = '004';
    }),
  ],
  [
    'rejects a traslado TipoFactor outside the catalog',
    'CFDI40176',
    g((c) => {
      (tr0(c) as { TipoFactor: string }).TipoFactor = 'Rate';
    }),
  ],
  [
    'rejects TasaOCuota on an exempt traslado',
    'CFDI40177',
    g((c) => {
      tr0(c).TipoFactor = 'Exento';
    }),
  ],
  [
    'requires TasaOCuota and Importe on a Tasa traslado',
    'CFDI40178',
    g((c) => {
      delete tr0(c).Importe;
    }),
  ],
  [
    'rejects a VAT rate that is not in c_TasaOCuota',
    'CFDI40179',
    g((c) => {
      tr0(c).TasaOCuota = '0.150000';
    }),
  ],
  [
    'rejects a traslado Importe outside the limits',
    'CFDI40180',
    g((c) => {
      tr0(c).Importe = '16.02';
    }),
  ],
  [
    'rejects a zero retención Base',
    'CFDI40181',
    n((c) => {
      ret0(c).Base = '0';
    }),
  ],
  [
    'rejects a retención Impuesto outside the catalog',
    'CFDI40182',
    n((c) => {
      ret0(c).Impuesto = '004';
    }),
  ],
  [
    'rejects a retención TipoFactor outside the catalog',
    'CFDI40183',
    n((c) => {
      (ret0(c) as { TipoFactor: string }).TipoFactor = 'Rate';
    }),
  ],
  [
    'rejects an exempt retención',
    'CFDI40184',
    n((c) => {
      (ret0(c) as { TipoFactor: string }).TipoFactor = 'Exento';
    }),
  ],
  [
    'rejects a retención rate above the catalog range',
    'CFDI40185',
    n((c) => {
      ret0(c).TasaOCuota = '0.200000';
    }),
  ],
  [
    'rejects a retención Importe outside the limits',
    'CFDI40186',
    n((c) => {
      ret0(c).Importe = '106.70';
    }),
  ],
  [
    'rejects a third party with the emisor RFC',
    'CFDI40188',
    n((c) => {
      terceros(c, 'EKU9003173C9');
    }),
  ],
  [
    'requires SAT fixed name for EXT990101NI1',
    'CFDI40189',
    n((c) => {
      terceros(c, 'EXT990101NI1');
      c0(c).ACuentaTerceros = {
        RfcACuentaTerceros: 'EXT990101NI1',
        NombreACuentaTerceros: 'OTRO',
        RegimenFiscalACuentaTerceros: '616',
        DomicilioFiscalACuentaTerceros: '27200',
      };
    }),
  ],
  [
    'rejects a third-party regime outside the catalog',
    'CFDI40191',
    n((c) => {
      terceros(c);
      (c0(c).ACuentaTerceros as { RegimenFiscalACuentaTerceros: string }).RegimenFiscalACuentaTerceros =
        '699';
    }),
  ],
  [
    'requires LugarExpedicion as CP for EXT990101NI1',
    'CFDI40193',
    n((c) => {
      c0(c).ACuentaTerceros = {
        RfcACuentaTerceros: 'EXT990101NI1',
        NombreACuentaTerceros: EXT_NOMBRE,
        RegimenFiscalACuentaTerceros: '616',
        DomicilioFiscalACuentaTerceros: '86991',
      };
    }),
  ],
  [
    'requires regime 616 for EXT990101NI1',
    'CFDI140223',
    n((c) => {
      c0(c).ACuentaTerceros = {
        RfcACuentaTerceros: 'EXT990101NI1',
        NombreACuentaTerceros: EXT_NOMBRE,
        RegimenFiscalACuentaTerceros: '601',
        DomicilioFiscalACuentaTerceros: '27200',
      };
    }),
  ],
  [
    'rejects a malformed NumeroPedimento',
    'CFDI40194',
    n((c) => {
      c0(c).InformacionAduanera = [{ NumeroPedimento: '21 47 3807 8003832' }];
    }),
  ],
  [
    'rejects NumeroPedimento with Comercio Exterior',
    'CFDI40195',
    n((c) => {
      c.Complemento = [cce()];
      c.Exportacion = '02';
      c0(c).InformacionAduanera = [{ NumeroPedimento: '21  47  3807  1003832' }];
    }),
  ],
  [
    'rejects a Parte ClaveProdServ outside the catalog',
    'CFDI40196',
    n((c) => {
      c0(c).Parte = [{ ClaveProdServ: '99999999', Cantidad: '1', Descripcion: 'Pieza' }];
    }),
  ],
  [
    'requires a Parte ValorUnitario greater than zero',
    'CFDI40197',
    n((c) => {
      c0(c).Parte = [
        { ClaveProdServ: '01010101', Cantidad: '1', Descripcion: 'Pieza', ValorUnitario: '0', Importe: '0' },
      ];
    }),
  ],
  [
    'rejects a Parte Importe outside the limits',
    'CFDI40198',
    n((c) => {
      c0(c).Parte = [
        {
          ClaveProdServ: '01010101',
          Cantidad: '2',
          Descripcion: 'Pieza',
          ValorUnitario: '10.00',
          Importe: '30.00',
        },
      ];
    }),
  ],
  [
    'rejects a malformed Parte NumeroPedimento',
    'CFDI40199',
    n((c) => {
      c0(c).Parte = [
        {
          ClaveProdServ: '01010101',
          Cantidad: '1',
          Descripcion: 'Pieza',
          InformacionAduanera: [{ NumeroPedimento: '1' }],
        },
      ];
    }),
  ],
  [
    'rejects a Parte NumeroPedimento with Comercio Exterior',
    'CFDI40200',
    n((c) => {
      c.Complemento = [cce()];
      c.Exportacion = '02';
      c0(c).Parte = [
        {
          ClaveProdServ: '01010101',
          Cantidad: '1',
          Descripcion: 'Pieza',
          InformacionAduanera: [{ NumeroPedimento: '21  47  3807  1003832' }],
        },
      ];
    }),
  ],
  [
    'rejects Impuestos in a payment document',
    'CFDI40201',
    p((c) => {
      c.Impuestos = { TotalImpuestosTrasladados: '0' };
    }),
  ],
  [
    'rejects TotalImpuestosRetenidos with more decimals than the currency',
    'CFDI40202',
    n((c) => {
      (c.Impuestos as { TotalImpuestosRetenidos: string }).TotalImpuestosRetenidos = '106.670';
    }),
  ],
  [
    'rejects TotalImpuestosRetenidos that is not the sum',
    'CFDI40203',
    n((c) => {
      (c.Impuestos as { TotalImpuestosRetenidos: string }).TotalImpuestosRetenidos = '106.68';
      c.Total = '1053.32';
    }),
  ],
  [
    'rejects TotalImpuestosTrasladados with more decimals than the currency',
    'CFDI40204',
    g((c) => {
      (c.Impuestos as { TotalImpuestosTrasladados: string }).TotalImpuestosTrasladados = '56.080';
    }),
  ],
  [
    'rejects TotalImpuestosTrasladados that is not the sum',
    'CFDI40205',
    g((c) => {
      (c.Impuestos as { TotalImpuestosTrasladados: string }).TotalImpuestosTrasladados = '56.09';
      c.Total = '406.59';
    }),
  ],
  [
    'requires TotalImpuestosRetenidos with Retenciones',
    'CFDI40206',
    n((c) => {
      delete c.Impuestos?.TotalImpuestosRetenidos;
      c.Total = '1160.00';
    }),
  ],
  [
    'rejects a summary retención Impuesto outside the catalog',
    'CFDI40207',
    n((c) => {
      (c.Impuestos?.Retenciones?.[0] as { Impuesto: string }).Impuesto = '009';
    }),
  ],
  [
    'rejects two summary retenciones of the same tax',
    'CFDI40208',
    n((c) => {
      c.Impuestos?.Retenciones?.push({ Impuesto: '002', Importe: '0.00' });
    }),
  ],
  [
    'requires summary retenciones when concepts withhold',
    'CFDI40209',
    n((c) => {
      delete c.Impuestos?.Retenciones;
      delete c.Impuestos?.TotalImpuestosRetenidos;
      c.Total = '1160.00';
    }),
  ],
  [
    'rejects a summary retención Importe with more decimals than the currency',
    'CFDI40210',
    n((c) => {
      (c.Impuestos?.Retenciones?.[0] as { Importe: string }).Importe = '106.670';
    }),
  ],
  [
    'rejects a summary retención Importe that is not the rounded sum',
    'CFDI40211',
    n((c) => {
      (c.Impuestos?.Retenciones?.[0] as { Importe: string }).Importe = '106.60';
    }),
  ],
  [
    'requires TotalImpuestosTrasladados with taxed traslados',
    'CFDI40212',
    g((c) => {
      delete c.Impuestos?.TotalImpuestosTrasladados;
      c.Total = '350.50';
    }),
  ],
  [
    'rejects TasaOCuota on an exempt summary traslado',
    'CFDI40213',
    g((c) => {
      for (const k of c.Conceptos)
        k.Impuestos = { Traslados: [{ Base: k.Importe, Impuesto: '002', TipoFactor: 'Exento' }] };
      c.Impuestos = {
        Traslados: [{ Base: '350.50', Impuesto: '002', TipoFactor: 'Exento', TasaOCuota: '0.000000' }],
      };
      c.Total = '350.50';
    }),
  ],
  [
    'rejects a summary traslado Base with more decimals than the currency',
    'CFDI40214',
    g((c) => {
      (c.Impuestos?.Traslados?.[0] as { Base: string }).Base = '350.500';
    }),
  ],
  [
    'rejects a summary traslado Base that is not the rounded sum',
    'CFDI40215',
    g((c) => {
      (c.Impuestos?.Traslados?.[0] as { Base: string }).Base = '350.00';
    }),
  ],
  [
    'rejects an exempt summary Base that is not the rounded sum',
    'CFDI40216',
    g((c) => {
      for (const k of c.Conceptos)
        k.Impuestos = { Traslados: [{ Base: k.Importe, Impuesto: '002', TipoFactor: 'Exento' }] };
      c.Impuestos = { Traslados: [{ Base: '300.00', Impuesto: '002', TipoFactor: 'Exento' }] };
      c.Total = '350.50';
    }),
  ],
  [
    'rejects a summary traslado Impuesto outside the catalog',
    'CFDI40217',
    g((c) => {
      (c.Impuestos?.Traslados?.[0] as { Impuesto: string }).Impuesto = '009';
    }),
  ],
  [
    'rejects two summary traslados with the same tax, factor and rate',
    'CFDI40218',
    g((c) => {
      c.Impuestos?.Traslados?.push({
        Base: '350.50',
        Impuesto: '002',
        TipoFactor: 'Tasa',
        TasaOCuota: '0.160000',
        Importe: '56.08',
      });
    }),
  ],
  [
    'rejects a summary traslado rate outside c_TasaOCuota',
    'CFDI40219',
    g((c) => {
      (c.Impuestos?.Traslados?.[0] as { TasaOCuota: string }).TasaOCuota = '0.150000';
    }),
  ],
  [
    'rejects a summary traslado Importe with more decimals than the currency',
    'CFDI40220',
    g((c) => {
      (c.Impuestos?.Traslados?.[0] as { Importe: string }).Importe = '56.080';
    }),
  ],
  [
    'rejects a summary traslado Importe that is not the rounded sum',
    'CFDI40221',
    g((c) => {
      (c.Impuestos?.Traslados?.[0] as { Importe: string }).Importe = '56.00';
      c.Impuestos = { ...c.Impuestos, TotalImpuestosTrasladados: '56.00' };
      c.Total = '406.50';
    }),
  ],
  [
    'rejects VAT on a concept with ObjetoImp 06',
    'CFDI140226',
    g((c) => {
      c0(c).ObjetoImp = '06';
    }),
  ],
  [
    'requires IEPS and no VAT with ObjetoImp 07',
    'CFDI140227',
    g((c) => {
      c0(c).ObjetoImp = '07';
    }),
  ],
  [
    'rejects a malformed emisor RFC',
    'RFC_INVALID',
    g((c) => {
      c.Emisor.Rfc = 'EKU900317';
    }),
  ],
  [
    'warns about an RFC whose check digit does not match',
    'RFC_CHECKSUM',
    n((c) => {
      c.Receptor.Rfc = 'MCI7306249Y1';
    }),
  ],
  [
    'rejects a receptor name with a régimen capital',
    'RECEPTOR_NOMBRE_REGIMEN_CAPITAL',
    n((c) => {
      c.Receptor.Nombre = 'UNIVERSIDAD ROBOTICA ESPAÑOLA, S.A. DE C.V.';
    }),
  ],
  [
    'rejects a receptor postal code that does not exist',
    'RECEPTOR_CODIGO_POSTAL',
    n((c) => {
      c.Receptor.DomicilioFiscalReceptor = '00000';
    }),
  ],
  [
    'rejects a Descripcion longer than 1000 characters',
    'XSD',
    g((c) => {
      c0(c).Descripcion = 'x'.repeat(1001);
    }),
  ],
  [
    'rejects a pipe in the receptor name',
    'XSD',
    n((c) => {
      c.Receptor.Nombre = 'ACME | MEXICO';
    }),
  ],
  [
    'rejects an empty NoIdentificacion',
    'XSD',
    g((c) => {
      c0(c).NoIdentificacion = '';
    }),
  ],
  [
    'rejects a negative Total',
    'XSD',
    g((c) => {
      c.Total = '-1.00';
    }),
  ],
  [
    'rejects a NoCertificado that is not 20 digits',
    'XSD',
    g((c) => {
      c.NoCertificado = '3000100000050000341';
    }),
  ],
  [
    'rejects an amount with 7 decimals',
    'XSD',
    g((c) => {
      c0(c).ValorUnitario = '100.0000001';
    }),
  ],
  [
    'requires the Pagos 2.0 complement in a payment document',
    'PAGOS_COMPLEMENTO',
    p((c) => {
      c.Complemento = (c.Complemento ?? []).filter((x) => x.ns !== NS.pago20);
    }),
  ],
  [
    'requires Moneda XXX in a payment document',
    'PAGOS_COMPROBANTE',
    p((c) => {
      c.Moneda = 'MXN';
    }),
  ],
  [
    'requires the fixed concept of a payment document',
    'PAGOS_CONCEPTO',
    p((c) => {
      c0(c).Descripcion = 'Pago de factura A-1';
    }),
  ],
  [
    'requires UsoCFDI CP01 in a payment document',
    'PAGOS_USO_CFDI',
    p((c) => {
      c.Receptor.UsoCFDI = 'G03';
    }),
  ],
];

describe('validateComprobante', () => {
  it('passes the factura global, a named invoice with withholding and a payment document', () => {
    for (const make of [facturaGlobal, ingreso, pago]) {
      const report = validateComprobante(make());
      assert.deepEqual(report.errors, []);
      assert.equal(report.valid, true);
    }
  });

  for (const [title, code, make] of cases) {
    it(`${title} (${code})`, () => {
      const report = validateComprobante(make());
      const all = [...report.errors, ...report.warnings];
      const found = all.find((f) => f.code === code);
      assert.ok(found, `expected ${code}, got ${all.map((f) => f.code).join(', ') || 'nothing'}`);
      assert.ok(found.message.length > 20 && found.messageEn.length > 20);
      assert.equal(report.valid, found.severity === 'warning' ? report.errors.length === 0 : false);
    });
  }

  it('requires Confirmacion above the Total limit of c_TipoDeComprobante (CFDI40120)', () => {
    const catalogs = getCatalogs();
    const limited: Catalogs = {
      ...catalogs,
      tipoComprobante: {
        get: (key) => ({
          ...(catalogs.tipoComprobante.get(key) ?? { key, description: '' }),
          maxValue: '400',
        }),
        has: (key) => catalogs.tipoComprobante.has(key),
        keys: () => catalogs.tipoComprobante.keys(),
      },
    };
    const codes = validateComprobante(facturaGlobal(), { catalogs: limited }).errors.map((f) => f.code);
    assert.deepEqual(codes, ['CFDI40120']);
  });

  it('requires the complement c_ClaveProdServ asks for (CFDI40163)', () => {
    const catalogs = getCatalogs();
    const withComplement: Catalogs = {
      ...catalogs,
      claveProdServ: {
        get: (key) => {
          const entry = catalogs.claveProdServ.get(key);
          return entry && { ...entry, complement: 'CartaPorte' };
        },
        has: (key) => catalogs.claveProdServ.has(key),
        keys: () => catalogs.claveProdServ.keys(),
      },
    };
    const codes = validateComprobante(facturaGlobal(), { catalogs: withComplement }).errors.map(
      (f) => f.code,
    );
    assert.deepEqual(codes, ['CFDI40163', 'CFDI40163']);
  });

  it('reports where the problem is with a path (CFDI40180)', () => {
    const c = facturaGlobal();
    const t = c.Conceptos[1]?.Impuestos?.Traslados?.[0];
    if (t) t.Importe = '41.00';
    const found = validateComprobante(c).errors.find((f) => f.code === 'CFDI40180');
    assert.equal(found?.path, 'Conceptos[1].Impuestos.Traslados[0].Importe');
  });
});
