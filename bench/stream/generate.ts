/**
 * The stream bench's data: a numeric CSV of `rows` × 20 standard-normal features and a 0/1
 * target drawn from a linear-logistic model, written the way a data frame library writes
 * float64 columns (`String(x)`: the shortest text that reads back as the same double, up
 * to 17 significant digits, as pandas' `to_csv`), or with a fixed number of decimals
 * (`decimals`, as `np.savetxt(fmt='%.6f')` would), so the parse pass sees realistic text.
 *
 * Generation takes a while for large files (about 30 s for 2,000,000 rows on the bench
 * machine), so a finished file is recorded in a sidecar (`NAME.bytes`: its byte count)
 * and reused when both are there and agree; a file cut short by an interrupted run has no
 * sidecar, or another size, and is written again.
 * @module
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../data.js';
import { normalStream } from '../normal.js';

/** Feature columns, as issue 18 sets them. */
export const FEATURES = 20;

/** What a data file is: its rows, text format and seed decide its name. */
export interface CsvSpec {
  readonly rows: number;
  /** Decimals per value (`toFixed`); null for `String(x)`. */
  readonly decimals: number | null;
  readonly seed: number;
}

/** A data file on disk. */
export interface CsvFile {
  readonly path: string;
  readonly bytes: number;
  readonly rows: number;
  /** Whether this run wrote it (else it was reused), and how long that took in ms. */
  readonly generatedMs: number | null;
}

/** The file's name: everything that decides its content is in it, so a reused file is the same data. */
export function csvName(spec: CsvSpec): string {
  return `stream-${spec.rows}x${FEATURES}-${spec.decimals === null ? 'full' : `${spec.decimals}dp`}-seed${spec.seed}.csv`;
}

/** Returns the file for `spec` in `dir`, reusing a complete one from an earlier run. */
export function ensureCsv(dir: string, spec: CsvSpec): CsvFile {
  const path = join(dir, csvName(spec));
  const sidecar = `${path}.bytes`;
  if (existsSync(path) && existsSync(sidecar)) {
    const recorded = Number(readFileSync(sidecar, 'utf8').trim());
    if (statSync(path).size === recorded) return { path, bytes: recorded, rows: spec.rows, generatedMs: null };
  }
  const started = performance.now();
  const bytes = writeCsv(`${path}.partial`, spec);
  // Renamed only when complete, and the sidecar written last: a crash never leaves a file that looks reusable.
  renameSync(`${path}.partial`, path);
  writeFileSync(sidecar, `${bytes}\n`);
  return { path, bytes, rows: spec.rows, generatedMs: performance.now() - started };
}

/** Lines per block handed to `writeSync`: ~2–4 MB of text, few enough system calls and small enough strings. */
const BLOCK_ROWS = 10_000;

/**
 * Writes the CSV: header `x0,…,x19,y`, then per row standard-normal features x and
 * y ~ Bernoulli(σ(x · w* + b*)) for fixed true weights w* (norm 2, so classes are neither
 * separable nor noise) and b* = 0.25. Returns its size in bytes.
 */
function writeCsv(path: string, spec: CsvSpec): number {
  const uniform = mulberry32(spec.seed);
  const gauss = normalStream(uniform);
  const weights = Float64Array.from({ length: FEATURES }, () => 2 * uniform() - 1);
  const norm = Math.hypot(...weights);
  for (let j = 0; j < FEATURES; j++) weights[j] = (2 * weights[j]!) / norm;
  const text = spec.decimals === null ? (x: number) => String(x) : (x: number) => x.toFixed(spec.decimals!);
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    const write = (block: string): void => {
      const buffer = Buffer.from(block, 'latin1'); // digits, signs, points, commas: one byte each
      for (let at = 0; at < buffer.length; ) at += writeSync(fd, buffer, at, buffer.length - at);
      bytes += buffer.length;
    };
    write(`${Array.from({ length: FEATURES }, (_, j) => `x${j}`).join(',')},y\n`);
    for (let first = 0; first < spec.rows; first += BLOCK_ROWS) {
      const lines: string[] = [];
      for (let i = first; i < Math.min(spec.rows, first + BLOCK_ROWS); i++) {
        let line = '';
        let z = 0.25;
        for (let j = 0; j < FEATURES; j++) {
          const x = gauss();
          z += x * weights[j]!;
          line += `${text(x)},`;
        }
        lines.push(`${line}${uniform() < 1 / (1 + Math.exp(-z)) ? 1 : 0}\n`);
      }
      write(lines.join(''));
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}
