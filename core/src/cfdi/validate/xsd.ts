/**
 * XSD validation of a CFDI 4.0 document, offline, with libxml2 compiled to WebAssembly (libxml2-wasm)
 * against SAT's schemas in core/data/xsd (cfdv40, tdCFDI, TimbreFiscalDigital 1.1, Pagos 2.0, catPagos)
 * and a catCFDI.xsd generated from our catalogs (SAT does not publish one we can ship). The schema set is
 * compiled once per catalog set and kept; each document is then parsed and validated in about a
 * millisecond. Files reach libxml2 from memory under `af-xsd:/` (schemaLocation rewritten to the bare
 * file name). Complements other than TFD and Pagos are not validated: cfdv40's Complemento /
 * ComplementoConcepto wildcards are made lax and Addenda's skip, in memory, so unknown namespaces pass
 * and the two known ones are still checked.
 *
 * c_ClaveProdServ and c_CodigoPostal (~150,000 keys) go to libxml2 as plain strings: as enumerations they
 * cost ~8 ms per document and an error message listing every key. Their three attributes in cfdv40
 * (Comprobante LugarExpedicion, Concepto and Parte ClaveProdServ) are looked up in the catalogs here,
 * with the finding SAT's enumeration would give, so the result is that of the full schema.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { XmlBufferInputProvider, XmlDocument, XsdValidator } from 'libxml2-wasm';
import { generateCatCfdiXsd } from '../../catalogs/cat-cfdi-xsd.js';
import { getCatalogs } from '../../catalogs/index.js';
import type { Catalogs } from '../../catalogs/types.js';
import { parseXml } from '../../xml/parse.js';
import { NS, type XmlElement } from '../../xml/tree.js';
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
const BASE = 'af-xsd:/';
const CFDI_NS = NS.cfdi;
/** catCFDI types checked by lookup instead of by enumeration (see the header). */
const LOOKED_UP = ['c_ClaveProdServ', 'c_CodigoPostal'];

interface Compiled {
  schema: XmlDocument;
  validator: XsdValidator;
}

type Libxml2 = typeof import('libxml2-wasm');

const compiled = new WeakMap<Catalogs, Compiled>();
/** libxml2-wasm (~1 MB of module with its WebAssembly inline) is loaded on the first validation only. */
let libxml2: Promise<Libxml2> | undefined;
let provider: XmlBufferInputProvider | undefined;
let catalogSets = 0;

