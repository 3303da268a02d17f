/** zod issues -> ErrorDetail with our stable codes, a path like `items[0].unit_price`, es-MX and English. */
import type { z } from 'zod';
import type { ErrorDetail } from '../../errors.js';
import type { IssueParams } from './fields.js';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The whole request missing (null, undefined): "La solicitud es obligatorio" would not even agree in gender. */
const REQUEST_MISSING: [string, string] = [
  'está vacía; envía un objeto JSON',
  'is empty; send a JSON object',
];

function required(path: string): ErrorDetail {
  const [es, en] = path === '' ? REQUEST_MISSING : ['es obligatorio y falta', 'is required and missing'];
  return detail('REQUEST_REQUIRED', path, es, en);
}

function detail(code: string, path: string, es: string, en: string): ErrorDetail {
  const where = path === '' ? 'La solicitud' : `El campo ${path}`;
  const whereEn = path === '' ? 'The request' : `Field ${path}`;
  return { code, path, message: `${where} ${es}.`, messageEn: `${whereEn} ${en}.` };
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['texto', 'a string'],
  number: ['un número', 'a number'],
  boolean: ['true o false', 'true or false'],
  object: ['un objeto', 'an object'],
  array: ['una lista', 'a list'],
};

export function issueToDetail(issue: z.core.$ZodIssue): ErrorDetail {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'custom': {
      const params = issue.params as IssueParams | undefined;
      return detail(
        params?.code ?? 'REQUEST_INVALID_VALUE',
        path,
        issue.message,
        params?.messageEn ?? issue.message,
      );
    }
    case 'invalid_type': {
      if (!('input' in issue) || issue.input === undefined || issue.input === null) {
        return required(path);
      }
      const [es, en] = TYPE_NAMES[issue.expected] ?? [issue.expected, issue.expected];
      return detail('REQUEST_INVALID_TYPE', path, `debe ser ${es}`, `must be ${en}`);
    }
    case 'invalid_union': {
      if (!('input' in issue) || issue.input === undefined || issue.input === null) {
        return required(path);
      }
      return detail(
        'REQUEST_INVALID_DECIMAL',
        path,
        'debe ser un número decimal escrito como texto, p. ej. "116.00"',
        'must be a decimal string, e.g. "116.00"',
      );
    }
    case 'invalid_value': {
      // zod reports a missing enum field (taxes[0].type absent) as a wrong value
      if (!('input' in issue) || issue.input === undefined || issue.input === null) return required(path);
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return detail(
        'REQUEST_INVALID_VALUE',
        path,
        `debe ser uno de: ${options}`,
        `must be one of: ${options}`,
      );
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.join(', ');
      const where = path === '' ? '' : ` en ${path}`;
      const whereEn = path === '' ? '' : ` in ${path}`;
      return {
        code: 'REQUEST_UNKNOWN_FIELD',
        path: issue.keys.map((k) => (path === '' ? k : `${path}.${k}`)).join(', '),
        message: `Campo desconocido${where}: ${keys}. Revisa el nombre (p. ej. "unit_price") o quítalo.`,
        messageEn: `Unknown field${whereEn}: ${keys}. Check its name (e.g. "unit_price") or remove it.`,
      };
    }
    case 'too_small': {
      if (issue.origin === 'string') return detail('REQUEST_REQUIRED', path, 'está vacío', 'is empty');
      if (issue.origin === 'array') {
        return detail(
          'REQUEST_REQUIRED',
          path,
          `debe tener al menos ${issue.minimum} elemento(s)`,
          `needs at least ${issue.minimum} element(s)`,
        );
      }
      return detail(
        'REQUEST_INVALID_VALUE',
        path,
        `debe ser al menos ${issue.minimum}`,
        `must be at least ${issue.minimum}`,
      );
    }
    case 'too_big': {
      const unitEs = issue.origin === 'string' ? ' caracteres' : issue.origin === 'array' ? ' elementos' : '';
      const unitEn = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' elements' : '';
      return detail(
        'REQUEST_INVALID_VALUE',
        path,
        `admite como máximo ${issue.maximum}${unitEs}`,
        `admits at most ${issue.maximum}${unitEn}`,
      );
    }
    default:
      return detail(
        'REQUEST_INVALID_VALUE',
        path,
        `no es válido (${issue.message})`,
        `is invalid (${issue.message})`,
      );
  }
}
