/**
 * The Arrow section of the bench: `Matrix.fromArrow` against a `TypedArray.set` of the same
 * values (issue 16's target: 1,000,000 × 20 float64 in at most 2× the time of the set).
 *
 * Per set (library × shape × dtype; every column float64, values from a fixed sequence):
 *
 * - **fromArrow**: `Matrix.fromArrow(table, { dtype })` then `dispose()` (the allocation
 *   and every check included; after the first call the allocator hands the same block back,
 *   so no memory growth is timed).
 * - **set**: `dest.set(flat)` where `flat` is a Float64Array of rows × cols values in
 *   ordinary JS memory and `dest` a Matrix of that dtype already allocated in WebAssembly
 *   memory: a plain copy of the same bytes into the same memory (for float32, the same
 *   float64 → float32 rounding), the fastest a copy into the core's memory can be.
 *
 * apache-arrow tables are built with `tableFromArrays` (one chunk per column) and, for the
 * largest shape, from record batches of 65,536 rows too (as an IPC stream or DuckDB hands
 * them over); flechette tables are read from the IPC bytes of the apache-arrow table.
 * Both tasks of a set run alternately, one call each per round (timing.ts), so drifting
 * load on this shared machine hits both alike; medians over rounds, and the ratio of the
 * medians.
 * @module
 */
import * as arrow from 'apache-arrow';
import * as flechette from '@uwdata/flechette';
import { type Dtype, Matrix } from '../../src/matrix.js';
import { renderTable } from '../format.js';
import { median, timeInRounds } from '../timing.js';

export type ArrowMode = 'quick' | 'default' | 'full';

/** Timed rounds per mode. */
const ROUNDS: Record<ArrowMode, number> = { quick: 2, default: 15, full: 25 };

/** One set's timings. */
export interface ArrowSetResult {
  library: string;
  rows: number;
  cols: number;
  dtype: Dtype;
  /** Rows per record batch (chunk), or null for one chunk. */
  batchRows: number | null;
  /** ms, one per round. */
  fromArrow: number[];
  set: number[];
  /** median(fromArrow) / median(set). */
  ratio: number;
}

export interface ArrowResults {
  sets: ArrowSetResult[];
}

/** Shapes per mode: 1,000,000 × 20 (the target's) and 100,000 × 50. */
const SHAPES: Record<ArrowMode, readonly [number, number][]> = {
  quick: [[20_000, 20]],
  default: [[1_000_000, 20], [100_000, 50]],
  full: [[1_000_000, 20], [100_000, 50]],
};

/** `cols` float64 columns of `rows` values from a fixed linear congruential sequence. */
function makeColumns(rows: number, cols: number): Record<string, Float64Array> {
  const columns: Record<string, Float64Array> = {};
  let state = 12345;
  for (let j = 0; j < cols; j++) {
    const column = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      column[i] = state / 2147483648 - 0.5;
    }
    columns[`x${j}`] = column;
  }
  return columns;
}

/** The tables of one shape: [library label, rows per batch or null, table]. */
function tables(rows: number, cols: number, largest: boolean): [string, number | null, unknown][] {
  const columns = makeColumns(rows, cols);
  const whole = arrow.tableFromArrays(columns);
  const out: [string, number | null, unknown][] = [
    ['apache-arrow', null, whole],
    ['@uwdata/flechette', null, flechette.tableFromIPC(arrow.tableToIPC(whole))],
  ];
  if (largest) {
    const batch = 65_536;
    const parts: arrow.Table[] = [];
    for (let r = 0; r < rows; r += batch) {
      const slice: Record<string, Float64Array> = {};
      for (const [name, column] of Object.entries(columns)) slice[name] = column.slice(r, Math.min(rows, r + batch));
      parts.push(arrow.tableFromArrays(slice));
    }
    out.push(['apache-arrow', batch, (parts[0] as arrow.Table).concat(...parts.slice(1))]);
  }
  return out;
}

/** Times every set of the mode. */
export async function benchArrow(mode: ArrowMode, log: (line: string) => void = console.log): Promise<ArrowResults> {
  const sets: ArrowSetResult[] = [];
  log('\n## Arrow in: Matrix.fromArrow vs a TypedArray.set of the same values\n');
  for (const [s, [rows, cols]] of SHAPES[mode].entries()) {
    const flat = new Float64Array(rows * cols);
    for (let i = 0; i < flat.length; i++) flat[i] = (i % 1000) / 1000 - 0.5;
    for (const [library, batchRows, table] of tables(rows, cols, s === 0)) {
      for (const dtype of ['float64', 'float32'] as const) {
        const dest = Matrix.alloc(rows, cols, { dtype });
        const samples = await timeInRounds(
          [
            { name: 'fromArrow', runs: ROUNDS[mode], fn: () => Matrix.fromArrow(table, { dtype }).dispose() },
            { name: 'set', runs: ROUNDS[mode], fn: () => dest.data.set(flat) },
          ],
          { warmup: 2 },
        );
        dest.dispose();
        const fromArrow = samples.get('fromArrow')!;
        const set = samples.get('set')!;
        const result: ArrowSetResult = { library, rows, cols, dtype, batchRows, fromArrow, set, ratio: median(fromArrow) / median(set) };
        sets.push(result);
        log(`${label(result)}: fromArrow ${median(fromArrow).toFixed(1)} ms, set ${median(set).toFixed(1)} ms, ${result.ratio.toFixed(2)}×`);
      }
    }
  }
  log('');
  log(
    renderTable(
      ['set', 'fromArrow (ms)', 'TypedArray.set (ms)', 'ratio', 'fromArrow GB/s of float64'],
      sets.map((r) => [label(r), median(r.fromArrow).toFixed(1), median(r.set).toFixed(1), `${r.ratio.toFixed(2)}×`, ((r.rows * r.cols * 8) / (median(r.fromArrow) * 1e6)).toFixed(2)]),
    ),
  );
  return { sets };
}

/** A set as rows show it: `apache-arrow 1,000,000×20 float64 (batches of 65,536)`. */
export function label(r: ArrowSetResult): string {
  const batches = r.batchRows === null ? '' : ` (batches of ${r.batchRows.toLocaleString('en-US')})`;
  return `${r.library} ${r.rows.toLocaleString('en-US')}×${r.cols} ${r.dtype}${batches}`;
}
