/** Find a product or service key in SAT's c_ClaveProdServ by word or by key (feeds the dropdown's search). */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { catalog, catalogOutputFields } from '../lib/catalog.js';

export const findProductKey = {
  key: 'find_product_key',
  noun: 'Clave de producto',
  display: {
    label: 'Buscar clave de producto o servicio (SAT)',
    description:
      'Busca en el catálogo de productos y servicios del SAT por palabra (p. ej. "software") o por clave.',
  },
  operation: {
    inputFields: [
      {
        key: 'q',
        label: 'Palabra o clave',
        required: true,
        helpText: 'Al menos 2 letras, p. ej. `curso`, `software` o `8111`.',
      },
    ],
    perform: (z: ZObject, bundle: Bundle) =>
      catalog(z, bundle, 'product_keys', { q: String(bundle.inputData.q ?? '').trim(), limit: '20' }),
    sample: {
      id: '43231500',
      key: '43231500',
      name: '43231500 · Software funcional específico de la empresa',
      description: 'Software funcional específico de la empresa',
    },
    outputFields: catalogOutputFields,
  },
};
