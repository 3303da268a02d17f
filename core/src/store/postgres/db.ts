/**
 * The pool and the few ways the repositories use it: a query, a transaction, a qualified table name.
 * Type parsers are set on this pool only (never pg's global ones): TIMESTAMPTZ comes back as the port's
 * ISO string (`2026-11-28T18:00:00.000Z`); NUMERIC and BIGINT stay strings, as pg leaves them.
 */
import pg from 'pg';
import { isUnavailable, mapError } from './pg-errors.js';

const TIMESTAMPTZ_OID = 1184;

const parseTimestamp = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (value: string) => Date;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ_OID && format !== 'binary') {
      return (value: string) => parseTimestamp(value).toISOString();
    }
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
}

/** A valid unquoted PostgreSQL identifier (lowercase), so it can be used in SQL text safely. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchemaName(schema: string): string {
  if (!IDENTIFIER.test(schema)) {
    throw new TypeError(
      `El esquema de PostgreSQL "${schema}" no es válido: usa minúsculas, dígitos y _ (hasta 63). / Invalid PostgreSQL schema name "${schema}": use lowercase letters, digits and _ (up to 63).`,
    );
  }
  return schema;
}

export class Db implements Queryable {
  readonly pool: pg.Pool;
  readonly schema: string;

  constructor(options: { connectionString: string; schema: string; poolSize?: number }) {
    this.schema = checkSchemaName(options.schema);
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      types,
      connectionTimeoutMillis: 10_000,
    });
    // An idle client whose connection dies emits 'error' on the pool; the pool drops that client and the
    // next query gets a fresh one. Without a listener the process would crash.
    this.pool.on('error', () => {});
  }

  /** Schema-qualified table name, e.g. "af_test".payments. */
  t(table: string): string {
    return `"${this.schema}".${table}`;
  }

  async query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]> {
    try {
      const result = await this.pool.query<R>(text, values);
      return result.rows;
    } catch (error) {
      throw mapError(error);
    }
  }

  /** Runs `work` in one transaction: all of it is committed, or none of it. */
  async tx<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw mapError(error);
    }
    const queryable: Queryable = {
      async query<R extends object>(text: string, values?: unknown[]) {
        try {
          return (await client.query<R>(text, values)).rows;
        } catch (error) {
          throw mapError(error);
        }
      },
    };
    let broken: Error | undefined;
    try {
      await queryable.query('BEGIN');
      const result = await work(queryable);
      await queryable.query('COMMIT');
      return result;
    } catch (error) {
      if (isUnavailable(error) || isUnavailable((error as { cause?: unknown }).cause)) {
        broken = error as Error;
      } else {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError as Error;
        });
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
