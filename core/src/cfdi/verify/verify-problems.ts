/** What `verifyCfdi` reports, and the wording of each problem (es-MX first, English beside it). */
export interface VerifyProblem {
  code: string;
  message: string;
  messageEn: string;
}

export interface VerifyResult {
  /** Sello valid, NoCertificado matches and, when stamped, the timbre is consistent and not disproved. */
  ok: boolean;
  sello: 'valid' | 'invalid' | 'missing';
  /** 'missing' when NoCertificado or Certificado is absent. */
  noCertificado: 'match' | 'mismatch' | 'missing';
  tfd?: {
    selloCfdMatches: boolean;
    selloSat: 'valid' | 'invalid' | 'unknown-certificate';
  };
  problems: VerifyProblem[];
}

export const problems = {
  selloMissing: (): VerifyProblem => ({
    code: 'SELLO_MISSING',
    message:
      'El comprobante no tiene Sello o Certificado: no está sellado. Séllalo con tu CSD antes de timbrarlo.',
    messageEn:
      'The invoice has no Sello or Certificado: it is not sealed. Seal it with your CSD before stamping.',
  }),
  certificadoInvalid: (): VerifyProblem => ({
    code: 'CFDI40106',
    message: 'El atributo Certificado no contiene un certificado X.509 legible (base64 del .cer).',
    messageEn: 'The Certificado attribute does not hold a readable X.509 certificate (base64 of the .cer).',
  }),
  selloInvalid: (noCertificado: string): VerifyProblem => ({
    code: 'CFDI40102',
    message: `El Sello no corresponde a la cadena original del comprobante con el certificado ${noCertificado}: el XML se modificó después de sellarlo o se selló con otra llave.`,
    messageEn: `The Sello does not match the invoice's cadena original under certificate ${noCertificado}: the XML was changed after sealing or sealed with another key.`,
  }),
  noCertificadoMismatch: (declared: string, actual: string): VerifyProblem => ({
    code: 'NOCERTIFICADO_MISMATCH',
    message: `El atributo NoCertificado (${declared}) no es el número del certificado incluido en el comprobante (${actual}).`,
    messageEn: `The NoCertificado attribute (${declared}) is not the number of the embedded certificate (${actual}).`,
  }),
  noCertificadoMissing: (): VerifyProblem => ({
    code: 'NOCERTIFICADO_MISSING',
    message: 'Falta el atributo NoCertificado del comprobante.',
    messageEn: 'The NoCertificado attribute is missing.',
  }),
  cadenaFailed: (detail: string): VerifyProblem => ({
    code: 'CADENA_FAILED',
    message: `No se pudo generar la cadena original para verificar el sello: ${detail}`,
    messageEn: `The cadena original could not be built to check the seal: ${detail}`,
  }),
  selloCfdMismatch: (): VerifyProblem => ({
    code: 'TFD_SELLOCFD_MISMATCH',
    message:
      'El SelloCFD del Timbre Fiscal Digital no es igual al Sello del comprobante: el timbre no corresponde a este sellado.',
    messageEn:
      "The TimbreFiscalDigital's SelloCFD differs from the invoice's Sello: the stamp does not belong to this seal.",
  }),
  selloSatInvalid: (noCertificadoSat: string): VerifyProblem => ({
    code: 'TFD_SELLOSAT_INVALID',
    message: `El SelloSAT del Timbre Fiscal Digital no corresponde a su cadena original con el certificado ${noCertificadoSat}: el timbre se alteró.`,
    messageEn: `The TimbreFiscalDigital's SelloSAT does not match its cadena original under certificate ${noCertificadoSat}: the stamp was altered.`,
  }),
};
