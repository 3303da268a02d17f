/** OpenAPI: GET /v1/catalogs/{name} — SAT catalogs for no-code dropdowns. */
import { commonErrors, errorResponse, json, type OpenApiArea, object, type Schema, str } from './common.js';

const entry = (extra: Record<string, Schema> = {}, required: string[] = []) =>
  object({ key: str(), description: str(), ...extra }, ['key', 'description', ...required]);

const persona = {
  persona_fisica: { type: 'boolean', description: 'Allowed for an individual (RFC of 13 characters).' },
  persona_moral: { type: 'boolean', description: 'Allowed for a company (RFC of 12 characters).' },
};

export const catalogsArea: OpenApiArea = {
  schemas: {
    CatalogEntry: {
      anyOf: [
        entry(persona, ['persona_fisica', 'persona_moral']),
        entry({ ...persona, tax_regimes: { type: 'array', items: str() } }, [
          'persona_fisica',
          'persona_moral',
          'tax_regimes',
        ]),
        entry({ bancarizado: { type: 'boolean' } }, ['bancarizado']),
        entry({ decimals: { type: 'integer' } }, ['decimals']),
        entry({ iva: str(), ieps: str(), similar: str() }, ['iva', 'ieps']),
        entry(),
      ],
    },
    Catalog: object(
      {
        object: { const: 'list' },
        catalog: {
          enum: ['tax_regimes', 'cfdi_uses', 'payment_forms', 'product_keys', 'unit_keys', 'currencies'],
        },
        data: { type: 'array', items: { $ref: '#/components/schemas/CatalogEntry' } },
      },
      ['object', 'catalog', 'data'],
    ),
  },
  paths: {
    '/v1/catalogs/{name}': {
      get: {
        operationId: 'getCatalog',
        tags: ['catalogs'],
        summary:
          'A SAT catalog: tax_regimes, cfdi_uses (with allowed régimenes), payment_forms, product_keys (search), unit_keys, currencies',
        parameters: [
          {
            name: 'name',
            in: 'path',
            required: true,
            schema: {
              enum: ['tax_regimes', 'cfdi_uses', 'payment_forms', 'product_keys', 'unit_keys', 'currencies'],
            },
          },
          {
            name: 'q',
            in: 'query',
            description: 'Search (required for product_keys, 2+ characters; also unit_keys).',
            schema: { type: 'string' },
          },
          {
            name: 'tax_regime',
            in: 'query',
            description: 'cfdi_uses: only those allowed for this régimen.',
            schema: { type: 'string' },
          },
          {
            name: 'limit',
            in: 'query',
            description: 'Searched catalogs: 1-50 results (default 20).',
            schema: { type: 'integer', minimum: 1, maximum: 50 },
          },
        ],
        responses: {
          '200': {
            description: 'The entries valid today.',
            content: json({ $ref: '#/components/schemas/Catalog' }),
          },
          '404': errorResponse('No such catalog.'),
          ...commonErrors,
        },
      },
    },
  },
};
