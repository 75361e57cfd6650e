/**
 * `--sql QUERY`: the result of a DuckDB query as tables.ts's {@link Batch}es, DuckDB's own
 * data chunks (2,048 rows) streamed one at a time, so a query over files larger than memory
 * reads with memory bounded by the CLI's chunk. DuckDB is @duckdb/node-api, a native
 * package the CLI does not bundle: it is imported when a query runs, and its absence is a
 * message saying what to install.
 * @module
 */
import { CliError } from './errors.js';
import type { Batch, Batches } from './tables.js';
import { oneLine } from './tables.js';

/** What the CLI uses of @duckdb/node-api. */
interface DuckdbModule {
  DuckDBInstance: { create(path?: string): Promise<DuckdbInstance> };
}
interface DuckdbInstance {
  connect(): Promise<DuckdbConnection>;
  closeSync(): void;
}
/** What the CLI uses of a @duckdb/node-api DuckDBConnection (the object is the real one). */
export interface DuckdbConnection {
  stream(sql: string): Promise<{
    columnNames(): string[];
    fetchChunk(): Promise<{ readonly rowCount: number; getColumnValues(index: number): readonly unknown[] } | null>;
  }>;
  closeSync(): void;
}

/** How the module is imported (replaced in tests to stand for a machine without it). */
let importDuckdb: () => Promise<unknown> = () => import('@duckdb/node-api');

/**
 * Replaces how @duckdb/node-api is imported; returns the previous importer.
 * @internal for tests: a rejected import stands for a machine without the package.
 */
export function setDuckdbImporter(importer: () => Promise<unknown>): () => Promise<unknown> {
  const before = importDuckdb;
  importDuckdb = importer;
  return before;
}

/** The message for a machine without @duckdb/node-api. */
export const DUCKDB_MISSING = '--sql runs the query in DuckDB, whose Node package is not installed: npm install @duckdb/node-api';

/** @duckdb/node-api, or a CliError saying how to install it. */
async function duckdb(): Promise<DuckdbModule> {
  try {
    return (await importDuckdb()) as DuckdbModule;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new CliError(DUCKDB_MISSING);
    // Installed, but its native binary does not load on this platform.
    throw new CliError(`--sql: @duckdb/node-api did not load (${(error as Error).message.split('\n')[0]}); reinstall it for this platform: npm install @duckdb/node-api`);
  }
}

/** An in-memory DuckDB opened for the CLI: its connection (@duckdb/node-api's DuckDBConnection) and `close()`. */
export interface OpenedDuckdb {
  connection: DuckdbConnection;
  close(): void;
}

/**
 * Opens a fresh in-memory DuckDB and connects to it, importing @duckdb/node-api (the one
 * place the CLI does, so every use of DuckDB gets the same message when it is missing).
 * @throws CliError saying what to install when the package is missing or does not load.
 * @example
 * ```ts
 * const { connection, close } = await openDuckdb();
 * try { await connection.stream('SELECT 42'); } finally { close(); }
 * ```
 */
export async function openDuckdb(): Promise<OpenedDuckdb> {
  const { DuckDBInstance } = await duckdb();
  const instance = await DuckDBInstance.create(':memory:');
  let connection: DuckdbConnection;
  try {
    connection = await instance.connect();
  } catch (error) {
    instance.closeSync();
    throw new CliError(`--sql: DuckDB did not open (${(error as Error).message.split('\n')[0]})`);
  }
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A query's result opened: its batches, and `close()` to release DuckDB (after the batches or instead of them). */
export type SqlBatches = Batches & { close(): void };

/**
 * Runs `query` in a fresh in-memory DuckDB and opens its result.
 * @throws CliError with DuckDB's message and the query when DuckDB refuses the query or
 * fails while reading it; as {@link duckdb} without the package.
 */
export async function readSqlBatches(query: string): Promise<SqlBatches> {
  const refused = (error: unknown) => new CliError(`--sql: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]} (query: ${oneLine(query)})`);
  const { connection, close } = await openDuckdb();
  try {
    const result = await connection.stream(query);
    const names = result.columnNames();
    async function* batches(): AsyncGenerator<Batch> {
      for (;;) {
        let chunk;
        try {
          chunk = await result.fetchChunk();
        } catch (error) {
          throw refused(error);
        }
        if (chunk === null || chunk.rowCount === 0) return;
        const columns = names.map((_, j) => chunk.getColumnValues(j));
        yield { length: chunk.rowCount, cell: (i, j) => (columns[j] as readonly unknown[])[i] };
      }
    }
    return { names, batches: batches(), close };
  } catch (error) {
    close();
    throw refused(error);
  }
}
