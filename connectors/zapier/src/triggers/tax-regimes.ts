/** Dropdown: régimen fiscal (c_RegimenFiscal), the tax regime on the customer's Constancia. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { catalog, catalogOutputFields, catalogSample } from '../lib/catalog.js';

export const taxRegimes = {
  key: 'tax_regimes',
  noun: 'Régimen fiscal',
  display: {
    label: 'Regímenes fiscales del SAT',
    description: 'Lista los regímenes fiscales (catálogo c_RegimenFiscal) para elegir el de tu cliente.',
    hidden: true,
  },
  operation: {
    perform: (z: ZObject, bundle: Bundle) => catalog(z, bundle, 'tax_regimes'),
    sample: catalogSample,
    outputFields: catalogOutputFields,
  },
};
