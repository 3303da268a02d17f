import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutofacturaError } from '../errors.js';
import { parseCsv } from './csv.js';

/** One CSV row as column name -> value (empty string when the cell is empty). */
export type CsvRecord = Record<string, string>;

/**
 * Reads `file` from `dir` and checks that its header holds every column in `columns` (any order, extra
 * columns allowed) and that every row has as many fields as the header. Fails with an es-MX error that
 * names the file, the row or the column.
 */
export function readCsvTable(dir: string, file: string, columns: readonly string[]): CsvRecord[] {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw catalogImportError(
      `No se encontró el archivo ${file} en ${dir}. Descarga los catálogos del SAT en CSV y vuelve a importar.`,
      `File ${file} was not found in ${dir}. Download SAT's catalogs as CSV and import again.`,
      cause,
    );
  }
  const [header, ...rows] = parseCsv(text);
  if (!header) throw catalogImportError(`El archivo ${file} está vacío.`, `File ${file} is empty.`);
  const names = header.map((name) => name.trim());
  for (const column of columns) {
    if (!names.includes(column)) {
      throw catalogImportError(
        `Al archivo ${file} le falta la columna "${column}" (encabezado encontrado: ${names.join(', ')}).`,
        `File ${file} lacks column "${column}" (header found: ${names.join(', ')}).`,
      );
    }
  }
  return rows.map((fields, index) => {
    if (fields.length !== names.length) {
      throw catalogImportError(
        `El renglón ${index + 2} de ${file} tiene ${fields.length} campos y el encabezado ${names.length}.`,
        `Row ${index + 2} of ${file} has ${fields.length} fields but the header has ${names.length}.`,
      );
    }
    const record: CsvRecord = {};
    names.forEach((name, i) => {
      record[name] = (fields[i] ?? '').trim();
    });
    return record;
  });
}

export function catalogImportError(message: string, messageEn: string, cause?: unknown): AutofacturaError {
  return new AutofacturaError({ code: 'CATALOG_IMPORT_INVALID', message, messageEn, status: 400, cause });
}
