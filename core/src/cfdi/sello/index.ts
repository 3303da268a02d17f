export { signCadena } from './sign-cadena.js';
export { verifySello, verifySelloWithCertificate } from './verify-sello.js';
