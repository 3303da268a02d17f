/** The storage port, its errors, secrets at rest and the embedded (lowdb) adapter. */
export { StoreError, type StoreErrorCode } from './errors.js';
export { type LowdbStoreOptions, openLowdbStore } from './lowdb/index.js';
export {
  createSecretBox,
  generateToken,
  hashApiKey,
  type LoadMasterKeyOptions,
  loadMasterKey,
  MASTER_KEY_FILE,
  type SecretBox,
  SecretError,
  type SecretErrorCode,
  tokenHash,
} from './secrets.js';
export type * from './types.js';
