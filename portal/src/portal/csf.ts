/**
 * Reads a Constancia de Situación Fiscal (the SAT's PDF) to fill the portal's form: RFC, name
 * (persona física: Nombre (s) + Primer + Segundo Apellido; moral: Denominación/Razón Social), the
 * domicilio's Código Postal and the régimen(es) by their catalog description. Text comes from unpdf
 * (pdf.js); nothing is stored, and the PDF is read only within the request. Values are taken between
 * the labels SAT prints, so the order and line breaks of the extracted text do not matter.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { getCatalogs } from '../../../core/src/catalogs/index.js';
import { parseRfc } from '../../../core/src/fiscal/index.js';

export interface CsfData {
  rfc?: string;
  name?: string;
  zip?: string;
  taxRegime?: string;
}

/** Labels printed on the Constancia; a value runs from its label to the next one. */
const LABELS = [
  'RFC:',
  'CURP:',
  'Nombre (s):',
  'Primer Apellido:',
  'Segundo Apellido:',
  'Fecha inicio de operaciones:',
  'Estatus en el padrón:',
  'Fecha de último cambio de estado:',
  'Nombre Comercial:',
  'Denominación/Razón Social:',
  'Régimen Capital:',
  'Datos del domicilio registrado',
  'Código Postal:',
  'Tipo de Vialidad:',
  'Nombre de Vialidad:',
  'Número Exterior:',
  'Número Interior:',
  'Nombre de la Colonia:',
  'Nombre de la Localidad:',
  'Nombre del Municipio o Demarcación Territorial:',
  'Nombre de la Entidad Federativa:',
  'Entre Calle:',
  'Y Calle:',
  'Actividades Económicas:',
  'Regímenes:',
  'Obligaciones:',
  'Lugar y Fecha de Emisión',
  'idCIF:',
];

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');

/** label -> the text after it up to the next label (first occurrence of each). */
function fields(text: string): Map<string, string> {
  const flat = text.replace(/\s+/g, ' ');
  const folded = fold(flat);
  const found = LABELS.map((label) => ({ label, at: folded.indexOf(fold(label)) }))
    .filter((entry) => entry.at >= 0)
    .sort((a, b) => a.at - b.at);
  const out = new Map<string, string>();
  found.forEach((entry, i) => {
    const start = entry.at + fold(entry.label).length;
    const end = i + 1 < found.length ? found[i + 1]!.at : flat.length;
    if (!out.has(entry.label)) out.set(entry.label, flat.slice(start, end).trim());
  });
  return out;
}

/** The régimen whose catalog description appears in the Regímenes section (the longest match wins). */
function regimeFrom(section: string, tipo: 'fisica' | 'moral' | undefined): string | undefined {
  const catalogs = getCatalogs();
  const haystack = fold(section);
  let best: { key: string; length: number } | undefined;
  for (const key of catalogs.regimenFiscal.keys()) {
    const entry = catalogs.regimenFiscal.get(key)!;
    if (tipo && !(tipo === 'fisica' ? entry.fisica : entry.moral)) continue;
    const description = fold(entry.description).replace(/^regimen (de |del )?/, '');
    if (
      description.length > 8 &&
      haystack.includes(description) &&
      (!best || description.length > best.length)
    ) {
      best = { key, length: description.length };
    }
  }
  return best?.key;
}

/** What the Constancia's text says, as form values (only what was found). */
export function parseCsfText(text: string): CsfData {
  const f = fields(text);
  const out: CsfData = {};
  const rfc = /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}/.exec((f.get('RFC:') ?? '').toUpperCase())?.[0];
  const tipo = rfc ? parseRfc(rfc)?.tipo : undefined;
  if (rfc && tipo) out.rfc = rfc;
  const razon = f.get('Denominación/Razón Social:');
  const person = [f.get('Nombre (s):'), f.get('Primer Apellido:'), f.get('Segundo Apellido:')]
    .filter((part): part is string => Boolean(part))
    .join(' ')
    .trim();
  const name = tipo === 'moral' ? razon : person || razon;
  if (name) out.name = name.toUpperCase();
  const zip = /\d{5}/.exec(f.get('Código Postal:') ?? '')?.[0];
  if (zip) out.zip = zip;
  const regimes = f.get('Regímenes:');
  const regime = regimes ? regimeFrom(regimes, tipo) : undefined;
  if (regime) out.taxRegime = regime;
  return out;
}

/** Text of a PDF (all pages), or null when it cannot be read as a PDF. */
export async function pdfText(bytes: Buffer): Promise<string | null> {
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      if (pdf.numPages > 10) return null;
      const { text } = await extractText(pdf, { mergePages: true });
      return text;
    } finally {
      await pdf.destroy();
    }
  } catch {
    return null;
  }
}

export const isPdf = (bytes: Buffer): boolean => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

export async function readCsf(bytes: Buffer): Promise<CsfData> {
  const text = await pdfText(bytes);
  return text ? parseCsfText(text) : {};
}
