// One small labelled table written as CSV, Parquet (by DuckDB and by hyparquet-writer) and
// Arrow IPC (file and stream, by flechette), for the CLI's format tests: a float column with
// nulls, an integer column, a categorical column and a text target.
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { parquetWriteBuffer } from 'hyparquet-writer';

/** The table's columns (x1 null in every 41st row). */
export function columns(n = 240) {
  const colors = ['red', 'green', 'blue'];
  const x1: (number | null)[] = [];
  const x2 = new Int32Array(n);
  const color: string[] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    // Decimals that are not short in binary (0.1 steps, thirds), so exact round trips are tested.
    const a = ((i * 7919) % 1000) / 30 - 16.7 + 0.1;
    x1.push(i % 41 === 5 ? null : a);
    x2[i] = (i * 31) % 17;
    color.push(colors[(i * 7) % 3] as string);
    const score = a / 5 + (x2[i] as number) / 4 - 2 + (color[i] === 'red' ? 1 : 0) + (((i * 13) % 7) - 3) / 2;
    // Not yes/no, which DuckDB's read_csv would read as booleans.
    y.push(score > 0 ? 'spam' : 'ham');
  }
  return { x1, x2, color, y };
}

/** The table as CSV text (a null an empty cell). */
export function csvText(n = 240): string {
  const { x1, x2, color, y } = columns(n);
  const lines = ['x1,x2,color,y'];
  for (let i = 0; i < n; i++) lines.push(`${x1[i] === null ? '' : String(x1[i])},${x2[i]},${color[i]},${y[i]}`);
  return `${lines.join('\n')}\n`;
}

/** The table as Parquet bytes by hyparquet-writer, in row groups of `rowGroupSize` rows. */
export function parquetBytes(n = 240, rowGroupSize = 50): Uint8Array {
  const { x1, x2, color, y } = columns(n);
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'x1', data: x1, type: 'DOUBLE', nullable: true },
        { name: 'x2', data: x2, type: 'INT32', nullable: false },
        { name: 'color', data: color, type: 'STRING', nullable: false },
        { name: 'y', data: y, type: 'STRING', nullable: false },
      ],
      rowGroupSize,
    }),
  );
}

/** The table as Arrow IPC bytes by flechette (`file` or `stream` format), in record batches of `batchRows` rows. */
export function arrowBytes(format: 'file' | 'stream', n = 240, batchRows = 64): Uint8Array {
  const { x1, x2, color, y } = columns(n);
  const table = tableFromArrays({ x1, x2, color, y }, { maxBatchRows: batchRows });
  return tableToIPC(table, { format }) as Uint8Array;
}

/** Runs SQL statements in a fresh in-memory DuckDB (e.g. COPY … TO 'x.parquet'). */
export async function duckdb(...statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const sql of statements) await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Writes the table in every format into `path(name)`; returns the paths by format. */
export async function writeAll(path: (name: string) => string, n = 240) {
  const csv = path('data.csv');
  writeFileSync(csv, csvText(n));
  const parquet = path('data.parquet');
  writeFileSync(parquet, parquetBytes(n));
  const duck = path('duck.parquet');
  await duckdb(`COPY (SELECT * FROM read_csv('${csv}')) TO '${duck}' (FORMAT parquet)`);
  const arrow = path('data.arrow');
  writeFileSync(arrow, arrowBytes('file', n));
  const feather = path('data.feather');
  writeFileSync(feather, arrowBytes('file', n, 1000));
  const arrows = path('data.arrows');
  writeFileSync(arrows, arrowBytes('stream', n));
  return { csv, parquet, duck, arrow, feather, arrows };
}
