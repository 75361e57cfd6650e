/**
 * A memory probe: one implementation, in a process of its own, loads X from the bench's
 * raw data file into its own storage and trains for a few steps; the process's peak
 * resident set size is that row's "peak memory" (see {@link peakRss}).
 *
 *   node --import tsx bench/memory-probe.ts KEY X_FILE Y_FILE ROWS COLS STEPS LEARNING_RATE
 *
 * Prints {"key", "idle", "peak"} (bytes) as JSON; "idle" is the peak before X is loaded.
 *
 * A row that converts X as it loads it (WASM f32 into a float32 `Matrix.alloc`, tfjs into a
 * Float32Array) reads the float64 file through a 1 MiB buffer, so the loader adds next to
 * nothing to its peak, as the float64 rows, which read the file straight into X, add nothing.
 * @module
 */
import { readRawInto, streamRaw } from './data.js';
import { type DataSource, IMPLS } from './impls.js';
import { peakRss } from './memory.js';

/** Bytes of the float64 file a streaming load holds at once. */
const STREAM_BYTES = 1 << 20;

const [key, xFile, yFile, rowsArg, colsArg, stepsArg, lrArg] = process.argv.slice(2);
const impl = IMPLS.find((i) => i.key === key);
if (impl === undefined || xFile === undefined || yFile === undefined || lrArg === undefined) {
  console.error('usage: memory-probe.ts KEY X_FILE Y_FILE ROWS COLS STEPS LEARNING_RATE');
  process.exit(2);
}
const rows = Number(rowsArg);
const cols = Number(colsArg);
const idle = peakRss();
const y = new Float64Array(rows);
readRawInto(yFile, y);
const source: DataSource = {
  rows,
  cols,
  y,
  array: null,
  readInto: (target) => readRawInto(xFile, target),
  stream: (sink) => streamRaw(xFile, sink, STREAM_BYTES),
};
const runner = await impl.prepare(source, Number(lrArg));
runner.fit(Number(stepsArg));
const peak = peakRss();
runner.dispose();
console.log(JSON.stringify({ key, idle, peak }));
process.exit(0);
