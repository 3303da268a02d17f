/** Reports (issue #7): composition of the use cases. Being built; see types.ts for the contract. */
import type { Context } from '../automation/context.js';
import type { ReportUseCases } from './types.js';

export type * from './types.js';

export function reportUseCases(_ctx: Context): ReportUseCases {
  const pending = () => Promise.reject(new Error('reports are being built'));
  return {
    report: pending,
    reconcile: pending,
    xlsx: pending,
    csv: pending,
    archive: pending,
    send: pending,
  };
}
