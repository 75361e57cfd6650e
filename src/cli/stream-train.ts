/**
 * `train --stream`: training on a table too large for memory (a CSV, Parquet or Arrow file,
 * or a `--sql` query's result, read by tables.ts), in four steps, memory bounded by a block:
 * 1. parse: the data is read once — a CSV file through the fast path (csv-numbers.ts),
 *    anything else through readTableChunks — every cell checked (a bad one is reported with
 *    its row and column before any training), and each row written as numbers to a binary
 *    cache (node/row-cache.ts): its feature values (NaN when missing, a category's code for a
 *    one-hot column), its label's code and its row number. `--cache FILE` keeps the cache,
 *    and a later run reuses it while the file and the parse settings are the same;
 * 2. statistics over the cache: class counts, categories, and the mean and variance of the
 *    training rows for imputation and standardisation. The held-out rows are
 *    trainTestSplitIndices' draw, as `train` without --stream makes it;
 * 3. preprocess: the training rows, imputed, one-hot encoded and standardised, into two
 *    temporary caches (X and the class indices);
 * 4. fit: each epoch of {@link fitStream} (sgd), or each evaluation of the objective of
 *    {@link fitChunks} (lbfgs, owlqn, newton: the exact model), is one pass over those
 *    caches, read in chunks straight into WebAssembly memory; then the held-out rows are
 *    scored from the raw cache.
 * @module
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LogisticRegression, Matrix, fitChunks, fitStream, trainTestSplitIndices, type Label, type LogisticRegressionOptions, type StreamChunk } from '../index.js';
import { isNearConstant, standardizeValue } from '../preprocessing/standard-scaler.js';
import { compareLabels } from '../validate/labels.js';
import { describeColumn, isPipe } from './csv.js';
import { chunkBlock, readCsvNumbers, type NumberBlock } from './csv-numbers.js';
import { isMissing, isNumberCell, toLabel } from './csv-rules.js';
import { CliError, UsageError } from './errors.js';
import { createRowCache, openRowCache, type RowCache } from '../node/row-cache.js';
import { readTableChunks, type TableSource } from './tables.js';
import { quoted } from './text.js';
import {
  checkClasses,
  columnIndices,
  expandedFeatureNames,
  parseNumberText,
  record,
  selectFeatures,
  type Preprocessing,
  type PreprocessingRequest,
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
  /** Where to keep the cache of parsed rows (and reuse it when it is of this file, parsed alike); null: a temporary file removed at the end. */
  cache?: string | null;
  /** Told when a kept cache is rebuilt, and why. */
  notice?: (message: string) => void;
}

/** What it returns. */
export interface StreamTrainResult {
  model: LogisticRegression;
  preprocessing: Preprocessing;
  rows: number;
  testRows: number;
  counts: number[];
  test: Scores | null;
  /** The first pass (parsing the data into the cache), or opening a kept cache. */
  parseMs: number;
  fitMs: number;
  /** The kept cache (`--cache`), and whether it was reused; null for a temporary one. */
  cache: { path: string; reused: boolean } | null;
  peakRssMb: number;
}

/** Rows parsed at a time where csv-parse reads (a query, Parquet, Arrow, or past a line the CSV fast path does not read). */
const PARSE_ROWS = 1000;
/** Bytes of the cache read (or written) at a time: rows per block are as many as fit, at least one. */
const CACHE_BLOCK_BYTES = 8 * 1024 * 1024;
/** The version of what the cache's meta records (bumped when its meaning changes). */
const META_VERSION = 1;

interface Column {
  name: string;
  index: number;
  oneHot: boolean;
  /** A one-hot column's categories in order of first appearance (a cached code is an index here). */
  categories: string[];
  codes: Map<string, number>;
  /** Welford's running count, mean and Σ(x − mean)² over the training rows, of the values times 2^−shift (see {@link addValue}). */
  count: number;
  mean: number;
  m2: number;
  shift: number;
  /** 2^(SHIFT_ABOVE + shift), the magnitude past which the shift is raised, and 2^−shift. */
  limit: number;
  unit: number;
  /** A one-hot column's training rows per category code. */
  trainCounts: number[];
}

