/**
 * Codes of SAT's Matriz de errores CFDI 4.0 that validateComprobante does not check, and why. The docs
 * generator lists them; a test checks that every matrix code is either here or in a rule.
 */
export interface NotChecked {
  code: string;
  reason: string;
}

const L_RFC = 'necesita la lista de RFC inscritos no cancelados del SAT (l_RFC), en línea o por el PAC';

export const NOT_CHECKED_OFFLINE: readonly NotChecked[] = [
  {
    code: 'CFDI40102',
    reason:
      'el sello se verifica al sellar y en la verificación (cfdi/sello, cfdi/verify), no sobre el modelo',
  },
  {
    code: 'CFDI40106',
    reason: 'el certificado se valida al cargar el CSD (cfdi/sello) y en la verificación del documento',
  },
  {
    code: 'CFDI40118',
    reason: 'necesita el tipo de cambio publicado por Banxico para la fecha del comprobante',
  },
  { code: 'CFDI40128', reason: 'solo el PAC sabe si emitió la clave de Confirmacion' },
  { code: 'CFDI40129', reason: 'solo el PAC sabe si la clave de Confirmacion ya se usó' },
  { code: 'CFDI40138', reason: L_RFC },
  { code: 'CFDI40139', reason: `${L_RFC} (nombre asociado al RFC del emisor)` },
  {
    code: 'CFDI40142',
    reason: 'necesita el servicio del Validador de RFC para facturar a través del adquirente',
  },
  { code: 'CFDI40143', reason: L_RFC },
  { code: 'CFDI40144', reason: L_RFC },
  {
    code: 'CFDI40145',
    reason: `${L_RFC}; sin conexión solo se detecta el régimen capital en el nombre (RECEPTOR_NOMBRE_REGIMEN_CAPITAL)`,
  },
  { code: 'CFDI40147', reason: L_RFC },
  { code: 'CFDI40148', reason: `${L_RFC} (código postal registrado del receptor)` },
  { code: 'CFDI40187', reason: 'necesita la lista de contribuyentes con obligaciones (l_LCO) del SAT' },
  { code: 'CFDI40190', reason: `${L_RFC} (nombre del tercero)` },
  { code: 'CFDI40192', reason: `${L_RFC} (domicilio del tercero)` },
  {
    code: 'CFDI140224',
    reason: 'necesita la marca Retención del emisor en la lista de RFC inscritos del SAT',
  },
  {
    code: 'CFDI140225',
    reason: 'necesita la marca Retención del emisor en la lista de RFC inscritos del SAT',
  },
  { code: 'CFDI40999', reason: 'error no clasificado del PAC; no corresponde a una regla' },
];

/**
 * Codes checked only in part offline (the rest needs SAT): listed so the docs say so.
 */
export const PARTLY_OFFLINE: Readonly<Record<string, string>> = {
  CFDI40127: 'solo con Moneda MXN o XXX: el rango de TipoCambio de otras monedas necesita Banxico',
  CFDI40151: 'todo RFC distinto de XEXX010101000 se trata como registrado (sin consultar l_RFC)',
  CFDI40154: 'todo RFC distinto de XEXX010101000 se trata como registrado (sin consultar l_RFC)',
  CFDI40189: 'solo el caso EXT990101NI1; el nombre de otros terceros necesita l_RFC',
  CFDI40193: 'solo el caso EXT990101NI1; el domicilio de otros terceros necesita l_RFC',
  CFDI40194: 'formato, aduana de c_Aduana y año; no consulta pedimentos reales',
  CFDI40199: 'formato, aduana de c_Aduana y año; no consulta pedimentos reales',
};
