/**
 * The Parquet files of the tests, written into a temporary folder by DuckDB (@duckdb/node-api)
 * and by hyparquet-writer from formulas exact in float64, so every value read can be compared
 * with the one JavaScript computes for its row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetWriteBuffer } from 'hyparquet-writer';

/** Rows of the DuckDB files: 2,048-row row groups, the last of 904. */
export const ROWS = 5000;

/** Row i of the DuckDB files, as JavaScript computes it. */
export function row(i: number): { a: number; f: number; k: number; b: bigint; n: number | null; y: string } {
  const a = ((i * 37) % 1000) / 8 - 60;
  const k = (i % 7) - 3;
  return { a, f: (i % 50) / 4, k, b: BigInt(i) * 1000003n, n: i % 11 === 0 ? null : i / 4, y: a + 10 * k > 0 ? 'yes' : 'no' };
}

/** The SELECT that gives those rows. */
export const SELECT = `SELECT ((i * 37) % 1000)::DOUBLE / 8 - 60 AS a,
    ((i % 50)::DOUBLE / 4)::FLOAT AS f,
    ((i % 7) - 3)::INTEGER AS k,
    (i * 1000003)::BIGINT AS b,
    CASE WHEN i % 11 = 0 THEN NULL ELSE i::DOUBLE / 4 END AS n,
    CASE WHEN ((i * 37) % 1000)::DOUBLE / 8 - 60 + 10 * ((i % 7) - 3) > 0 THEN 'yes' ELSE 'no' END AS y
  FROM range(${ROWS}) t(i) ORDER BY i`;

/** Rows of the file of 10-bit dictionary indices: row i holds ((i·7919) mod 1021)/8 and (i·7919) mod 1021. */
export const WIDE_ROWS = 20_000;

/** DuckDB's codecs. */
export const CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4'] as const;

/** Rows of the hyparquet-writer file, in row groups of 1,000. */
export const WRITER_ROWS = 2500;

/** The columns of the hyparquet-writer file: required, nullable, and in each encoding hyparquet-writer writes. */
export function writerColumns(): { name: string; data: unknown[] | Float64Array | Float32Array | Int32Array | BigInt64Array; type: string; nullable?: boolean; encoding?: string }[] {
  const idx = Array.from({ length: WRITER_ROWS }, (_, i) => i);
  return [
    { name: 'plain', data: Float64Array.from(idx, (i) => i / 8 - 100), type: 'DOUBLE', nullable: false, encoding: 'PLAIN' },
    { name: 'split', data: Float64Array.from(idx, (i) => (i % 97) * 0.5), type: 'DOUBLE', encoding: 'BYTE_STREAM_SPLIT' },
    { name: 'single', data: Float32Array.from(idx, (i) => i / 16), type: 'FLOAT', encoding: 'BYTE_STREAM_SPLIT' },
    { name: 'delta', data: Int32Array.from(idx, (i) => i * 3 - 500), type: 'INT32', encoding: 'DELTA_BINARY_PACKED' },
    { name: 'long', data: idx.map((i) => (i % 13 === 0 ? null : BigInt(i) * 7n)), type: 'INT64' },
    { name: 'dict', data: idx.map((i) => (i % 4) * 1.5), type: 'DOUBLE' },
    { name: 'label', data: idx.map((i) => (i % 3 === 0 ? 'a' : i % 3 === 1 ? 'b' : 'c')), type: 'STRING' },
  ];
}

/** The files: `codec` → DuckDB's file, plus `v2` (data pages v2), `complete` (the snappy file without its column of nulls), `wide` (dictionary indices of 10 bits), `nested` (a struct and a list column), `big` (integers beyond 2⁵³) and `writer` (hyparquet-writer's). */
export interface Files {
  dir: string;
  duckdb: Record<(typeof CODECS)[number], string>;
  v2: string;
  complete: string;
  wide: string;
  nested: string;
  big: string;
  writer: string;
  remove(): void;
}

export async function writeFiles(): Promise<Files> {
  const dir = mkdtempSync(join(tmpdir(), 'logreg-parquet-'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const duckdb = {} as Record<(typeof CODECS)[number], string>;
    for (const codec of CODECS) {
      duckdb[codec] = join(dir, `duckdb-${codec}.parquet`);
      await connection.run(`COPY (${SELECT}) TO '${duckdb[codec]}' (FORMAT parquet, ROW_GROUP_SIZE 2048, COMPRESSION ${codec})`);
    }
    const v2 = join(dir, 'duckdb-v2.parquet');
    await connection.run(`COPY (${SELECT}) TO '${v2}' (FORMAT parquet, ROW_GROUP_SIZE 2048, COMPRESSION zstd, PARQUET_VERSION V2)`);
    const complete = join(dir, 'complete.parquet');
    await connection.run(`COPY (SELECT a, f, k, b, y FROM (${SELECT})) TO '${complete}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
    // 1,021 distinct values: dictionary indices 10 bits wide, across byte boundaries.
    const wide = join(dir, 'wide.parquet');
    await connection.run(`COPY (SELECT ((i * 7919) % 1021)::DOUBLE / 8 AS w, ((i * 7919) % 1021)::BIGINT AS wl FROM range(${WIDE_ROWS}) t(i) ORDER BY i) TO '${wide}' (FORMAT parquet)`);
    const nested = join(dir, 'nested.parquet');
    await connection.run(`COPY (SELECT i::DOUBLE AS x, {'p': i, 'q': 'z'} AS s, [i, i + 1] AS l FROM range(10) t(i)) TO '${nested}' (FORMAT parquet)`);
    const big = join(dir, 'big.parquet');
    await connection.run(`COPY (SELECT (9007199254740993 + i)::BIGINT AS huge, i::DOUBLE AS x FROM range(3) t(i)) TO '${big}' (FORMAT parquet)`);
    const writer = join(dir, 'writer.parquet');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(writer, new Uint8Array(parquetWriteBuffer({ columnData: writerColumns() as never, rowGroupSize: 1000 })));
    return { dir, duckdb, v2, complete, wide, nested, big, writer, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