/** What the first pass learnt and the cache's meta records, so a kept cache can replace that pass. */
interface CacheMeta {
  version: number;
  /** The file read (its resolved path, size and modification time), or null for a query. */
  source: { path: string; size: number; mtimeMs: number } | null;
  /** What the parse depended on. */
  parse: { delimiter: string | null; target: string; features: string[]; oneHot: string[]; impute: boolean };
  rows: number;
  /** Label texts in order of first appearance (a cached label code is an index here). */
  labels: string[];
  /** Per feature column, its one-hot categories (an empty list for a numeric column). */
  categories: string[][];
}

/**
 * Trains as described in the module comment.
 * @throws CliError for bad data (with file, row and column), as `train` does.
 */
export async function trainStream(req: StreamTrainRequest): Promise<StreamTrainResult> {
  const { source, target, chunkRows } = req;
  const keep = req.cache ?? null;
  const { file } = source;
  if (source.query === null && (await isPipe(file))) {
    throw new UsageError(`--stream reads ${quoted(file)} as a file it can check for changes while it is read, and it is a pipe or device (save it to a file, or train without --stream)`, 'train');
  }
  const regular = source.query === null;
  // The bytes the first pass reads must be the file as it was when the run began; a file
  // appended to or replaced meanwhile is refused. (A query's files are DuckDB's to read.)
  const version = regular ? await fileVersion(file) : null;
  const checkUnchanged = async () => {
    const now = regular ? await fileVersion(file) : null;
    if (now !== version) throw new CliError(`${file}: changed while --stream was reading it; train on a copy that stays put`);
  };
  const seed = typeof req.options.randomState === 'number' ? req.options.randomState : 42;
  const parseStart = performance.now();
  // The first pass's first block gives the header: the features and their columns.
  const blocks = parsedBlocks(source, target, req.progress);
  const firstBlock = await blocks.next();
  try {
    return await fromFirstBlock();
  } finally {
    // However the run ends, the reader is closed (a no-op once the parse pass has read it all).
    await blocks.return(undefined);
  }

  /** The rest of the run, from the parse pass's first block. */
  async function fromFirstBlock(): Promise<StreamTrainResult> {
    const head = firstBlock.value as NumberBlock;
    const [targetIndex] = columnIndices(file, head, [target], 'target') as [number];
    const targetColumn = describeColumn(head.header, targetIndex);
    const names = selectFeatures(file, head, target, req.features, req.request.oneHot);
    const indices = columnIndices(file, head, names, 'feature');
    const oneHotNames = new Set(req.request.oneHot);
    const F = names.length;
    // A cached row: the F feature values (NaN when missing; a one-hot column's category code), the label's code, the row's number.
    const width = F + 2;
    const blockRows = Math.max(1, Math.floor(CACHE_BLOCK_BYTES / (8 * width)));
    const parse = { delimiter: source.delimiter, target, features: names, oneHot: [...oneHotNames], impute: req.request.impute !== null };
    const identity = regular ? await sourceIdentity(file) : null;
    let cache: RowCache | null = null;
    let reused = false;
    if (keep !== null && identity !== null) {
      const opened = await openRowCache(keep, { width }, { label: '--stream cache' });
      if ('rejected' in opened) {
        if (!/no such file/.test(opened.rejected)) req.notice?.(`rebuilding the cache ${keep}: ${opened.rejected}`);
      } else if (sameMeta(opened.meta, identity, parse)) {
        cache = opened;
        reused = true;
        await blocks.return(undefined);
      } else {
        opened.close();
        req.notice?.(`rebuilding the cache ${keep}: it was made from another file, another version of it, or other columns or options`);
      }
    }
    const columns: Column[] = names.map((name, k) => ({
      name,
      index: indices[k] as number,
      oneHot: oneHotNames.has(name),
      categories: [],
      codes: new Map(),
      count: 0,
      mean: 0,
      m2: 0,
      shift: 0,
      limit: 2 ** SHIFT_ABOVE,
      unit: 1,
      trainCounts: [],
    }));
    let labelTexts: string[];
    if (cache !== null) {
      const meta = cache.meta as CacheMeta;
      labelTexts = meta.labels;
      columns.forEach((c, k) => {
        c.categories = meta.categories[k] as string[];
        c.categories.forEach((cat, code) => c.codes.set(cat, code));
      });
    } else {
      // Pass 1: parse every row once, check it, and write it to the cache.
      const labelCodes = new Map<string, number>();
      labelTexts = [];
      const writer = await createRowCache(keep, width, { label: '--stream cache' });
      try {
        const row = new Float64Array(blockRows * width);
        for (let next = firstBlock; next.done !== true; next = await blocks.next()) {
          const block = next.value;
          const W = block.header.length;
          const { values } = block;
          let n = 0;
          for (let i = 0; i < block.rows; i++) {
            const label = block.cell(i, targetIndex).trim();
            if (isMissing(label)) throw new CliError(`${file}: row ${block.line(i)}, ${targetColumn}: the target value is missing`);
            let code = labelCodes.get(label);
            if (code === undefined) {
              code = labelTexts.length;
              labelCodes.set(label, code);
              labelTexts.push(label);
            }
            const at = n * width;
            for (let f = 0; f < F; f++) {
              const c = columns[f] as Column;
              if (c.oneHot) {
                const cell = block.cell(i, c.index).trim();
                if (isMissing(cell)) {
                  if (req.request.impute === null) throw missing(file, block, i, c.index);
                  row[at + f] = Number.NaN;
                  continue;
                }
                let k = c.codes.get(cell);
                if (k === undefined) {
                  k = c.categories.length;
                  c.codes.set(cell, k);
                  c.categories.push(cell);
                }
                row[at + f] = k;
                continue;
              }
              let v = values[i * W + c.index] as number;
              if (Number.isNaN(v)) {
                v = parseNumberText(file, block.cell(i, c.index), block.line(i), block.header, c.index);
                if (Number.isNaN(v) && req.request.impute === null) throw missing(file, block, i, c.index);
              }
              row[at + f] = v;
            }
            row[at + F] = code;
            row[at + F + 1] = block.line(i);
            if (++n === blockRows) {
              writer.append(row, n);
              n = 0;
            }
          }
          if (n > 0) writer.append(row, n);
        }
        await checkUnchanged();
        const meta: CacheMeta = { version: META_VERSION, source: identity, parse, rows: writer.rows, labels: labelTexts, categories: columns.map((c) => c.categories) };
        cache = await writer.finish(meta);
      } catch (error) {
        writer.abort();
        throw error;
      }
    }
    const rawCache: RowCache = cache;
    // Temporary caches made below; all are removed however the run ends.
    let prepared: { x: RowCache; y: RowCache } | null = null;
    try {
      req.progress?.done();
      const parseMs = performance.now() - parseStart;
      const rows = cache.rows;
      if (rows === 0) throw new CliError(source.format === 'csv' ? `${file}: has a header row but no data rows` : `${file}: has no rows`);
      // The held-out rows: trainTestSplit's own draw, as the in-memory `train` makes it (4 bytes a row while it is drawn, then 1).
      const isTest = heldOut(file, rows, req.testSize, seed);
      // The same cells → labels rule as the in-memory path, so `1` and `1.0` (or `-0` and `0`) are one class.
      const allNumeric = labelTexts.every(isNumberCell);
      const codeLabels = labelTexts.map((t) => toLabel(t, allNumeric));
      const classes: Label[] = [...new Set(codeLabels)];
      classes.sort(compareLabels);
      checkClasses(file, targetColumn, classes, rows, req.maxClasses);
      const classOf = new Map(classes.map((c, k) => [c, k]));
      const codeClass = Int32Array.from(codeLabels, (l) => classOf.get(l) as number);
      const K = classes.length;

      // Pass 2, over the cache: counts and statistics of the training rows.
      const counts = new Array<number>(K).fill(0);
      const trainCounts = new Array<number>(K).fill(0);
      for (const c of columns) c.trainCounts = new Array<number>(c.categories.length).fill(0);
      let trainRows = 0;
      for (const block of cache.readBlocks(blockRows)) {
        const { values } = block;
        for (let r = 0; r < block.rows; r++) {
          const at = r * width;
          const k = codeClass[values[at + F] as number] as number;
          counts[k] = (counts[k] as number) + 1;
          if (isTest !== null && isTest[block.first + r] === 1) continue;
          trainRows++;
          trainCounts[k] = (trainCounts[k] as number) + 1;
          for (let f = 0; f < F; f++) {
            const v = values[at + f] as number;
            if (Number.isNaN(v)) continue;
            const c = columns[f] as Column;
            if (c.oneHot) c.trainCounts[v] = (c.trainCounts[v] as number) + 1;
            else addValue(c, v);
          }
        }
      }
      if (trainRows === 0) throw new CliError(`${file}: no training rows; lower --test-size`);
      const options = { ...req.options };
      if (options.classWeight === 'balanced') {
        // partialFit sees one chunk and cannot count labels; this pass did, so 'balanced'
        // becomes its explicit weights: trainRows / (K · count of the class), as scikit-learn.
        const weights = new Map<Label, number>();
        classes.forEach((c, k) => {
          const n = trainCounts[k] as number;
          if (n === 0) {
            throw new CliError(`${file}: ${targetColumn}: class ${typeof c === 'string' ? quoted(c) : String(c)} has no training rows, so --class-weight balanced cannot weigh it; lower --test-size`);
          }
          weights.set(c, trainRows / (K * n));
        });
        options.classWeight = weights;
      }
      // The preprocessing from the training rows' statistics.
      const p: Preprocessing = { features: [...names], oneHot: record(), impute: null, standardize: null };
      const fills = record<number>();
      const fillCategories = record<string>();
      const mean: number[] = [];
      const scale: number[] = [];
      // Per one-hot column, each category code's position among its sorted categories.
      const positions: Int32Array[] = [];
      const modes: number[] = [];
      for (const c of columns) {
        if (c.oneHot) {
          const cats = [...c.categories].sort(compareLabels);
          if (cats.length === 0) throw new CliError(`${file}: column ${quoted(c.name)} (${c.index + 1}) has no values`);
          p.oneHot[c.name] = cats;
          const count = (cat: string) => c.trainCounts[c.codes.get(cat) as number] as number;
          let mode = cats[0] as string;
          for (const k of cats) if (count(k) > count(mode)) mode = k;
          fillCategories[c.name] = mode;
          const sorted = new Map(cats.map((cat, k) => [cat, k]));
          positions.push(Int32Array.from(c.categories, (cat) => sorted.get(cat) as number));
          modes.push(sorted.get(mode) as number);
          const seen = c.trainCounts.reduce((a, b) => a + b, 0);
          for (const k of cats) {
            // Indicator of category k over the training rows (missing cells take the mode).
            const share = (count(k) + (k === mode ? trainRows - seen : 0)) / trainRows;
            mean.push(share);
            const variance = share * (1 - share);
            scale.push(isNearConstant(variance, share, trainRows) ? 1 : Math.sqrt(variance));
          }
        } else {
          if (c.count === 0) throw new CliError(`${file}: column ${quoted(c.name)} (${c.index + 1}) has no values in the training rows`);
          const unit = 2 ** c.shift;
          const m = c.mean * unit;
          fills[c.name] = m;
          mean.push(m);
          // Mean-imputed rows add nothing to Σ(x − mean)², so the variance is m2 / trainRows;
          // a near-constant column is only centred, by StandardScaler's own test (on the
          // statistics times 2^−shift: the test is homogeneous).
          const variance = c.m2 / trainRows;
          scale.push(isNearConstant(variance, c.mean, trainRows) ? 1 : Math.sqrt(variance) * unit);
          positions.push(new Int32Array(0));
          modes.push(-1);
        }
      }
      if (req.request.impute !== null) p.impute = { strategy: req.request.impute, values: fills, categories: fillCategories };
      if (req.request.standardize) p.standardize = { mean, scale };
      const d = expandedFeatureNames(p).length;
      // The expanded column each feature starts at, and the file column of each expanded one (for messages).
      const offsets: number[] = [];
      const sourceOf: number[] = [];
      for (const [f, c] of columns.entries()) {
        offsets.push(sourceOf.length);
        const span = c.oneHot ? (p.oneHot[c.name] as string[]).length : 1;
        for (let k = 0; k < span; k++) sourceOf.push(columns[f]?.index as number);
      }
      // The per-feature plan as typed arrays, for the passes' inner loop.
      const oneHotAt = Uint8Array.from(columns, (c) => (c.oneHot ? 1 : 0));
      const anyOneHot = oneHotAt.includes(1);
      const fillAt = Float64Array.from(columns, (c) => (c.oneHot ? 0 : (fills[c.name] ?? Number.NaN)));
      const meanAt = Float64Array.from(mean);
      const scaleAt = Float64Array.from(scale);

      /**
       * The cached training (or held-out) rows, preprocessed, in pieces of at most `capacity`
       * rows: `values` (n × d, reused for the next piece) and each row's class index.
       */
      function* preprocessed(wantTest: boolean, capacity: number): Generator<{ values: Float64Array; classIndex: Int32Array; n: number }> {
        const buffer = new Float64Array(capacity * d);
        const classIndex = new Int32Array(capacity);
        let n = 0;
        for (const block of rawCache.readBlocks(blockRows)) {
          const { values } = block;
          for (let r = 0; r < block.rows; r++) {
            if ((isTest !== null && isTest[block.first + r] === 1) !== wantTest) continue;
            const at = r * width;
            const out = n * d;
            if (anyOneHot) buffer.fill(0, out, out + d);
            for (let f = 0; f < F; f++) {
              const v = values[at + f] as number;
              const offset = offsets[f] as number;
              if (oneHotAt[f] === 1) buffer[out + offset + (Number.isNaN(v) ? (modes[f] as number) : ((positions[f] as Int32Array)[v] as number))] = 1;
              else buffer[out + offset] = Number.isNaN(v) ? (fillAt[f] as number) : v;
            }
            if (p.standardize !== null) {
              for (let c = 0; c < d; c++) {
                const x = buffer[out + c] as number;
                const z = standardizeValue(x, meanAt[c] as number, scaleAt[c] as number);
                if (!Number.isFinite(z)) {
                  throw new CliError(
                    `${file}: row ${values[at + F + 1]}, ${describeColumn(head.header, sourceOf[c] as number)}: ${x} standardised with the mean ${mean[c]} and scale ${scale[c]} of the training rows is beyond float64's range`,
                  );
                }
                buffer[out + c] = z;
              }
            }
            classIndex[n] = codeClass[values[at + F] as number] as number;
            if (++n === capacity) {
              yield { values: buffer, classIndex, n };
              n = 0;
            }
          }
        }
        if (n > 0) yield { values: buffer, classIndex, n };
      }

      /** Labels for class indices: numbers in a Float64Array when every class is a number, else an array. */
      const numericClasses = classes.every((c) => typeof c === 'number');
      const labelsOf = (classIndex: Int32Array, n: number): ArrayLike<Label> => {
        if (numericClasses) {
          const y = new Float64Array(n);
          for (let i = 0; i < n; i++) y[i] = classes[classIndex[i] as number] as number;
          return y;
        }
        return Array.from(classIndex.subarray(0, n), (k) => classes[k] as Label);
      };

      // The training rows preprocessed once more into two temporary caches, X (n × d) and the
      // class indices, so every pass of the fit reads X straight into WebAssembly memory.
      const capacity = Math.max(1, Math.min(chunkRows, trainRows));
      const xWriter = await createRowCache(null, d, { label: '--stream cache' });
      const yWriter = await createRowCache(null, 1, { label: '--stream cache' }).catch((error: unknown) => {
        xWriter.abort();
        throw error;
      });
      let xCache: RowCache;
      let yCache: RowCache;
      try {
        const indices = new Float64Array(capacity);
        for (const { values, classIndex, n } of preprocessed(false, capacity)) {
          xWriter.append(values, n);
          for (let i = 0; i < n; i++) indices[i] = classIndex[i] as number;
          yWriter.append(indices, n);
        }
        xCache = await xWriter.finish(null);
        yCache = await yWriter.finish(null);
      } catch (error) {
        xWriter.abort();
        yWriter.abort();
        throw error;
      }
      prepared = { x: xCache, y: yCache };
      const ready = prepared;

      /** One pass over the training rows: chunks of `capacity` rows, X in WebAssembly memory, valid until the next chunk is asked for. */
      function* trainingPass(): Generator<StreamChunk> {
        const X = Matrix.alloc(capacity, d);
        try {
          const ys = ready.y.readBlocks(capacity);
          for (const block of ready.x.readBlocks(capacity, () => X.data)) {
            const labels = ys.next().value as { values: Float64Array; rows: number };
            const classIndex = Int32Array.from(labels.values.subarray(0, labels.rows));
            yield { X: block.rows === capacity ? X : Matrix.from(X.data.slice(0, block.rows * d), block.rows, d), y: labelsOf(classIndex, block.rows) };
          }
        } finally {
          X.dispose();
        }
      }

      const start = performance.now();
      const exact = options.solver !== undefined && options.solver !== 'sgd';
      const model = exact
        ? await fitChunks(new LogisticRegression({ ...options, onIteration: (info) => (req.progress?.update(info), options.onIteration?.(info)) }), trainingPass, { classes })
        : await fitStream(trainingPass, {
            ...options,
            classes,
            epochs: req.epochs,
            onEpoch: (info) => req.progress?.update({ iter: info.epoch, loss: info.loss }),
          });
      req.progress?.done();
      const fitMs = performance.now() - start;
      // Last pass: score the held-out rows (only labels and probabilities are kept).
      let test: Scores | null = null;
      const testRows = rows - trainRows;
      if (testRows > 0) {
        const all = new Float64Array(testRows * K);
        const testLabels: Label[] = [];
        for (const { values, classIndex, n } of preprocessed(true, Math.min(chunkRows, testRows))) {
          all.set(model.predictProba(Matrix.from(values.subarray(0, n * d), n, d)).data, testLabels.length * K);
          for (let i = 0; i < n; i++) testLabels.push(classes[classIndex[i] as number] as Label);
        }
        test = scoreProba(model.classes, testLabels, Matrix.from(all, testLabels.length, K));
      }
      return {
        model,
        preprocessing: p,
        rows,
        testRows,
        counts: model.classes.map((c) => counts[classOf.get(c) as number] as number),
        test,
        parseMs,
        fitMs,
        cache: keep === null ? null : { path: keep, reused },
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      };

    } finally {
      prepared?.x.remove();
      prepared?.y.remove();
      if (keep === null) rawCache.remove();
      else rawCache.close();
    }
  }
}