function flatten(contents: string): string {
  return contents.replace(/schemaLocation="[^"]*\/([^"/]+\.xsd)"/g, 'schemaLocation="$1"');
}

function satSchema(fileName: string, path: string): string {
  let contents = flatten(readFileSync(ROOT + path, 'utf8'));
  if (fileName === 'cfdv40.xsd') {
    contents = contents
      .replace(
        '<xs:any minOccurs="0" maxOccurs="unbounded"/>',
        '<xs:any minOccurs="0" maxOccurs="unbounded" processContents="lax"/>',
      )
      .replace(/<xs:any maxOccurs="unbounded"\/>/g, '<xs:any maxOccurs="unbounded" processContents="lax"/>');
    // Addenda is the last wildcard: nothing in it is ours to check.
    const at = contents.lastIndexOf('processContents="lax"');
    contents = `${contents.slice(0, at)}processContents="skip"${contents.slice(at + 'processContents="lax"'.length)}`;
  }
  return contents;
}

function schemaFiles(lib: Libxml2): XmlBufferInputProvider {
  if (provider === undefined) {
    provider = new lib.XmlBufferInputProvider({});
    lib.xmlRegisterInputProvider(provider);
  }
  return provider;
}

/**
 * The validator for a catalog set, compiled on first use (~30 ms). Each catalog set gets its own
 * catCFDI and bundle file names, so an operator's imported catalogs never meet the shipped ones.
 */
function validatorFor(lib: Libxml2, catalogs: Catalogs): XsdValidator {
  let entry = compiled.get(catalogs);
  if (entry === undefined) {
    const files = schemaFiles(lib);
    const set = catalogSets++;
    const catCfdi = generateCatCfdiXsd(catalogs, { open: LOOKED_UP });
    // cfdv40 and Pagos20 import catCFDI.xsd by that bare name, relative to themselves: each set's
    // files live in a folder of their own.
    const folder = `${BASE}set-${set}/`;
    const encoder = new TextEncoder();
    for (const [fileName, path] of Object.entries(FILES)) {
      files.addBuffer(folder + fileName, encoder.encode(satSchema(fileName, path)));
    }
    files.addBuffer(`${folder}catCFDI.xsd`, encoder.encode(catCfdi));
    const schema = lib.XmlDocument.fromString(MAIN, { url: `${folder}bundle.xsd` });
    entry = { schema, validator: lib.XsdValidator.fromDoc(schema) };
    compiled.set(catalogs, entry);
  }
  return entry.validator;
}

function notWellFormed(message: string, line: number): Finding {
  const detail = message.trim();
  return {
    code: 'XSD',
    severity: 'error',
    message: `El documento no es XML bien formado (línea ${line}): ${detail}`,
    messageEn: `The document is not well-formed XML (line ${line}): ${detail}`,
  };
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

/** XSD's whiteSpace="collapse": runs of spaces become one, no leading or trailing spaces. */
const collapse = (value: string) => value.replace(/[\t\n\r ]+/g, ' ').trim();

function enumerationFinding(element: string, attribute: string, value: string, type: string): Finding {
  const detail = `[facet 'enumeration'] The value '${value}' is not an element of the set of ${type}.`;
  return {
    code: 'XSD',
    severity: 'error',
    message: `El esquema XSD del SAT rechaza el atributo ${attribute} de ${element}: ${detail}`,
    messageEn: `SAT's XSD rejects attribute ${attribute} of ${element}: ${detail}`,
    path: `${element}.${attribute}`,
  };
}

function lookUpKeys(root: XmlElement, catalogs: Catalogs): Finding[] {
  const findings: Finding[] = [];
  if (root.ns !== CFDI_NS || root.local !== 'Comprobante') return findings;
  const lugar = root.attrs.LugarExpedicion;
  if (lugar !== undefined && !catalogs.codigoPostal.has(collapse(lugar))) {
    findings.push(enumerationFinding('Comprobante', 'LugarExpedicion', lugar, 'c_CodigoPostal'));
  }
  const claves = (element: XmlElement) => {
    const clave = element.attrs.ClaveProdServ;
    if (clave !== undefined && !catalogs.claveProdServ.has(collapse(clave))) {
      findings.push(enumerationFinding(element.local, 'ClaveProdServ', clave, 'c_ClaveProdServ'));
    }
  };
  for (const conceptos of root.children) {
    if (conceptos.ns !== CFDI_NS || conceptos.local !== 'Conceptos') continue;
    for (const concepto of conceptos.children) {
      if (concepto.ns !== CFDI_NS || concepto.local !== 'Concepto') continue;
      claves(concepto);
      for (const parte of concepto.children) {
        if (parte.ns === CFDI_NS && parte.local === 'Parte') claves(parte);
      }
    }
  }
  return findings;
}

/** Validates the document against SAT's schemas; [] when valid. */
export async function validateXsd(xml: string, catalogs: Catalogs = getCatalogs()): Promise<Finding[]> {
  libxml2 ??= import('libxml2-wasm');
  const lib = await libxml2;
  const validator = validatorFor(lib, catalogs);
  let document: XmlDocument;
  try {
    document = lib.XmlDocument.fromString(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml);
  } catch (error) {
    if (!(error instanceof lib.XmlParseError)) throw error;
    return error.details.map((detail) => notWellFormed(detail.message, detail.line));
  }
  const findings: Finding[] = [];
  try {
    validator.validate(document);
  } catch (error) {
    if (!(error instanceof lib.XmlValidateError)) throw error;
    for (const detail of error.details) findings.push(toFinding(detail.message));
  } finally {
    document.dispose();
  }
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch {
    return findings; // Something libxml2 parses and our CFDI reader does not (a DOCTYPE): no keys to look up.
  }
  findings.push(...lookUpKeys(root, catalogs));
  return findings;
}
