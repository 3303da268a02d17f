/** OpenAPI: /v1/customers — list and search, fetch, create, update, validate. */
import {
  commonErrors,
  errorResponse,
  idParam,
  instant,
  json,
  listOf,
  nullable,
  type OpenApiArea,
  object,
  pageParams,
  ref,
  type Schema,
  str,
} from './common.js';

const fiscalFields = {
  rfc: str(),
  name: str('Razón social without the capital regime.'),
  tax_regime: str('c_RegimenFiscal allowed for the RFC type.'),
  zip: str('Postal code of the tax address (c_CodigoPostal).'),
  cfdi_use: str('c_UsoCFDI allowed for the régimen.'),
  country: str('c_Pais, foreign customers only.'),
  tax_id: str('NumRegIdTrib, foreign customers only.'),
};
const fiscal = object(fiscalFields, ['rfc', 'name', 'tax_regime', 'zip', 'cfdi_use']);

const schemas: Record<string, Schema> = {
  FiscalData: fiscal,
  Customer: object(
    {
      object: { const: 'customer' },
      id: str(),
      email: str(),
      name: str(),
      source_ids: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'The customer\'s id at each source: { "api": "your id", "stripe": "cus_..." }.',
      },
      fiscal: nullable(ref('FiscalData')),
      fiscal_validated_at: instant(''),
      created_at: instant(''),
      updated_at: instant(''),
    },
    ['object', 'id', 'source_ids', 'fiscal', 'created_at', 'updated_at'],
  ),
  CustomerInput: object(
    {
      email: str(),
      name: str('Display name; the fiscal one is fiscal.name.'),
      external_id: str('Your id of the customer (source_ids.api).'),
      fiscal: object(
        fiscalFields,
        [],
        'Complete and valid when creating; on PATCH merged over the stored data, then validated.',
      ),
    },
    [],
  ),
  CustomerValidateRequest: object(
    { fiscal: object(fiscalFields) },
    [],
    'Optional fields to check over the stored ones; nothing is saved.',
  ),
  CustomerValidation: object(
    {
      object: { const: 'customer_validation' },
      valid: { type: 'boolean' },
      errors: {
        type: 'array',
        items: object({ code: str(), message: str(), param: str() }, ['code', 'message', 'param']),
      },
    },
    ['object', 'valid', 'errors'],
  ),
};

const notFound = errorResponse('Not found for this merchant.');
const customer = (description: string) => ({ description, content: json(ref('Customer')) });
const invalidFiscal = errorResponse(
  'Fiscal data that cannot be invoiced; `details` lists every problem with its `param`.',
);

export const customersArea: OpenApiArea = {
  schemas,
  paths: {
    '/v1/customers': {
      get: {
        operationId: 'listCustomers',
        tags: ['customers'],
        summary: 'Customers in cursor pages, or the one with an exact rfc or email',
        parameters: [
          { name: 'rfc', in: 'query', schema: { type: 'string' } },
          { name: 'email', in: 'query', schema: { type: 'string' } },
          ...pageParams,
        ],
        responses: {
          '200': { description: 'A page.', content: json(listOf(ref('Customer'), 'Customers.')) },
          ...commonErrors,
        },
      },
      post: {
        operationId: 'createCustomer',
        tags: ['customers'],
        summary: 'Create a customer (fiscal data validated first)',
        requestBody: { required: true, content: json(ref('CustomerInput')) },
        responses: {
          '201': customer('Created.'),
          '409': errorResponse('A customer with that RFC, email or external id exists.'),
          '422': invalidFiscal,
          ...commonErrors,
        },
      },
    },
    '/v1/customers/{id}': {
      get: {
        operationId: 'getCustomer',
        tags: ['customers'],
        summary: 'A customer',
        parameters: [idParam('customer')],
        responses: { '200': customer('The customer.'), '404': notFound, ...commonErrors },
      },
      patch: {
        operationId: 'updateCustomer',
        tags: ['customers'],
        summary: 'Update email, name, external id or fiscal data (validated; nothing saved when wrong)',
        parameters: [idParam('customer')],
        requestBody: { required: true, content: json(ref('CustomerInput')) },
        responses: {
          '200': customer('Updated.'),
          '404': notFound,
          '409': errorResponse('Another customer has that RFC, email or external id.'),
          '422': invalidFiscal,
          ...commonErrors,
        },
      },
    },
    '/v1/customers/{id}/validate': {
      post: {
        operationId: 'validateCustomer',
        tags: ['customers'],
        summary: 'Check the fiscal data (stored, or with candidate fields over it) without saving',
        parameters: [idParam('customer')],
        requestBody: { required: false, content: json(ref('CustomerValidateRequest')) },
        responses: {
          '200': { description: 'The verdict.', content: json(ref('CustomerValidation')) },
          '404': notFound,
          ...commonErrors,
        },
      },
    },
  },
};
