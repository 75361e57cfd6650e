/**
 * `train --stream`: training on a table (a CSV, Parquet or Arrow file, or a `--sql`
 * query's result, read by tables.ts) read chunk by chunk, so memory is bounded by
 * the chunk size rather than the file. A first pass collects the classes, the one-hot
 * categories and the statistics for imputation (mean) and standardisation; then each
 * epoch streams the file again through {@link fitStream} (sgd), or, with solver lbfgs,
 * owlqn or newton, each evaluation of the objective is one pass through {@link fitChunks}
 * (the exact model); a last pass scores the
 * held-out rows. Test rows are chosen per row by a seeded generator, the same in every
 * pass.
 * @module
 */
import { LogisticRegression, Matrix, fitChunks, fitStream, type Label, type LogisticRegressionOptions, type StreamChunk } from '../index.js';
import { compareLabels } from '../validate/labels.js';
import { stat } from 'node:fs/promises';
import { cellString, describeColumn, isPipe, type Cell, type CsvChunk } from './csv.js';
import { isMissing, isNumberCell, toLabel } from './csv-rules.js';
import { CliError, UsageError } from './errors.js';
import { readTableChunks, type TableSource } from './tables.js';
import { quoted } from './text.js';
import {
  checkClasses,
  columnIndices,
  expandedFeatureNames,
  parseNumber,
  record,
  selectFeatures,
  transformer,
  type Preprocessing,
  type PreprocessingRequest,
  type Transformer,
} from './preprocess.js';
import type { Progress } from './progress.js';
import { scoreProba, type Scores } from './report.js';

/** What `train --stream` needs. */
export interface StreamTrainRequest {
  /** The table; a query runs again for each pass. */
  source: TableSource;
  target: string;
  /** Feature columns; empty for every column but the target. */
  features: string[];
  request: Omit<PreprocessingRequest, 'features'>;
  epochs: number;
  chunkRows: number;
  testSize: number;
  /** The most distinct target values accepted as classes. */
  maxClasses: number;
  options: LogisticRegressionOptions;
  progress: Progress | null;
}

/** What it returns. */
export interface StreamTrainResult {
  model: LogisticRegression;
  preprocessing: Preprocessing;
  rows: number;
  testRows: number;
  counts: number[];
  test: Scores | null;
  fitMs: number;
  peakRssMb: number;
}

/** A small seeded generator (mulberry32): the same test/train choice for row i in every pass. */
function splitter(seed: number, testSize: number): () => boolean {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 < testSize;
  };
}

/** Rows parsed at a time (training chunks of `chunkRows` are assembled from these). */
const PARSE_ROWS = 1000;

interface Column {
  name: string;
  index: number;
  oneHot: boolean;
  count: number;
  /** Welford's running mean and Σ(x − mean)² of the values times 2^−shift (see {@link addValue}). */
  mean: number;
  m2: number;
  shift: number;
  categories: Map<string, number>;
}

/**
 * Trains as described in the module comment.
 * @throws CliError for bad data (with file, row and column), as `train` does.
 */
