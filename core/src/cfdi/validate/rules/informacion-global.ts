import type { Comprobante } from '../../model.js';
import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

const PUBLICO_EN_GENERAL = 'PUBLICO EN GENERAL';
const MONTHS = new Set(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']);
const BIMONTHS = new Set(['13', '14', '15', '16', '17', '18']);
const YEAR = /^[0-9]{4}$/;

export function isPublicoEnGeneral(cfdi: Comprobante): boolean {
  return cfdi.Receptor.Rfc === 'XAXX010101000' && cfdi.Receptor.Nombre === PUBLICO_EN_GENERAL;
}

export const informacionGlobal: Rule = {
  codes: ['CFDI40130', 'CFDI40131', 'CFDI40132', 'CFDI40133', 'CFDI40134', 'CFDI40135', 'CFDI40136'],
  meaning:
    'InformacionGlobal: requerida en la factura global (I a PUBLICO EN GENERAL); Periodicidad y Meses de sus catálogos y congruentes; bimestral solo con régimen 621; Año del ejercicio.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    const info = cfdi.InformacionGlobal;
    if (info === undefined) {
      if (cfdi.TipoDeComprobante === 'I' && isPublicoEnGeneral(cfdi)) {
        out.push(
          error(
            'CFDI40130',
            'Una factura a PUBLICO EN GENERAL (XAXX010101000) de tipo ingreso es una factura global: agrega InformacionGlobal con Periodicidad, Meses y Año.',
            'An income invoice to PUBLICO EN GENERAL (XAXX010101000) is a global invoice: add InformacionGlobal with Periodicidad, Meses and Año.',
            'InformacionGlobal',
          ),
        );
      }
      return out;
    }
    const { Periodicidad: periodicidad, Meses: meses } = info;
    if (!ctx.catalogs.periodicidad.has(periodicidad)) {
      out.push(
        error(
          'CFDI40131',
          `Periodicidad "${periodicidad}" no está en c_Periodicidad: 01 diario, 02 semanal, 03 quincenal, 04 mensual, 05 bimestral.`,
          `Periodicidad "${periodicidad}" is not in c_Periodicidad: 01 daily, 02 weekly, 03 fortnightly, 04 monthly, 05 bimonthly.`,
          'InformacionGlobal.Periodicidad',
        ),
      );
    }
    if (periodicidad === '05' && cfdi.Emisor.RegimenFiscal !== '621') {
      out.push(
        error(
          'CFDI40132',
          'La periodicidad bimestral (05) solo la puede usar el Régimen de Incorporación Fiscal (621); usa otra periodicidad.',
          'Bimonthly periodicity (05) is only for the Régimen de Incorporación Fiscal (621); use another periodicity.',
          'InformacionGlobal.Periodicidad',
        ),
      );
    }
    if (!ctx.catalogs.meses.has(meses)) {
      out.push(
        error(
          'CFDI40133',
          `Meses "${meses}" no está en c_Meses (01 a 12 para un mes, 13 a 18 para un bimestre).`,
          `Meses "${meses}" is not in c_Meses (01-12 for a month, 13-18 for a two-month period).`,
          'InformacionGlobal.Meses',
        ),
      );
    } else if (periodicidad === '05' && !BIMONTHS.has(meses)) {
      out.push(
        error(
          'CFDI40135',
          `Con periodicidad bimestral Meses debe ser de 13 (enero-febrero) a 18 (noviembre-diciembre), no "${meses}".`,
          `With bimonthly periodicity Meses must be 13 (Jan-Feb) to 18 (Nov-Dec), not "${meses}".`,
          'InformacionGlobal.Meses',
        ),
      );
    } else if (periodicidad !== '05' && !MONTHS.has(meses)) {
      out.push(
        error(
          'CFDI40134',
          `Con periodicidad ${periodicidad} Meses debe ser el mes, de 01 a 12, no "${meses}".`,
          `With periodicity ${periodicidad} Meses must be the month, 01 to 12, not "${meses}".`,
          'InformacionGlobal.Meses',
        ),
      );
    }
    const year = Number(cfdi.Fecha.slice(0, 4));
    const año = info.Año;
    if (!YEAR.test(año) || Number(año) < 2019 || Number(año) > year || Number(año) < year - 5) {
      out.push(
        error(
          'CFDI40136',
          `El Año "${año}" de InformacionGlobal debe ser el año de la Fecha (${year}) o uno de los 5 anteriores.`,
          `InformacionGlobal Año "${año}" must be the year of Fecha (${year}) or one of the 5 before it.`,
          'InformacionGlobal.Año',
        ),
      );
    }
    return out;
  },
};