/**
 * The blocks of the first pass: a CSV file through the fast path (csv-numbers.ts), any
 * other table (a query, Parquet, Arrow, a pipe) through readTableChunks.
 */
async function* parsedBlocks(source: TableSource, target: string, progress: Progress | null): AsyncGenerator<NumberBlock> {
  if (source.format === 'csv' && source.query === null && !(await isPipe(source.file))) {
    yield* readCsvNumbers(source.file, { delimiter: source.delimiter, textColumn: target, chunkRows: PARSE_ROWS, onBytes: (read, total) => progress?.bytes(read, total) });
    return;
  }
  for await (const chunk of readTableChunks(source, PARSE_ROWS)) yield chunkBlock(chunk);
}

/**
 * Which rows are held out: trainTestSplitIndices' own draw for n rows (as `train` without
 * --stream makes it), as one byte per row; null when none are.
 */
function heldOut(file: string, n: number, testSize: number, seed: number): Uint8Array | null {
  if (testSize === 0) return null;
  if (Math.ceil(testSize * n) >= n) throw new CliError(`${file}: --test-size ${testSize} holds out all ${n} rows, leaving none to train on; lower --test-size`);
  let split;
  try {
    split = trainTestSplitIndices(n, { testSize, randomState: seed });
  } catch (error) {
    throw new CliError(`${file}: cannot split ${n} rows with --test-size ${testSize}: ${(error as Error).message.replace(/^trainTestSplit(Indices)?: /, '')}`);
  }
  const mask = new Uint8Array(n);
  for (const i of split.test) mask[i] = 1;
  return mask;
}

