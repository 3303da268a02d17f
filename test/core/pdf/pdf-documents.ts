/**
 * CFDI documents the PDF tests print: built and sealed with the EKU9003173C9 test CSD by core's own
 * buildComprobante/sealComprobante, and stamped here with a TimbreFiscalDigital 1.1 whose SelloSAT is a
 * real RSA-SHA256 signature of the TFD cadena (made with the same test key, standing in for a PAC's).
 * The PDF renderer is what these tests exercise; the stamp only has to be a well-formed TFD.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildComprobante, sealComprobante } from '../../../core/src/cfdi/build.js';
import { cadenaTfd } from '../../../core/src/cfdi/cadena/index.js';
import type { Comprobante } from '../../../core/src/cfdi/model.js';
import { type Csd, loadCsd } from '../../../core/src/fiscal/csd/index.js';
import { serializeXml } from '../../../core/src/xml/serialize.js';
import { element, NS, type XmlElement } from '../../../core/src/xml/tree.js';
import { EKU, FIXTURES } from '../../support/oracles.js';

let csd: Csd | undefined;
function eku(): Csd {
  csd ??= loadCsd({
    certificate: readFileSync(EKU.cer),
    privateKey: readFileSync(EKU.key),
    password: EKU.password,
  });
  return csd;
}

export const NOW = new Date('2026-11-28T18:00:00Z');

// biome-ignore lint/suspicious/noExplicitAny: request JSON is free-form test data
export type Request = Record<string, any>;

export function iva16Request(): Request {
  return JSON.parse(readFileSync(join(FIXTURES, 'requests/iva16.json'), 'utf8'));
}

/** Built and sealed XML of `request` (no stamp). */
export function sealedXml(request: Request): string {
  const { comprobante } = buildComprobante(request, { now: NOW });
  return sealComprobante(comprobante, eku()).xml;
}

export interface Stamped {
  xml: string;
  uuid: string;
}

/** Built, sealed and stamped XML of `request`. */
export function stampedXml(
  request: Request,
  uuid: string,
  change?: (comprobante: Comprobante) => void,
): Stamped {
  const { comprobante } = buildComprobante(request, { now: NOW });
  change?.(comprobante);
  const sealed = sealComprobante(comprobante, eku());
  const tfd = element('tfd:TimbreFiscalDigital', NS.tfd, {
    'xmlns:tfd': NS.tfd,
    'xsi:schemaLocation':
      'http://www.sat.gob.mx/TimbreFiscalDigital http://www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd',
    Version: '1.1',
    UUID: uuid,
    FechaTimbrado: '2026-11-28T10:16:02',
    RfcProvCertif: 'SPR190613I52',
    SelloCFD: sealed.comprobante.Sello as string,
    NoCertificadoSAT: eku().noCertificado,
  });
  tfd.attrs.SelloSAT = eku().sign(cadenaTfd(tfd)).toString('base64');
  const root: XmlElement = sealed.tree;
  root.children.push(element('cfdi:Complemento', NS.cfdi, {}, [tfd]));
  return { xml: serializeXml(root), uuid };
}

/** A nota de crédito relating `uuids` with TipoRelacion 01. */
export function egresoRequest(uuids: string[]): Request {
  const request = iva16Request();
  request.type = 'E';
  request.series = 'NC';
  request.folio = '77';
  request.payment_form = '03';
  request.customer.cfdi_use = 'G02';
  request.related = [{ relationship: '01', uuids }];
  request.items = [
    {
      product_key: '84111506',
      unit_key: 'ACT',
      description: 'Devolución parcial del curso de facturación',
      quantity: '1',
      unit_price: '500.00',
      taxes: [{ type: 'IVA', rate: '0.16' }],
    },
  ];
  return request;
}

/** A factura global (InformacionGlobal, PUBLICO EN GENERAL) with `count` tickets. */
export function globalRequest(count: number): Request {
  return {
    issuer: { rfc: 'EKU9003173C9', name: 'ESCUELA KEMPER URGATE', tax_regime: '601', zip: '06600' },
    customer: {
      rfc: 'XAXX010101000',
      name: 'PUBLICO EN GENERAL',
      tax_regime: '616',
      zip: '06600',
      cfdi_use: 'S01',
    },
    series: 'G',
    folio: '2026-10',
    date: '2026-11-28T10:15:00',
    payment_form: '01',
    payment_method: 'PUE',
    global: { periodicity: '04', months: '10', year: '2026' },
    items: Array.from({ length: count }, (_, i) => ({
      product_key: '01010101',
      unit_key: 'ACT',
      sku: `T-${i + 1}`,
      description: 'Venta',
      quantity: '1',
      unit_price: `${100 + (i % 50)}.${String(i % 100).padStart(2, '0')}`,
      taxes: [{ type: 'IVA', rate: '0.16' }],
    })),
  };
}

/** Deterministic fake UUIDs for tests: 0000000N-...-ABCDEF. */
export function testUuid(n: number): string {
  const hex = n.toString(16).toUpperCase().padStart(8, '0');
  return `${hex}-1111-4222-8333-ABCDEF${hex.slice(2)}`;
}

/** 1000 characters of ordinary words (SAT's limit for Descripcion). */
export const LONG_WORDS = Array.from({ length: 200 }, (_, i) => `palabra${i % 10}`)
  .join(' ')
  .slice(0, 1000);

/** 1000 characters without a single space, as a pasted code or URL would be. */
export const LONG_TOKEN = Array.from({ length: 100 }, (_, i) => `Ñ&${String(i).padStart(3, '0')}-ABCD`)
  .join('')
  .slice(0, 1000);

export const LONG_ISSUER = `ÑANDÚ & ASOCIADOS COMERCIALIZADORA DE PRODUCTOS ARTESANALES, EDUCATIVOS Y DE CONSULTORÍA EN TECNOLOGÍAS DE LA INFORMACIÓN DEL CENTRO, NORTE Y SUR DE LA REPÚBLICA MEXICANA CON DOMICILIO EN LA CIUDAD DE MÉXICO Y SUCURSALES EN TODO EL PAÍS`;

/**
 * The stress document: a 230-character issuer name with Ñ and &, a 1000-character description, a
 * 1000-character word without spaces, characters outside WinAnsi, 40 related UUIDs, and a concepto
 * with 90 customs entries (a row taller than a page, which must split). Added to the model before
 * sealing: it exercises the layout, not SAT's rules.
 */
export function longTextXml(): Stamped {
  const request = iva16Request();
  request.issuer.name = LONG_ISSUER;
  request.customer.name = 'CARLOS CORTÉS SOTO & HIJOS ÑÜ';
  request.related = [{ relationship: '04', uuids: Array.from({ length: 40 }, (_, i) => testUuid(100 + i)) }];
  request.items = [
    { ...request.items[0], description: LONG_WORDS },
    { ...request.items[1], description: LONG_TOKEN },
    { ...request.items[1], description: 'Caracteres fuera de WinAnsi: Ω 漢字 😀 ő – “comillas” € ñ' },
  ];
  return stampedXml(request, testUuid(2), (comprobante) => {
    const concepto = comprobante.Conceptos[0] as Comprobante['Conceptos'][number];
    concepto.InformacionAduanera = Array.from({ length: 90 }, (_, i) => ({
      NumeroPedimento: `26  47  3807  ${String(8000000 + i)}`,
    }));
  });
}
