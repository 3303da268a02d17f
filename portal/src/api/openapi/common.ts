/**
 * Building blocks of the OpenAPI document: the error format, list envelopes, common parameters and
 * the responses every operation shares. Schemas are JSON Schema 2020-12 (OpenAPI 3.1); objects the API
 * returns are closed (`additionalProperties: false`) so a field the document does not describe fails the
 * conformance check in test/portal/api-harness.ts.
 */

export type Schema = Record<string, unknown>;
export type Operation = Record<string, unknown>;
export type PathItem = Record<string, Operation>;

/** What each area file (payments.ts, invoices.ts, ...) exports. */
export interface OpenApiArea {
  paths: Record<string, PathItem>;
  schemas: Record<string, Schema>;
}

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

export const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });

export const str = (description?: string, extra: Schema = {}): Schema => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...extra,
});

export const decimal = (description: string): Schema => ({
  type: 'string',
  pattern: '^-?\\d+(\\.\\d+)?$',
  description: `${description} Decimal string, never a JSON number.`,
});

export const instant = (description: string): Schema => ({
  type: 'string',
  format: 'date-time',
  description,
});

/** A closed object: every property listed, `required` ones always present. */
export function object(
  properties: Record<string, Schema>,
  required: string[] = [],
  description?: string,
): Schema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required,
    additionalProperties: false,
  };
}

export const json = (schema: Schema) => ({ 'application/json': { schema } });

export function listOf(item: Schema, description: string): Schema {
  return object(
    {
      object: { const: 'list' },
      data: { type: 'array', items: item },
      next_cursor: { ...nullable(str('Pass as `cursor` to get the next page; null on the last page.')) },
    },
    ['object', 'data', 'next_cursor'],
    description,
  );
}

export const errorSchemas: Record<string, Schema> = {
  Error: object(
    {
      error: object(
        {
          type: {
            type: 'string',
            enum: ['invalid_request_error', 'authentication_error', 'idempotency_error', 'api_error'],
          },
          code: str('Stable code, e.g. PAYMENT_INVALID_AMOUNT, CFDI40161, IDEMPOTENCY_CONFLICT.'),
          message: str('What to fix; es-MX by default, English with `Accept-Language: en`.'),
          param: str('The field at fault, in snake_case (`items[0].unit_price`, `Idempotency-Key`).'),
          details: {
            type: 'array',
            description: 'Every problem when there are several; the first is the top-level one.',
            items: object({ code: str(), message: str(), param: str() }, ['code', 'message']),
          },
        },
        ['type', 'code', 'message'],
      ),
    },
    ['error'],
    'Every error: `{ "error": { "type", "code", "message", "param"? } }` with the HTTP status.',
  ),
};

export const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });

/** 401 and the catch-all error every authenticated operation can answer. */
export const commonErrors = {
  '400': errorResponse(
    'The request is malformed: invalid JSON, a wrong type, an unknown field or parameter.',
  ),
  '401': errorResponse('Missing or invalid API key.'),
  default: errorResponse('Any other error, in the same format.'),
};

export const idParam = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what}'s id. Another merchant's id answers 404.`,
  schema: { type: 'string' },
});

export const pageParams = [
  {
    name: 'limit',
    in: 'query',
    description: 'Page size, 1-100 (default 20).',
    schema: { type: 'integer', minimum: 1, maximum: 100 },
  },
  {
    name: 'cursor',
    in: 'query',
    description: '`next_cursor` of the previous page.',
    schema: { type: 'string' },
  },
];

export const instantParams = [
  {
    name: 'from',
    in: 'query',
    description: 'From this instant (inclusive), ISO 8601.',
    schema: { type: 'string' },
  },
  {
    name: 'to',
    in: 'query',
    description: 'Before this instant (exclusive), ISO 8601.',
    schema: { type: 'string' },
  },
];

export const idempotencyHeader = (required: boolean) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required,
  description:
    'Up to 255 characters (a UUID). The same key and body replay the first answer; the same key with another body is 409 IDEMPOTENCY_CONFLICT.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
});
