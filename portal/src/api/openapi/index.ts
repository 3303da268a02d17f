/**
 * The OpenAPI 3.1 document of /v1, served at GET /v1/openapi.json (no API key needed). Each area file
 * exports `{ paths, schemas }` (an OpenApiArea); add an area by importing it into AREAS. Every request and
 * response made through test/portal/api-harness.ts is checked against this document.
 */
import { catalogsArea } from './catalogs.js';
import { errorSchemas, type OpenApiArea } from './common.js';
import { customersArea } from './customers.js';
import { invoicesArea } from './invoices.js';
import { meArea } from './me.js';
import { paymentsArea } from './payments.js';
import { receiptsArea } from './receipts.js';
import { reportsArea } from './reports.js';
import { webhooksArea } from './webhooks.js';

const AREAS: OpenApiArea[] = [
  meArea,
  paymentsArea,
  invoicesArea,
  customersArea,
  receiptsArea,
  reportsArea,
  catalogsArea,
  webhooksArea,
];

let built: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  built ??= {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'autofactura API',
      version: '1.0.0',
      description:
        'Automatic CFDI 4.0 invoicing for Mexico. JSON in and out, snake_case fields, money as decimal strings. Errors: `{ "error": { "type", "code", "message", "param"? } }`, es-MX by default, English with `Accept-Language: en`. Another merchant\'s ids answer 404.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This server' }],
    security: [{ bearerAuth: [] }],
    tags: ['merchant', 'payments', 'invoices', 'customers', 'receipts', 'reports', 'catalogs', 'meta'].map(
      (name) => ({
        name,
      }),
    ),
    paths: {
      '/v1/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          tags: ['meta'],
          summary: 'This document',
          security: [],
          responses: {
            '200': {
              description: 'OpenAPI 3.1.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
      ...Object.assign({}, ...AREAS.map((area) => area.paths)),
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key: `af_test_...` (test mode) or `af_live_...` (live), from the dashboard.',
        },
      },
      schemas: Object.assign({}, errorSchemas, ...AREAS.map((area) => area.schemas)),
    },
  };
  return built;
}
