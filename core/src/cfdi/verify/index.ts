export {
  BUILT_IN_PAC_CERTS_DIR,
  defaultPacCertificates,
  type PacCertificates,
  pacCertificatesFrom,
} from './pac-certificates.js';
export { type VerifyOptions, verifyCfdi } from './verify-cfdi.js';
export type { VerifyProblem, VerifyResult } from './verify-problems.js';
