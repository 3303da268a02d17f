/**
 * A local Airtable that imitates the REST contract the sync relies on (shared/reference/platforms.md):
 * list with filterByFormula (the OR/AND/=/BLANK() subset our formula uses), pageSize <= 100 and `offset`
 * pages; PATCH of at most 10 records (typecast); the meta API's tables; errors `{error:{type,message}}`
 * with 401, 404, 422 and 429. It records every breach of the platform's limits in `violations` — more
 * than 10 records in one write, more than 5 requests in one second for a base — and tests fail on any.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listeningServer } from '../../support/test-server.js';

export type Cells = Record<string, unknown>;

export interface FakeField {
  id: string;
  name: string;
  type: string;
}

export interface FakeTable {
  id: string;
  name: string;
  fields: FakeField[];
  records: { id: string; createdTime: string; fields: Cells }[];
}

export interface FakeAirtable {
  url: string;
  token: string;
  tables: Map<string, FakeTable>;
  violations: string[];
  /** Every PATCH that was applied: the ids it wrote. */
  writes: string[][];
  requests: { method: string; path: string; at: number }[];
  /** The next `n` requests are answered 429 (Airtable asking to wait). */
  rateLimitNext(n: number): void;
  /** A write that includes one of these record ids is refused with 422 (a value Airtable does not take). */
  refuse: Set<string>;
  addTable(name: string, fields: [string, string][]): FakeTable;
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const error = (res: ServerResponse, status: number, type: string, message: string) =>
  send(res, status, { error: { type, message } });

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export async function fakeAirtable(baseId: string): Promise<FakeAirtable> {
  const { server, url } = await listeningServer();
  const token = `pat${randomBytes(8).toString('hex')}`;
  const tables = new Map<string, FakeTable>();
  const violations: string[] = [];
  const writes: string[][] = [];
  const requests: { method: string; path: string; at: number }[] = [];
  const recent: number[] = [];
  const refuse = new Set<string>();
  let limited = 0;
  const pages = new Map<string, string[]>();

  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const target = new URL(req.url ?? '/', url);
    requests.push({ method: req.method ?? 'GET', path: target.pathname, at });
    while (recent.length > 0 && at - recent[0]! >= 1000) recent.shift();
    recent.push(at);
    if (recent.length > 5) {
      violations.push(
        `${recent.length} requests within one second: ${requests
          .slice(-recent.length)
          .map((r) => `${r.at % 100000} ${r.method} ${r.path}`)
          .join(', ')}`,
      );
      return error(res, 429, 'RATE_LIMIT_REACHED', 'Rate limit exceeded. Please try again later');
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      return error(res, 401, 'AUTHENTICATION_REQUIRED', 'Authentication required');
    }
    if (limited > 0) {
      limited--;
      return error(res, 429, 'RATE_LIMIT_REACHED', 'Rate limit exceeded. Please try again later');
    }
    const parts = target.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'v0') return error(res, 404, 'NOT_FOUND', 'Could not find what you are looking for');
    if (parts[1] === 'meta' && parts[2] === 'bases' && parts[4] === 'tables' && req.method === 'GET') {
      if (parts[3] !== baseId) return error(res, 404, 'NOT_FOUND', 'Could not find what you are looking for');
      return send(res, 200, {
        tables: [...tables.values()].map((t) => ({
          id: t.id,
          name: t.name,
          primaryFieldId: t.fields[0]?.id,
          fields: t.fields,
        })),
      });
    }
    const table =
      parts[1] === baseId
        ? [...tables.values()].find((t) => t.name === parts[2] || t.id === parts[2])
        : undefined;
    if (!table)
      return error(
        res,
        404,
        'TABLE_NOT_FOUND',
        `Could not find table ${parts[2]} in application ${parts[1]}`,
      );
    const body = req.method === 'GET' ? {} : await readJson(req);
    if (req.method === 'GET' || (req.method === 'POST' && parts[3] === 'listRecords')) {
      const params =
        req.method === 'GET' ? Object.fromEntries(target.searchParams) : (body as Record<string, string>);
      return list(res, table, params);
    }
    if (req.method === 'PATCH' || req.method === 'PUT') return update(res, table, body);
    return error(res, 404, 'NOT_FOUND', 'Could not find what you are looking for');
  });

  function list(res: ServerResponse, table: FakeTable, params: Record<string, string>) {
    const size = Number(params.pageSize ?? 100);
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      return error(res, 422, 'INVALID_REQUEST_UNKNOWN', 'pageSize must be between 1 and 100');
    }
    let ids: string[];
    let start = 0;
    if (params.offset) {
      const [cursor, from] = params.offset.split('/');
      const kept = pages.get(cursor!);
      if (!kept)
        return error(res, 422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'The offset is no longer valid');
      ids = kept;
      start = Number(from);
    } else {
      const matches = params.filterByFormula ? formula(params.filterByFormula) : () => true;
      ids = table.records.filter((r) => matches(r.fields)).map((r) => r.id);
    }
    const slice = ids.slice(start, start + size);
    const records = slice
      .map((id) => table.records.find((r) => r.id === id)!)
      .map((r) => ({ id: r.id, createdTime: r.createdTime, fields: { ...r.fields } }));
    let offset: string | undefined;
    if (start + size < ids.length) {
      // Like Airtable, an offset names a snapshot of the listing, not the rows as they are now.
      const cursor = randomBytes(6).toString('hex');
      pages.set(cursor, ids);
      offset = `${cursor}/${start + size}`;
    }
    return send(res, 200, { records, ...(offset ? { offset } : {}) });
  }

  function update(res: ServerResponse, table: FakeTable, body: Record<string, unknown>) {
    const records = body.records as { id: string; fields: Cells }[] | undefined;
    if (!Array.isArray(records))
      return error(res, 422, 'INVALID_REQUEST_MISSING_FIELDS', 'Could not find field "records"');
    if (records.length > 10) {
      violations.push(`a write of ${records.length} records`);
      return error(res, 422, 'INVALID_RECORDS', 'You can update at most 10 records per request');
    }
    for (const record of records) {
      const row = table.records.find((r) => r.id === record.id);
      if (!row) return error(res, 404, 'NOT_FOUND', `Record ${record.id} not found`);
      for (const name of Object.keys(record.fields)) {
        if (!table.fields.some((f) => f.name === name)) {
          return error(res, 422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`);
        }
      }
      if (refuse.has(record.id)) {
        return error(
          res,
          422,
          'INVALID_VALUE_FOR_COLUMN',
          `Field "Factura - estado" cannot accept the provided value`,
        );
      }
    }
    for (const record of records) {
      const row = table.records.find((r) => r.id === record.id)!;
      for (const [name, value] of Object.entries(record.fields)) {
        if (value === null || value === '') delete row.fields[name];
        else row.fields[name] = value;
      }
    }
    writes.push(records.map((r) => r.id));
    return send(res, 200, {
      records: records.map((r) => {
        const row = table.records.find((x) => x.id === r.id)!;
        return { id: row.id, createdTime: row.createdTime, fields: row.fields };
      }),
    });
  }

  let nextId = 0;
  return {
    url,
    token,
    tables,
    violations,
    writes,
    requests,
    refuse,
    rateLimitNext(n) {
      limited += n;
    },
    addTable(name, fields) {
      const table: FakeTable = {
        id: `tbl${String(++nextId).padStart(14, '0')}`,
        name,
        fields: fields.map(([fieldName, type], i) => ({
          id: `fld${nextId}${String(i).padStart(12, '0')}`,
          name: fieldName,
          type,
        })),
        records: [],
      };
      tables.set(name, table);
      return table;
    },
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

// The formula subset: OR(...), AND(...), {Field} = 'text', {Field} = BLANK().
type Expr = (row: Cells) => unknown;

function formula(text: string): (row: Cells) => boolean {
  let i = 0;
  const skip = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const expect = (token: string) => {
    skip();
    if (!text.startsWith(token, i)) throw new Error(`formula: expected ${token} at ${i} in ${text}`);
    i += token.length;
  };
  const atom = (): Expr => {
    skip();
    if (text[i] === '{') {
      const end = text.indexOf('}', i);
      const name = text.slice(i + 1, end);
      i = end + 1;
      return (row) => row[name] ?? '';
    }
    if (text[i] === "'" || text[i] === '"') {
      const quote = text[i]!;
      const end = text.indexOf(quote, i + 1);
      const value = text.slice(i + 1, end);
      i = end + 1;
      return () => value;
    }
    const name = /^[A-Z]+/.exec(text.slice(i))?.[0];
    if (!name) throw new Error(`formula: unexpected ${text.slice(i)}`);
    i += name.length;
    expect('(');
    const args: Expr[] = [];
    skip();
    while (text[i] !== ')') {
      args.push(comparison());
      skip();
      if (text[i] === ',') i++;
      skip();
    }
    i++;
    if (name === 'BLANK') return () => '';
    if (name === 'OR') return (row) => args.some((a) => Boolean(a(row)));
    if (name === 'AND') return (row) => args.every((a) => Boolean(a(row)));
    throw new Error(`formula: ${name}() is not imitated`);
  };
  const comparison = (): Expr => {
    const left = atom();
    skip();
    if (text[i] !== '=') return left;
    i++;
    const right = atom();
    return (row) => String(left(row)) === String(right(row));
  };
  const expr = comparison();
  skip();
  if (i !== text.length) throw new Error(`formula: trailing ${text.slice(i)}`);
  return (row) => Boolean(expr(row));
}
