import { AutofacturaError } from '../errors.js';

export type StoreErrorCode =
  | 'STORE_DUPLICATE'
  | 'STORE_NOT_FOUND'
  | 'STORE_CORRUPT'
  | 'STORE_UNAVAILABLE'
  | 'STORE_LOCKED'
  | 'STORE_MIGRATION_FAILED';

/** A storage invariant was broken, or the storage cannot be reached (retriable). */
export class StoreError extends AutofacturaError {
  declare readonly code: StoreErrorCode;
}
