/** Dropdown: forma de pago (c_FormaPago): how the customer paid (01 efectivo, 04 tarjeta de crédito…). */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { catalog, catalogOutputFields } from '../lib/catalog.js';

export const paymentForms = {
  key: 'payment_forms',
  noun: 'Forma de pago',
  display: {
    label: 'Formas de pago del SAT',
    description: 'Lista las formas de pago (catálogo c_FormaPago): efectivo, transferencia, tarjeta…',
    hidden: true,
  },
  operation: {
    perform: (z: ZObject, bundle: Bundle) => catalog(z, bundle, 'payment_forms'),
    sample: { id: '04', key: '04', name: '04 · Tarjeta de crédito', description: 'Tarjeta de crédito' },
    outputFields: catalogOutputFields,
  },
};
