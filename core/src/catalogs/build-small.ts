import { type CsvRecord, catalogImportError, readCsvTable } from './csv-table.js';
import type { SmallCatalogsData } from './data-format.js';
import type { Entry, TasaOCuotaRule, Validity } from './types.js';

const FROM = 'vigencia_desde';
const TO = 'vigencia_hasta';

function validity(row: CsvRecord): Validity {
  return { ...(row[FROM] ? { from: row[FROM] } : {}), ...(row[TO] ? { to: row[TO] } : {}) };
}

/** Reads a cfdi_40_* file whose rows are key, description and validity. */
function simple(dir: string, file: string, key = 'id', description: string | null = 'texto'): Entry[] {
  const columns = [key, ...(description ? [description] : []), FROM, TO];
  return readCsvTable(dir, file, columns).map((row) => ({
    key: row[key] as string,
    description: description ? (row[description] as string) : (row[key] as string),
    ...validity(row),
  }));
}

const flag = (value: string | undefined) => value === '1';

/** SAT writes the border-rate IVA row as "IVA Crédito aplicado del 50%"; it is still c_Impuesto 002. */
function impuestoCode(name: string, file: string, line: number): string {
  if (name === 'ISR') return '001';
  if (name === 'IVA' || name.startsWith('IVA ')) return '002';
  if (name === 'IEPS') return '003';
  throw catalogImportError(
    `El renglón ${line} de ${file} tiene un impuesto desconocido: "${name}".`,
    `Row ${line} of ${file} has an unknown tax: "${name}".`,
  );
}

function tasaOCuota(dir: string): TasaOCuotaRule[] {
  const file = 'cfdi_40_reglas_tasa_cuota.csv';
  const columns = ['tipo', 'minimo', 'valor', 'impuesto', 'factor', 'traslado', 'retencion', FROM, TO];
  return readCsvTable(dir, file, columns).map((row, index) => {
    const kind = row.tipo;
    const factor = row.factor;
    if ((kind !== 'Fijo' && kind !== 'Rango') || (factor !== 'Tasa' && factor !== 'Cuota')) {
      throw catalogImportError(
        `El renglón ${index + 2} de ${file} tiene tipo "${kind}" o factor "${factor}" desconocidos.`,
        `Row ${index + 2} of ${file} has an unknown tipo "${kind}" or factor "${factor}".`,
      );
    }
    return {
      kind,
      value: row.valor as string,
      ...(kind === 'Rango' ? { min: row.minimo as string } : {}),
      impuesto: impuestoCode(row.impuesto as string, file, index + 2),
      factor,
      traslado: flag(row.traslado),
      retencion: flag(row.retencion),
      ...validity(row),
    };
  });
}

/** Reads every small catalog from SAT's cfdi_40_* CSV files in `dir`. */
export function buildSmallCatalogs(dir: string): Omit<SmallCatalogsData, 'timeZones'> {
  const personas = (file: string, extra: string[] = []) =>
    readCsvTable(dir, file, ['id', 'texto', 'aplica_fisica', 'aplica_moral', FROM, TO, ...extra]);
  return {
    formaPago: readCsvTable(dir, 'cfdi_40_formas_pago.csv', ['id', 'texto', 'es_bancarizado', FROM, TO]).map(
      (row) => ({
        key: row.id as string,
        description: row.texto as string,
        bancarizado: flag(row.es_bancarizado),
        ...validity(row),
      }),
    ),
    metodoPago: simple(dir, 'cfdi_40_metodos_pago.csv'),
    moneda: readCsvTable(dir, 'cfdi_40_monedas.csv', [
      'id',
      'texto',
      'decimales',
      'porcentaje_variacion',
      FROM,
      TO,
    ]).map((row) => ({
      key: row.id as string,
      description: row.texto as string,
      decimals: Number(row.decimales),
      ...(row.porcentaje_variacion ? { variation: Number(row.porcentaje_variacion) } : {}),
      ...validity(row),
    })),
    tipoComprobante: readCsvTable(dir, 'cfdi_40_tipos_comprobantes.csv', [
      'id',
      'texto',
      'valor_maximo',
      FROM,
      TO,
    ]).map((row) => ({
      key: row.id as string,
      description: row.texto as string,
      ...(row.valor_maximo ? { maxValue: row.valor_maximo } : {}),
      ...validity(row),
    })),
    exportacion: simple(dir, 'cfdi_40_exportaciones.csv'),
    regimenFiscal: personas('cfdi_40_regimenes_fiscales.csv').map((row) => ({
      key: row.id as string,
      description: row.texto as string,
      fisica: flag(row.aplica_fisica),
      moral: flag(row.aplica_moral),
      ...validity(row),
    })),
    usoCfdi: personas('cfdi_40_usos_cfdi.csv', ['regimenes_fiscales_receptores']).map((row) => ({
      key: row.id as string,
      description: row.texto as string,
      fisica: flag(row.aplica_fisica),
      moral: flag(row.aplica_moral),
      regimenes: (row.regimenes_fiscales_receptores as string)
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean)
        .sort(),
      ...validity(row),
    })),
    objetoImp: simple(dir, 'cfdi_40_objetos_impuestos.csv'),
    impuesto: simple(dir, 'cfdi_40_impuestos.csv'),
    tipoFactor: simple(dir, 'cfdi_40_tipos_factores.csv', 'id', null),
    periodicidad: simple(dir, 'cfdi_40_periodicidades.csv'),
    meses: simple(dir, 'cfdi_40_meses.csv'),
    tipoRelacion: simple(dir, 'cfdi_40_tipos_relaciones.csv'),
    pais: readCsvTable(dir, 'cfdi_40_paises.csv', [
      'id',
      'texto',
      'patron_codigo_postal',
      'patron_identidad_tributaria',
    ]).map((row) => ({
      key: row.id as string,
      description: row.texto as string,
      ...(row.patron_codigo_postal ? { zipPattern: row.patron_codigo_postal } : {}),
      ...(row.patron_identidad_tributaria ? { taxIdPattern: row.patron_identidad_tributaria } : {}),
    })),
    estado: simple(dir, 'cfdi_40_estados.csv', 'estado'),
    aduana: simple(dir, 'cfdi_40_aduanas.csv'),
    claveUnidad: simple(dir, 'cfdi_40_claves_unidades.csv'),
    tasaOCuota: tasaOCuota(dir),
  };
}
