/**
 * Every offline check of a receptor's fiscal data, for the self-invoice portal and the API: RFC, name
 * without régimen capital, régimen for the person type, UsoCFDI for the régimen, postal code exists.
 * What needs SAT online (RFC inscrito, name and CP match the register) is not here.
 */
import type { Catalogs } from '../catalogs/types.js';
import { codigoPostalExists } from './codigo-postal.js';
import type { FiscalIssue } from './issue.js';
import { checkReceptorNombre } from './receptor-nombre.js';
import { regimenAllowedFor, regimenExists } from './regimen.js';
import { checkRfc, parseRfc } from './rfc.js';
import { usoCfdiAllowedFor, usoCfdiExists } from './uso-cfdi.js';

export interface ReceptorFiscal {
  Rfc: string;
  Nombre: string;
  DomicilioFiscalReceptor: string;
  RegimenFiscalReceptor: string;
  UsoCFDI: string;
}

export type ReceptorField = keyof ReceptorFiscal;

export interface ReceptorIssue extends FiscalIssue {
  field: ReceptorField;
}

export function checkReceptor(receptor: ReceptorFiscal, catalogs: Catalogs): ReceptorIssue[] {
  const issues: ReceptorIssue[] = [];
  const add = (field: ReceptorField, list: FiscalIssue[]) => {
    for (const issue of list) issues.push({ ...issue, field });
  };
  add('Rfc', checkRfc(receptor.Rfc, 'RFC del receptor'));
  add('Nombre', checkReceptorNombre(receptor.Nombre));
  if (!codigoPostalExists(catalogs, receptor.DomicilioFiscalReceptor)) {
    add('DomicilioFiscalReceptor', [
      {
        code: 'RECEPTOR_CODIGO_POSTAL',
        severity: 'error',
        message: `El código postal del domicilio fiscal "${receptor.DomicilioFiscalReceptor}" no existe en el catálogo c_CodigoPostal del SAT; escribe el de la Constancia de Situación Fiscal.`,
        messageEn: `Tax address postal code "${receptor.DomicilioFiscalReceptor}" is not in SAT's c_CodigoPostal catalog; use the one in the Constancia de Situación Fiscal.`,
      },
    ]);
  }
  const tipo = parseRfc(receptor.Rfc)?.tipo;
  const regimen = receptor.RegimenFiscalReceptor;
  if (!regimenExists(catalogs, regimen)) {
    add('RegimenFiscalReceptor', [
      {
        code: 'CFDI40157',
        severity: 'error',
        message: `El régimen fiscal del receptor "${regimen}" no existe en el catálogo c_RegimenFiscal; elige el de su Constancia de Situación Fiscal.`,
        messageEn: `Receptor tax regime "${regimen}" is not in c_RegimenFiscal; choose the one in their Constancia de Situación Fiscal.`,
      },
    ]);
  } else if (tipo !== undefined && !regimenAllowedFor(catalogs, regimen, tipo)) {
    add('RegimenFiscalReceptor', [
      {
        code: 'CFDI40158',
        severity: 'error',
        message: `El régimen fiscal "${regimen}" no aplica a una persona ${tipo === 'fisica' ? 'física' : 'moral'} (RFC de ${receptor.Rfc.length} caracteres); revisa el RFC o el régimen.`,
        messageEn: `Tax regime "${regimen}" does not apply to a ${tipo === 'fisica' ? 'natural person' : 'company'} (RFC of ${receptor.Rfc.length} characters); check the RFC or the regime.`,
      },
    ]);
  }
  if (!usoCfdiExists(catalogs, receptor.UsoCFDI)) {
    add('UsoCFDI', [
      {
        code: 'CFDI40160',
        severity: 'error',
        message: `El uso del CFDI "${receptor.UsoCFDI}" no existe en el catálogo c_UsoCFDI.`,
        messageEn: `UsoCFDI "${receptor.UsoCFDI}" is not in c_UsoCFDI.`,
      },
    ]);
  } else if (
    tipo !== undefined &&
    regimenExists(catalogs, regimen) &&
    !usoCfdiAllowedFor(catalogs, receptor.UsoCFDI, regimen, tipo)
  ) {
    add('UsoCFDI', [usoNotAllowed(receptor.UsoCFDI, regimen, tipo)]);
  }
  return issues;
}

export function usoNotAllowed(uso: string, regimen: string, tipo: 'fisica' | 'moral'): FiscalIssue {
  const persona = tipo === 'fisica' ? 'física' : 'moral';
  return {
    code: 'CFDI40161',
    severity: 'error',
    message: `El uso del CFDI "${uso}" no se permite a una persona ${persona} con régimen "${regimen}"; elige un uso que el catálogo c_UsoCFDI permita para ese régimen (por ejemplo G03 o S01).`,
    messageEn: `UsoCFDI "${uso}" is not allowed for a ${tipo === 'fisica' ? 'natural person' : 'company'} with regime "${regimen}"; choose a use c_UsoCFDI allows for that regime (e.g. G03 or S01).`,
  };
}
