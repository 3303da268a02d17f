/**
 * The Airtable connector (issue #9): a no-code client of the REST API, in two forms — the automation
 * script to paste (automation/invoice-sale.js) and the sync behind `autofactura airtable sync|init`.
 */
export const connector = { id: 'airtable', displayName: 'Airtable', kind: 'no-code' } as const;

export { AirtableClient, type MetaTable } from './airtable-client.js';
export { checkpointPath, openCheckpoint } from './checkpoint.js';
export { loadSyncConfig, type SyncConfig } from './config.js';
export { DEFAULT_FIELDS, pendingFormula, type SaleFields, STATUS } from './fields.js';
export { registerSale } from './register.js';
export { paymentBody } from './sale.js';
export { checkSchema, TEMPLATE } from './schema.js';
export { type SyncReport, syncOnce } from './sync.js';
