/**
 * Airtable's scripting runtime, as far as automation/invoice-sale.js uses it: `input.config()`, `base`
 * (id, getTable -> fields, selectRecordAsync, updateRecordAsync with single selects as {name}), `output`
 * and the global `fetch`. The script's own text runs as the body of an async function, as in Airtable.
 */
import { readFile } from 'node:fs/promises';

const SCRIPT = new URL('../../../connectors/airtable/automation/invoice-sale.js', import.meta.url);

export type Cells = Record<string, unknown>;

export interface FieldSpec {
  name: string;
  type: string;
}

export class ScriptTable {
  readonly rows = new Map<string, Cells>();
  readonly updates: { id: string; fields: Cells }[] = [];
  constructor(
    readonly name: string,
    readonly fields: FieldSpec[],
  ) {}

  async selectRecordAsync(id: string) {
    const row = this.rows.get(id);
    if (!row) return null;
    return { id, getCellValue: (field: string) => row[field] ?? null };
  }

  async updateRecordAsync(id: string, fields: Cells) {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no record ${id}`);
    for (const [name, value] of Object.entries(fields)) {
      if (!this.fields.some((f) => f.name === name)) throw new Error(`unknown field ${name}`);
      row[name] = value;
    }
    this.updates.push({ id, fields });
  }
}

export async function runScript(
  table: ScriptTable,
  baseId: string,
  config: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const source = await readFile(SCRIPT, 'utf8');
  const outputs: Record<string, unknown> = {};
  const input = { config: () => ({ ...config }) };
  const base = {
    id: baseId,
    getTable: (name: string) => {
      if (name !== table.name) throw new Error(`no table ${name}`);
      return table;
    },
  };
  const output = {
    set: (key: string, value: unknown) => {
      outputs[key] = value;
    },
  };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction('input', 'base', 'output', 'fetch', source)(input, base, output, fetch);
  return outputs;
}