export async function trainStream(req: StreamTrainRequest): Promise<StreamTrainResult> {
  const { source, target, chunkRows } = req;
  const { file } = source;
  // Every epoch reads the file again; a pipe gives its bytes once.
  if (source.query === null && (await isPipe(file))) {
    throw new UsageError(`--stream reads ${quoted(file)} once per epoch, and it is a pipe or device, which can be read only once (save it to a file, or train without --stream)`, 'train');
  }
  // Every pass must read the bytes the first pass counted (rows, classes, categories and
  // the buffers sized from them); a file appended to or replaced meanwhile is refused.
  // (A query's files are DuckDB's to read: each pass runs the query again.)
  const version = source.query === null ? await fileVersion(file) : null;
  const checkUnchanged = async () => {
    const now = source.query === null ? await fileVersion(file) : null;
    if (now !== version) throw new CliError(`${file}: changed while --stream was reading it (each epoch reads it again); train on a copy that stays put`);
  };
  const parseRows = Math.min(chunkRows, PARSE_ROWS);
  const seed = typeof req.options.randomState === 'number' ? req.options.randomState : 42;
  // Pass 1: structure and statistics (Welford's running mean and variance per column).
  let columns: Column[] = [];
  let targetIndex = -1;
  let targetColumn = '';
  // Counts by the cell's text: whether labels are numbers is known only at the end.
  const cellCounts = new Map<string, number>();
  // The same over the training rows only (for --class-weight balanced).
  const trainCellCounts = new Map<string, number>();
  let allNumeric = true;
  let rows = 0;
  let trainRows = 0;
  const isTest = splitter(seed, req.testSize);
  for await (const chunk of readTableChunks(source, parseRows)) {
    if (targetIndex < 0) {
      [targetIndex] = columnIndices(file, chunk, [target], 'target') as [number];
      targetColumn = describeColumn(chunk.header, targetIndex);
      const names = selectFeatures(file, chunk, target, req.features, req.request.oneHot);
      const indices = columnIndices(file, chunk, names, 'feature');
      const oneHot = new Set(req.request.oneHot);
      columns = names.map((name, k) => ({ name, index: indices[k] as number, oneHot: oneHot.has(name), count: 0, mean: 0, m2: 0, shift: 0, categories: new Map() }));
    }
    for (let i = 0; i < chunk.rows.length; i++) {
      const row = chunk.rows[i] as Cell[];
      const label = cellString(row[targetIndex] as Cell);
      if (isMissing(label)) throw new CliError(`${file}: row ${chunk.lines[i]}, ${targetColumn}: the target value is missing`);
      cellCounts.set(label, (cellCounts.get(label) ?? 0) + 1);
      if (allNumeric && !isNumberCell(label)) allNumeric = false;
      rows++;
      const train = !isTest();
      if (train) {
        trainRows++;
        trainCellCounts.set(label, (trainCellCounts.get(label) ?? 0) + 1);
      }
      for (const c of columns) {
        if (c.oneHot) {
          const cell = cellString(row[c.index] as Cell).trim();
          if (isMissing(cell)) {
            if (req.request.impute === null) throw missing(file, chunk, i, c.index);
          } else c.categories.set(cell, (c.categories.get(cell) ?? 0) + (train ? 1 : 0));
          continue;
        }
        const v = parseNumber(file, chunk, i, c.index);
        if (Number.isNaN(v)) {
          if (req.request.impute === null) throw missing(file, chunk, i, c.index);
          continue;
        }
        if (!train) continue;
        addValue(c, v);
      }
    }
  }
  if (rows === 0) throw new CliError(source.format === 'csv' ? `${file}: has a header row but no data rows` : `${file}: has no rows`);
  // The same cells → labels rule as the in-memory path, so `1` and `1.0` (or `-0` and `0`)
  // are one class here too.
  const labelCounts = new Map<Label, number>();
  for (const [cell, n] of cellCounts) {
    const label = toLabel(cell, allNumeric);
    labelCounts.set(label, (labelCounts.get(label) ?? 0) + n);
  }
  const classes: Label[] = [...labelCounts.keys()];
  classes.sort(compareLabels);
  checkClasses(file, targetColumn, classes, rows, req.maxClasses);
  if (trainRows === 0) throw new CliError(`${file}: no training rows; lower --test-size`);
  const options = { ...req.options };
  if (options.classWeight === 'balanced') {
    // partialFit sees one chunk and cannot count labels; the first pass did, so 'balanced'
    // becomes its explicit weights: trainRows / (K · count of the class), as scikit-learn.
    const trainCounts = new Map<Label, number>();
    for (const [cell, n] of trainCellCounts) {
      const label = toLabel(cell, allNumeric);
      trainCounts.set(label, (trainCounts.get(label) ?? 0) + n);
    }
    const weights = new Map<Label, number>();
    for (const c of classes) {
      const n = trainCounts.get(c) ?? 0;
      if (n === 0) {
        throw new CliError(`${file}: ${targetColumn}: class ${typeof c === 'string' ? quoted(c) : String(c)} has no training rows, so --class-weight balanced cannot weigh it; lower --test-size`);
      }
      weights.set(c, trainRows / (classes.length * n));
    }
    options.classWeight = weights;
  }
  // The preprocessing from the first pass's statistics.
  const p: Preprocessing = { features: columns.map((c) => c.name), oneHot: record(), impute: null, standardize: null };
  const values = record<number>();
  const fills = record<string>();
  const mean: number[] = [];
  const scale: number[] = [];
  for (const c of columns) {
    if (c.oneHot) {
      const cats = [...c.categories.keys()].sort(compareLabels);
      if (cats.length === 0) throw new CliError(`${file}: column ${quoted(c.name)} (${c.index + 1}) has no values`);
      p.oneHot[c.name] = cats;
      let mode = cats[0] as string;
      for (const k of cats) if ((c.categories.get(k) as number) > (c.categories.get(mode) as number)) mode = k;
      fills[c.name] = mode;
      for (const k of cats) {
        // Indicator of category k over the training rows (missing cells take the mode).
        const share = ((c.categories.get(k) as number) + (k === mode ? trainRows - sum(c.categories) : 0)) / trainRows;
        mean.push(share);
        const sd = Math.sqrt(share * (1 - share));
        scale.push(sd > 0 ? sd : 1);
      }
    } else {
      if (c.count === 0) throw new CliError(`${file}: column ${quoted(c.name)} (${c.index + 1}) has no values in the training rows`);
      const unit = 2 ** c.shift;
      const m = c.mean * unit;
      values[c.name] = m;
      mean.push(m);
      // Mean-imputed rows add nothing to Σ(x − mean)², so the variance is m2 / trainRows.
      const sd = Math.sqrt(c.m2 / trainRows) * unit;
      scale.push(sd > Number.EPSILON * Math.abs(m) * 10 && sd > 0 ? sd : 1);
    }
  }
  if (req.request.impute !== null) p.impute = { strategy: req.request.impute, values, categories: fills };
  if (req.request.standardize) p.standardize = { mean, scale };

  // Rows are parsed in small pieces and turned into numbers at once, into one buffer of
  // `chunkRows` rows reused for every training chunk: the parsed strings die young (in
  // V8's new space) instead of being promoted with a whole chunk, which held the heap at
  // several times the live data on large files.
  const d = expandedFeatureNames(p).length;
  let apply: Transformer | null = null;
  async function* pass(wantTest: boolean): AsyncGenerator<StreamChunk> {
    await checkUnchanged();
    const test = splitter(seed, req.testSize);
    // No larger than the pass's rows (counted in pass 1): a wide file's default chunk of
    // 10,000 rows would otherwise reserve gigabytes it never fills.
    const buffer = new Float64Array(Math.max(1, Math.min(chunkRows, wantTest ? rows - trainRows : trainRows)) * d);
    let n = 0;
    let y: Label[] = [];
    let seen = 0;
    for await (const chunk of readTableChunks(source, parseRows)) {
      seen += chunk.rows.length;
      // (Checked before the rows are used: the buffers are sized from the first pass's counts.)
      if (seen > rows) throw changedRows(source, seen, rows);
      const used: number[] = [];
      for (let i = 0; i < chunk.rows.length; i++) if (test() === wantTest) used.push(i);
      for (let from = 0; from < used.length; ) {
        const part = used.slice(from, from + Math.min(used.length - from, chunkRows - n));
        apply ??= transformer(file, chunk, p);
        buffer.set(apply(chunk, part).data, n * d);
        for (const i of part) y.push(toLabel(cellString((chunk.rows[i] as Cell[])[targetIndex] as Cell), allNumeric));
        n += part.length;
        from += part.length;
        if (n === chunkRows) {
          // The consumer uses X before asking for the next chunk (fitStream, predictProba).
          yield { X: Matrix.from(buffer, n, d), y };
          n = 0;
          y = [];
        }
      }
    }
    if (n > 0) yield { X: Matrix.from(buffer.subarray(0, n * d), n, d), y };
    if (seen !== rows) throw changedRows(source, seen, rows);
  }

  const start = performance.now();
  const exact = options.solver !== undefined && options.solver !== 'sgd';
  const model = exact
    ? await fitChunks(new LogisticRegression({ ...options, onIteration: (info) => (req.progress?.update(info), options.onIteration?.(info)) }), () => pass(false), { classes })
    : await fitStream(() => pass(false), {
        ...options,
        classes,
        epochs: req.epochs,
        onEpoch: (info) => req.progress?.update({ iter: info.epoch, loss: info.loss }),
      });
  req.progress?.done();
  const fitMs = performance.now() - start;
  // Last pass: score the held-out rows (only labels and probabilities are kept).
  let test: Scores | null = null;
  const testLabels: Label[] = [];
  const K = classes.length;
  // Probabilities go straight into one buffer grown by doubling (sized from the first
  // pass's count of held-out rows), not into per-chunk copies joined at the end.
  let all = new Float64Array(Math.max(1, rows - trainRows) * K);
  for await (const { X, y } of pass(true)) {
    const proba = model.predictProba(X).data;
    const at = testLabels.length * K;
    if (at + proba.length > all.length) {
      const grown = new Float64Array(Math.max(all.length * 2, at + proba.length));
      grown.set(all.subarray(0, at));
      all = grown;
    }
    all.set(proba, at);
    for (const label of y as Label[]) testLabels.push(label);
  }
  await checkUnchanged();
  if (testLabels.length > 0) {
    test = scoreProba(model.classes, testLabels, Matrix.from(all.subarray(0, testLabels.length * K), testLabels.length, K));
  }
  const counts = model.classes.map((c) => labelCounts.get(c) ?? 0);
  return {
    model,
    preprocessing: p,
    rows,
    testRows: rows - trainRows,
    counts,
    test,
    fitMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** The refusal of a pass that gave other rows than the first (a query run again; its test rows are drawn by position). */
function changedRows(source: TableSource, seen: number, rows: number): CliError {
  return new CliError(
    `${source.file}: gave ${seen > rows ? `more than ${rows}` : seen} rows on a later pass and ${rows} on the first; --stream reads the data once per pass, so it must give the same rows in the same order each time${source.query === null ? '' : ' (for a query with joins or aggregates, add an ORDER BY)'}`,
  );
}

/** What identifies one version of a file's contents: its inode, size and modification time (null when it is gone). */
async function fileVersion(file: string): Promise<string | null> {
  const info = await stat(file, { bigint: true }).catch(() => null);
  return info === null ? null : `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}`;
}

/** Values up to 2^SHIFT_ABOVE in magnitude are summed as they are (shift 0, the common case). */
const SHIFT_ABOVE = 480;

/**
 * Adds one value to a column's Welford statistics. Near float64's limit, v − mean and
 * (v − mean)² overflow, so the statistics are kept for v · 2^−shift, the shift raised
 * (mean and m2 rescaled by exact powers of two) whenever a value passes 2^480 · 2^shift:
 * then |v · 2^−shift| ≤ 2^481 and m2 stays finite for any number of rows.
 */
function addValue(c: Column, v: number): void {
  const a = Math.abs(v);
  if (a > 2 ** (SHIFT_ABOVE + c.shift)) {
    const shift = Math.ceil(Math.log2(a)) - SHIFT_ABOVE;
    const factor = 2 ** (c.shift - shift);
    c.mean *= factor;
    c.m2 *= factor * factor;
    c.shift = shift;
  }
  const u = c.shift === 0 ? v : v * 2 ** -c.shift;
  c.count++;
  const delta = u - c.mean;
  c.mean += delta / c.count;
  c.m2 += delta * (u - c.mean);
}

function sum(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

function missing(file: string, chunk: CsvChunk, i: number, j: number): CliError {
  return new CliError(
    `${file}: row ${chunk.lines[i]}, ${describeColumn(chunk.header, j)}: missing value; pass --impute mean to fill it`,
  );
}
