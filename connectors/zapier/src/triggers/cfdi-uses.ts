/**
 * Dropdown: uso del CFDI (c_UsoCFDI), only those SAT allows for the régimen chosen in the same step
 * (`tax_regime`), so the merchant cannot pick a pair the PAC would reject (CFDI40161).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { catalog, catalogOutputFields } from '../lib/catalog.js';

export const cfdiUses = {
  key: 'cfdi_uses',
  noun: 'Uso del CFDI',
  display: {
    label: 'Usos del CFDI del SAT',
    description: 'Lista los usos del CFDI (catálogo c_UsoCFDI) que permite el régimen fiscal elegido.',
    hidden: true,
  },
  operation: {
    perform: (z: ZObject, bundle: Bundle) => {
      const regime = String((bundle.inputData as { tax_regime?: unknown }).tax_regime ?? '').trim();
      return catalog(z, bundle, 'cfdi_uses', /^\d{3}$/.test(regime) ? { tax_regime: regime } : {});
    },
    sample: { id: 'G03', key: 'G03', name: 'G03 · Gastos en general.', description: 'Gastos en general.' },
    outputFields: catalogOutputFields,
  },
};
