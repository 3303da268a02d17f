/** SAT catalogs for dropdowns, read from GET /v1/catalogs/{name} as `{ id, key, name }` choices. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiUrl } from './http.js';

export interface CatalogEntry {
  key: string;
  description: string;
  [field: string]: unknown;
}

export async function catalog(
  z: ZObject,
  bundle: Bundle,
  name: string,
  params: Record<string, string> = {},
): Promise<{ id: string; key: string; name: string; description: string }[]> {
  const response = await z.request<{ data: CatalogEntry[] }>({
    url: apiUrl(bundle, `/v1/catalogs/${name}`),
    params,
  });
  return response.data.data.map((entry) => ({
    id: entry.key,
    key: entry.key,
    name: `${entry.key} · ${entry.description}`,
    description: entry.description,
  }));
}

export const catalogSample = {
  id: '612',
  key: '612',
  name: '612 · Personas Físicas con Actividades Empresariales y Profesionales',
  description: 'Personas Físicas con Actividades Empresariales y Profesionales',
};

export const catalogOutputFields = [
  { key: 'id', label: 'Clave SAT' },
  { key: 'name', label: 'Clave y descripción' },
  { key: 'description', label: 'Descripción' },
];
