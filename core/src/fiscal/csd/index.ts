export { type CertificateKind, certificateKind } from './certificate-kind.js';
export { Csd, type CsdFiles, type CsdInput, loadCsd } from './csd.js';
export { type FechaInstants, fechaInstants } from './fecha-instants.js';
export { isNoCertificado, noCertificadoFromSerialHex } from './no-certificado.js';
export { certificateDer, readCertificate, type SatCertificate } from './read-certificate.js';
export { type SubjectFields, subjectFields } from './subject-fields.js';
