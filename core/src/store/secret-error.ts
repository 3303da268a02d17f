import { AutofacturaError } from '../errors.js';

export type SecretErrorCode = 'SECRET_DECRYPT_FAILED' | 'SECRET_KEY_INVALID';

/** The master key is unusable, or a stored secret cannot be decrypted with it. */
export class SecretError extends AutofacturaError {
  declare readonly code: SecretErrorCode;
}
