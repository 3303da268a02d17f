/**
 * Dropdown: clave de producto o servicio (c_ClaveProdServ, 52,000 keys): a short list of the keys
 * merchants use most; any other is found with the "Buscar clave de producto" search linked to the field.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { catalog, catalogOutputFields } from '../lib/catalog.js';

/** Common starting points; the catalog search finds the rest. */
const COMMON = ['01010101', '43231500', '81112100', '86121700', '80141600', '90101500', '50202300'];

export const productKeys = {
  key: 'product_keys',
  noun: 'Clave de producto',
  display: {
    label: 'Claves de producto o servicio del SAT',
    description: 'Claves del catálogo c_ClaveProdServ que más se usan.',
    hidden: true,
  },
  operation: {
    perform: async (z: ZObject, bundle: Bundle) => {
      const found = await Promise.all(
        COMMON.map((q) => catalog(z, bundle, 'product_keys', { q, limit: '1' })),
      );
      return found.flat();
    },
    sample: {
      id: '86121700',
      key: '86121700',
      name: '86121700 · Servicios educativos de nivel superior',
      description: 'Servicios educativos de nivel superior',
    },
    outputFields: catalogOutputFields,
  },
};
