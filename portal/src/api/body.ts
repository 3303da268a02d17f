/** Shape checks of JSON request bodies (core checks the values): objects, strings and lists where due. */
import type { Context } from 'koa';
import { apiError } from '../http-error.js';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function wrongType(param: string, es: string, en: string): never {
  throw apiError(400, 'INVALID_PARAMETER', `${param} debe ser ${es}.`, `${param} must be ${en}.`, param);
}

/** The body as an object; an absent body is `{}` unless `required`. */
export function jsonBody(ctx: Context, required = false): Json {
  const body = (ctx.request as { body?: unknown }).body;
  if (
    (body === undefined || body === null || (isObject(body) && Object.keys(body).length === 0)) &&
    required
  ) {
    throw apiError(
      400,
      'BODY_REQUIRED',
      'Envía el cuerpo como JSON (Content-Type: application/json).',
      'Send the body as JSON (Content-Type: application/json).',
    );
  }
  if (body === undefined || body === null) return {};
  if (!isObject(body)) wrongType('body', 'un objeto JSON', 'a JSON object');
  return body;
}

export function optionalString(json: Json, field: string, param = field): string | undefined {
  const value = json[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') wrongType(param, 'texto', 'a string');
  return value;
}

export function optionalObject(json: Json, field: string, param = field): Json | undefined {
  const value = json[field];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) wrongType(param, 'un objeto JSON', 'a JSON object');
  return value;
}

export function optionalStringList(json: Json, field: string): string[] | undefined {
  const value = json[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    wrongType(field, 'una lista de textos', 'a list of strings');
  }
  return value as string[];
}

/** Refuses fields the endpoint does not know, so a misspelt one does not pass silently. */
export function onlyFields(json: Json, allowed: readonly string[], prefix = ''): void {
  const unknown = Object.keys(json).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    const param = `${prefix}${unknown}`;
    throw apiError(
      400,
      'UNKNOWN_PARAMETER',
      `El campo ${param} no existe; los campos válidos son: ${allowed.join(', ')}.`,
      `Field ${param} does not exist; valid fields are: ${allowed.join(', ')}.`,
      param,
    );
  }
}
