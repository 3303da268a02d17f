/**
 * Checks one HTTP exchange against the OpenAPI document (portal/src/api/openapi/) with ajv (JSON Schema
 * 2020-12): the operation must be documented; its answer's status must be listed (or `default`); a JSON
 * answer must match its schema (closed objects: a field the document does not describe fails); a
 * request the server accepted (2xx) must match the documented body and use only documented query
 * parameters. Requests the server refused are deliberately wrong in tests, so only their error answer is
 * checked. /health and routes outside /v1 are not part of the API.
 */

import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../../portal/src/api/openapi/index.js';

// ajv-formats is CommonJS: its default export arrives as the module namespace under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

type Json = Record<string, unknown>;
interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: Json }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

const DOC_ID = 'https://autofactura.local/openapi.json';

/** `#/components/schemas/X` -> the same schema inside the document registered under DOC_ID. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
        ? `${DOC_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`
        : rewriteRefs(v);
  }
  return out;
}

export interface Exchange {
  method: string;
  path: string;
  query: URLSearchParams;
  requestBody?: unknown;
  status: number;
  contentType: string;
  responseJson?: unknown;
}

export function createConformance() {
  const doc = openApiDocument() as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Json };
  };
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, $defs: rewriteRefs(doc.components.schemas) as Json });
  const compiled = new Map<Json, ValidateFunction>();
  const validator = (schema: Json) => {
    let fn = compiled.get(schema);
    if (!fn) {
      fn = ajv.compile(rewriteRefs(schema) as Json);
      compiled.set(schema, fn);
    }
    return fn;
  };
  // Literal paths before templated ones, so /v1/openapi.json never matches a /v1/{x}.
  const templates = Object.keys(doc.paths)
    .map((template) => ({
      template,
      regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
      params: (template.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);

  function fail(exchange: Exchange, what: string, errors?: unknown): never {
    throw new Error(
      `OpenAPI conformance: ${exchange.method} ${exchange.path} -> ${exchange.status}: ${what}${
        errors ? `\n${JSON.stringify(errors, null, 2)}` : ''
      }\nresponse: ${JSON.stringify(exchange.responseJson)?.slice(0, 2000)}`,
    );
  }

  function check(schema: Json | undefined, value: unknown, exchange: Exchange, what: string): void {
    if (!schema) return;
    const fn = validator(schema);
    if (!fn(value)) fail(exchange, what, fn.errors);
  }

  return function checkExchange(exchange: Exchange): void {
    if (!exchange.path.startsWith('/v1/')) return;
    const found = templates.find((t) => t.regex.test(exchange.path));
    const operation = found ? doc.paths[found.template]![exchange.method.toLowerCase()] : undefined;
    if (!operation) {
      // An undocumented route must not exist: only "no such route" answers are acceptable.
      if (exchange.status === 404 || exchange.status === 405) return;
      fail(exchange, 'the operation is not in the OpenAPI document');
    }
    const response = operation.responses[String(exchange.status)] ?? operation.responses.default;
    if (!response) fail(exchange, `status ${exchange.status} is not documented`);
    const mediaType = exchange.contentType.split(';')[0]!.trim();
    const content = response.content;
    if (content && !content[mediaType]) fail(exchange, `content type ${mediaType} is not documented`);
    if (mediaType === 'application/json') {
      check(content?.[mediaType]?.schema, exchange.responseJson, exchange, 'response body');
    }
    if (exchange.status >= 200 && exchange.status < 300) {
      const documented = new Set(
        (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      );
      for (const name of exchange.query.keys()) {
        if (!documented.has(name)) fail(exchange, `query parameter "${name}" is not documented`);
      }
      if (exchange.requestBody !== undefined) {
        const schema = operation.requestBody?.content['application/json']?.schema;
        if (!schema) fail(exchange, 'the request has a body the document does not describe');
        check(schema, exchange.requestBody, exchange, 'request body');
      }
    }
  };
}
