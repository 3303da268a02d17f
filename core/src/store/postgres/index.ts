export { migrate } from './migrate.js';
export { openPostgresStore, type PostgresStoreOptions } from './open.js';
