/**
 * The template base (README, "Airtable") and the check `autofactura airtable init` runs against a base's
 * schema from the meta API: every missing table or field, or a field of a type that cannot hold its
 * value, is one problem in Spanish and English, with what to create.
 */
import type { MetaTable } from './airtable-client.js';
import type { SaleFields } from './fields.js';

interface TemplateField {
  key: keyof SaleFields;
  /** The type to create it with (Airtable's API names). */
  type: string;
  /** Other types that work just as well. */
  accepts: string[];
  required: boolean;
  /** What it holds, for the messages. */
  es: string;
  en: string;
}

const READABLE = ['formula', 'lookup', 'rollup', 'multipleLookupValues'];
const TEXT = ['singleLineText', 'multilineText', 'richText', 'singleSelect', ...READABLE];
const WRITABLE_TEXT = ['singleLineText', 'multilineText', 'richText'];

export const TEMPLATE: TemplateField[] = [
  {
    key: 'amount',
    type: 'currency',
    accepts: ['number', 'singleLineText', ...READABLE],
    required: true,
    es: 'el total cobrado, IVA incluido',
    en: 'the total charged, VAT included',
  },
  {
    key: 'email',
    type: 'email',
    accepts: TEXT,
    required: true,
    es: 'el correo del cliente',
    en: "the customer's email",
  },
  {
    key: 'name',
    type: 'singleLineText',
    accepts: TEXT,
    required: false,
    es: 'el nombre o razón social (sin régimen capital)',
    en: 'the legal name (without the capital regime)',
  },
  {
    key: 'rfc',
    type: 'singleLineText',
    accepts: TEXT,
    required: false,
    es: 'el RFC del cliente',
    en: "the customer's RFC",
  },
  {
    key: 'regime',
    type: 'singleSelect',
    accepts: TEXT,
    required: false,
    es: 'el régimen fiscal (p. ej. 612)',
    en: 'the tax regime (e.g. 612)',
  },
  {
    key: 'zip',
    type: 'singleLineText',
    accepts: [...TEXT, 'number'],
    required: false,
    es: 'el código postal fiscal',
    en: 'the fiscal postal code',
  },
  {
    key: 'cfdiUse',
    type: 'singleSelect',
    accepts: TEXT,
    required: false,
    es: 'el uso del CFDI (p. ej. G03)',
    en: 'the CFDI use (e.g. G03)',
  },
  {
    key: 'concept',
    type: 'singleLineText',
    accepts: TEXT,
    required: false,
    es: 'la descripción del concepto',
    en: 'the line description',
  },
  {
    key: 'paidAt',
    type: 'date',
    accepts: ['dateTime', 'createdTime', ...READABLE],
    required: false,
    es: 'la fecha del pago',
    en: 'the payment date',
  },
  {
    key: 'status',
    type: 'singleSelect',
    accepts: WRITABLE_TEXT,
    required: true,
    es: 'el estado de la factura (lo escribe autofactura)',
    en: "the invoice's status (written by autofactura)",
  },
  {
    key: 'uuid',
    type: 'singleLineText',
    accepts: WRITABLE_TEXT,
    required: true,
    es: 'el UUID (folio fiscal)',
    en: 'the UUID (folio fiscal)',
  },
  {
    key: 'pdf',
    type: 'url',
    accepts: WRITABLE_TEXT,
    required: false,
    es: 'el enlace al PDF',
    en: 'the link to the PDF',
  },
  {
    key: 'xml',
    type: 'url',
    accepts: WRITABLE_TEXT,
    required: false,
    es: 'el enlace al XML',
    en: 'the link to the XML',
  },
  {
    key: 'portal',
    type: 'url',
    accepts: WRITABLE_TEXT,
    required: true,
    es: 'el enlace al portal de autofacturación',
    en: 'the link to the self-invoice portal',
  },
  {
    key: 'error',
    type: 'multilineText',
    accepts: ['singleLineText', 'richText'],
    required: true,
    es: 'qué corregir si algo falla',
    en: 'what to fix when something fails',
  },
  {
    key: 'payment',
    type: 'singleLineText',
    accepts: ['multilineText'],
    required: true,
    es: 'el id del pago en autofactura',
    en: "the payment's id in autofactura",
  },
];

export interface SchemaProblem {
  code: 'AIRTABLE_TABLE_MISSING' | 'AIRTABLE_FIELD_MISSING' | 'AIRTABLE_FIELD_TYPE';
  required: boolean;
  message: string;
  messageEn: string;
}

export function checkSchema(tables: MetaTable[], tableName: string, fields: SaleFields): SchemaProblem[] {
  const table = tables.find((t) => t.name === tableName || t.id === tableName);
  if (!table) {
    const names = tables.map((t) => `"${t.name}"`).join(', ') || '—';
    return [
      {
        code: 'AIRTABLE_TABLE_MISSING',
        required: true,
        message: `La base no tiene la tabla "${tableName}" (tiene: ${names}). Créala con los campos de la plantilla o indica otra con --table.`,
        messageEn: `The base has no table "${tableName}" (it has: ${names}). Create it with the template's fields or name another with --table.`,
      },
    ];
  }
  const problems: SchemaProblem[] = [];
  for (const spec of TEMPLATE) {
    const name = fields[spec.key];
    const field = table.fields.find((f) => f.name === name);
    const kind = spec.required ? 'obligatorio' : 'opcional';
    const kindEn = spec.required ? 'required' : 'optional';
    if (!field) {
      problems.push({
        code: 'AIRTABLE_FIELD_MISSING',
        required: spec.required,
        message: `Falta el campo ${kind} "${name}" (${spec.es}) en "${table.name}": créalo de tipo ${spec.type}.`,
        messageEn: `The ${kindEn} field "${name}" (${spec.en}) is missing from "${table.name}": create it as ${spec.type}.`,
      });
    } else if (field.type !== spec.type && !spec.accepts.includes(field.type)) {
      problems.push({
        code: 'AIRTABLE_FIELD_TYPE',
        required: spec.required,
        message: `El campo "${name}" es de tipo ${field.type}; para ${spec.es} cámbialo a ${spec.type}.`,
        messageEn: `Field "${name}" is of type ${field.type}; for ${spec.en} change it to ${spec.type}.`,
      });
    }
  }
  return problems;
}
