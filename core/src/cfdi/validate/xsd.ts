/**
 * XSD validation of a CFDI 4.0 document, offline, with xmllint-wasm against SAT's schemas in core/data/xsd
 * (cfdv40, tdCFDI, TimbreFiscalDigital 1.1, Pagos 2.0, catPagos) and a catCFDI.xsd generated from our
 * catalogs (SAT does not publish one we can ship). Schemas are read and prepared once per process; files
 * are handed to xmllint flat (schemaLocation rewritten to the bare file name). Complements other than TFD
 * and Pagos are not validated: cfdv40's Complemento / ComplementoConcepto wildcards are made lax and
 * Addenda's skip, in memory, so unknown namespaces pass and the two known ones are still checked.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { generateCatCfdiXsd } from '../../catalogs/cat-cfdi-xsd.js';
import { getCatalogs } from '../../catalogs/index.js';
import type { Catalogs } from '../../catalogs/types.js';
import type { Finding } from './types.js';

const ROOT = fileURLToPath(new URL('../../../data/xsd/www.sat.gob.mx/sitio_internet/cfd/', import.meta.url));
const FILES: Record<string, string> = {
  'cfdv40.xsd': '4/cfdv40.xsd',
  'tdCFDI.xsd': 'tipoDatos/tdCFDI/tdCFDI.xsd',
  'TimbreFiscalDigitalv11.xsd': 'TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd',
  'Pagos20.xsd': 'Pagos/Pagos20.xsd',
  'catPagos.xsd': 'catalogos/Pagos/catPagos.xsd',
};
const MAIN = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:autofactura:xsd-bundle">
  <xs:import namespace="http://www.sat.gob.mx/cfd/4" schemaLocation="cfdv40.xsd"/>
  <xs:import namespace="http://www.sat.gob.mx/TimbreFiscalDigital" schemaLocation="TimbreFiscalDigitalv11.xsd"/>
  <xs:import namespace="http://www.sat.gob.mx/Pagos20" schemaLocation="Pagos20.xsd"/>
</xs:schema>`;

interface Prepared {
  preload: { fileName: string; contents: string }[];
}

const prepared = new WeakMap<Catalogs, Prepared>();
let schemaFiles: { fileName: string; contents: string }[] | undefined;

function flatten(contents: string): string {
  return contents.replace(/schemaLocation="[^"]*\/([^"/]+\.xsd)"/g, 'schemaLocation="$1"');
}

function loadSchemaFiles(): { fileName: string; contents: string }[] {
  schemaFiles ??= Object.entries(FILES).map(([fileName, path]) => {
    let contents = flatten(readFileSync(ROOT + path, 'utf8'));
    if (fileName === 'cfdv40.xsd') {
      contents = contents
        .replace(
          '<xs:any minOccurs="0" maxOccurs="unbounded"/>',
          '<xs:any minOccurs="0" maxOccurs="unbounded" processContents="lax"/>',
        )
        .replace(
          /<xs:any maxOccurs="unbounded"\/>/g,
          '<xs:any maxOccurs="unbounded" processContents="lax"/>',
        );
      // Addenda is the last wildcard: nothing in it is ours to check.
      const at = contents.lastIndexOf('processContents="lax"');
      contents = `${contents.slice(0, at)}processContents="skip"${contents.slice(at + 'processContents="lax"'.length)}`;
    }
    return { fileName, contents };
  });
  return schemaFiles;
}

function prepare(catalogs: Catalogs): Prepared {
  let p = prepared.get(catalogs);
  if (p === undefined) {
    p = {
      preload: [...loadSchemaFiles(), { fileName: 'catCFDI.xsd', contents: generateCatCfdiXsd(catalogs) }],
    };
    prepared.set(catalogs, p);
  }
  return p;
}

/** "Element '{ns}Concepto', attribute 'Importe': ..." -> the element and attribute names, without namespaces. */
const WHERE = /Element '(?:\{[^}]*\})?([^']+)'(?:, attribute '([^']+)')?: (.*)$/s;

function toFinding(raw: string): Finding {
  const m = WHERE.exec(raw);
  const detail = (m?.[3] ?? raw).trim();
  const where =
    m === null ? '' : m[2] === undefined ? `el elemento ${m[1]}` : `el atributo ${m[2]} de ${m[1]}`;
  const whereEn = m === null ? '' : m[2] === undefined ? `element ${m[1]}` : `attribute ${m[2]} of ${m[1]}`;
  return {
    code: 'XSD',
    severity: 'error',
    message: where
      ? `El esquema XSD del SAT rechaza ${where}: ${detail}`
      : `El esquema XSD del SAT rechaza el documento: ${detail}`,
    messageEn: whereEn
      ? `SAT's XSD rejects ${whereEn}: ${detail}`
      : `SAT's XSD rejects the document: ${detail}`,
    ...(m === null ? {} : { path: m[2] === undefined ? (m[1] as string) : `${m[1]}.${m[2]}` }),
  };
}

/** Validates the document against SAT's schemas; [] when valid. */
export async function validateXsd(xml: string, catalogs: Catalogs = getCatalogs()): Promise<Finding[]> {
  const { preload } = prepare(catalogs);
  const result = await validateXML({
    xml: [{ fileName: 'cfdi.xml', contents: xml }],
    schema: [{ fileName: 'bundle.xsd', contents: MAIN }],
    preload,
    initialMemoryPages: 1024,
    maxMemoryPages: 8192,
  });
  if (result.valid) return [];
  return result.errors.map((e) => toFinding(e.message));
}
