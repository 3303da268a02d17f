export { type LowdbStoreOptions, openLowdbStore } from './open.js';