/** The file's identity a kept cache is checked against. */
async function sourceIdentity(file: string): Promise<CacheMeta['source']> {
  const info = await stat(file);
  return { path: resolve(file), size: info.size, mtimeMs: info.mtimeMs };
}

/** Whether a kept cache's meta is this file's, parsed as this run would parse it. */
function sameMeta(meta: unknown, source: CacheMeta['source'], parse: CacheMeta['parse']): boolean {
  const m = meta as Partial<CacheMeta> | null;
  return m !== null && typeof m === 'object' && m.version === META_VERSION && JSON.stringify(m.source) === JSON.stringify(source) && JSON.stringify(m.parse) === JSON.stringify(parse);
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
  if (a > c.limit) {
    const shift = Math.ceil(Math.log2(a)) - SHIFT_ABOVE;
    const factor = 2 ** (c.shift - shift);
    c.mean *= factor;
    c.m2 *= factor * factor;
    c.shift = shift;
    c.limit = 2 ** (SHIFT_ABOVE + shift);
    c.unit = 2 ** -shift;
  }
  const u = c.shift === 0 ? v : v * c.unit;
  c.count++;
  const delta = u - c.mean;
  c.mean += delta / c.count;
  c.m2 += delta * (u - c.mean);
}

function missing(file: string, block: NumberBlock, i: number, j: number): CliError {
  return new CliError(`${file}: row ${block.line(i)}, ${describeColumn(block.header, j)}: missing value; pass --impute mean to fill it`);
}
