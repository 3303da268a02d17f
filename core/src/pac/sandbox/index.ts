/** The sandbox PAC (embedded default): stamps and cancels like a PAC, offline, without fiscal validity. */
export { ACCEPTANCE_HOURS } from './cancellation.js';
export { SANDBOX_PAC_RFC } from './issue-certificate.js';
export { sandboxKeysDir } from './sandbox-credential.js';
export {
  createSandboxPac,
  type SandboxPac,
  type SandboxPacOptions,
  sandboxCertificatePem,
} from './sandbox-pac.js';
export { STAMP_WINDOW_HOURS } from './stamp-checks.js';
