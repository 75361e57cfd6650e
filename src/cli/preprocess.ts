/**
 * The preprocessing the CLI fits on training rows and saves in the model file, so
 * `predict` and `evaluate` apply exactly the same steps: choosing and ordering the feature
 * columns, imputing missing numbers (mean or median of the training rows), one-hot
 * encoding categorical columns (categories from the training file), and standardising
 * (mean and population standard deviation of the training rows, as StandardScaler).
 * @module
 */
import { Matrix, StandardScaler, type Label } from '../index.js';
// StandardScaler's own (x − mean) / scale, safe where x − mean alone overflows; a pure
// function, so the CLI bundle takes just it and still shares the library's classes.
import { standardizeValue } from '../preprocessing/standard-scaler.js';
// numpy's order (by code point), as the estimator sorts classes and OneHotEncoder categories.
import { compareLabels } from '../validate/labels.js';
import { cellString, describeColumn, type Cell, type CsvChunk } from './csv.js';
import { cellNumber, isInfiniteCell, isMissing, isNumberCell, toLabel, toLabels } from './csv-rules.js';
import { CliError, UsageError } from './errors.js';
import { listShort, nearest, quoted, quotedCell } from './text.js';

/**
 * An empty record without a prototype. Column names and categories are user data and may
 * be `__proto__`, `constructor` or `toString`: as keys of a plain `{}` they would read or
 * replace Object.prototype's members.
 */
export function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `r[key]` when `r` has its own such key, else undefined (never a prototype's member). */
export function own<T>(r: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(r, key) ? r[key] : undefined;
}

/** How missing values are filled. */
export type ImputeStrategy = 'mean' | 'median';

/** The saved preprocessing: everything `transform` needs, as plain JSON. */
export interface Preprocessing {
  /** Input columns used as features, in model order (one-hot columns expand in place). */
  features: string[];
  /** For each one-hot column, its categories in code-point order, as numpy sorts them (one indicator each). */
  oneHot: Record<string, string[]>;
  /**
   * Missing-value filling, or null when missing values are errors: the fill value of each
   * numeric column, and the most frequent category of each one-hot column.
   */
  impute: { strategy: ImputeStrategy; values: Record<string, number>; categories: Record<string, string> } | null;
  /** Standardisation of the expanded feature vector (mean, scale), or null. */
  standardize: { mean: number[]; scale: number[] } | null;
}

/** What the user asked for on the command line. */
export interface PreprocessingRequest {
  features: string[];
  oneHot: string[];
  impute: ImputeStrategy | null;
  standardize: boolean;
}

/** Names of the model's input columns after one-hot expansion: `color=red` per category. */
export function expandedFeatureNames(p: Preprocessing): string[] {
  const names: string[] = [];
  for (const f of p.features) {
    const cats = own(p.oneHot, f);
    if (cats === undefined) names.push(f);
    else for (const c of cats) names.push(`${f}=${c}`);
  }
  return names;
}

/** Headers of at most this many columns are listed whole in messages. */
const LIST_ALL_COLUMNS = 20;

/**
 * The index of each named column, looked up in the file's column Map (so the cost is
 * linear in the number of names, whatever the header's width).
 * @throws CliError naming the file and the first column that is not there, with the
 * nearest column name and the columns (all of them when there are few).
 */
export function columnIndices(file: string, table: Pick<CsvChunk, 'header' | 'columns'>, names: readonly string[], role: string): number[] {
  return names.map((name) => {
    const j = table.columns.get(name);
    if (j === undefined) {
      const { header } = table;
      const near = nearest(name, header);
      const hint = near === null ? '' : ` (did you mean ${quoted(near)}?)`;
      const shown = listShort(header, header.length <= LIST_ALL_COLUMNS ? LIST_ALL_COLUMNS : 8);
      throw new CliError(`${file}: no ${role} column ${quoted(name)}${hint}; the columns are ${shown}`);
    }
    return j;
  });
}

/**
 * The feature columns of a `train` run, one rule for the in-memory and the streaming path:
 * the columns given, or every column but the target when none are.
 * @throws UsageError when the features name the target (it would be learnt from itself) or
 * repeat a column, or when a `--one-hot` column is not among the features; CliError
 * (through {@link columnIndices}) for a named column the file does not have.
 */
export function selectFeatures(
  file: string,
  table: Pick<CsvChunk, 'header' | 'columns'>,
  target: string,
  given: readonly string[],
  oneHot: readonly string[],
): string[] {
  const features = given.length > 0 ? [...given] : table.header.filter((h) => h !== target);
  const seen = new Set<string>();
  for (const f of features) {
    if (f === target) throw new UsageError(`--features must not include the target column ${quoted(target)}`, 'train');
    if (seen.has(f)) throw new UsageError(`--features names the column ${quoted(f)} twice`, 'train');
    seen.add(f);
  }
  columnIndices(file, table, features, 'feature');
  for (const c of oneHot) {
    if (seen.has(c)) continue;
    columnIndices(file, table, [c], 'one-hot');
    throw new UsageError(
      c === target ? `--one-hot column ${quoted(c)} is the target, not a feature` : `--one-hot column ${quoted(c)} is not among the features`,
      'train',
    );
  }
  if (features.length === 0) throw new CliError(`${file}: no feature columns besides the target ${quoted(target)}`);
  return features;
}

/**
 * Parses a numeric cell. Returns NaN for a missing value.
 * @throws CliError naming file, row and column for text that is not a finite number.
 */
export function parseNumber(file: string, chunk: CsvChunk, i: number, j: number): number {
  const cell = (chunk.rows[i] as Cell[])[j] as Cell;
  // A typed source's finite number, exactly what its text would parse to.
  if (typeof cell === 'number') return cell;
  return parseNumberText(file, cell, chunk.lines[i] as number, chunk.header, j);
}

/** {@link parseNumber} for a cell's text, on row `line` of column `j`. */
export function parseNumberText(file: string, cell: string, line: number, header: readonly string[], j: number): number {
  if (isMissing(cell)) return Number.NaN;
  const value = cellNumber(cell.trim());
  if (value === null && isInfiniteCell(cell.trim())) {
    throw new CliError(`${file}: row ${line}, ${describeColumn(header, j)}: ${quotedCell(cell)} is not a finite number; features must be finite`);
  }
  if (value === null) {
    throw new CliError(`${file}: row ${line}, ${describeColumn(header, j)}: ${quotedCell(cell)} is not a number` + ' (use --one-hot for a categorical column)');
  }
  return value;
}

function missingError(file: string, chunk: CsvChunk, i: number, j: number): CliError {
  return new CliError(
    `${file}: row ${chunk.lines[i]}, ${describeColumn(chunk.header, j)}: missing value; pass --impute mean or --impute median to fill it`,
  );
}

/**
 * Reads the target column as labels (csv-rules.ts's {@link toLabels}).
 * @throws CliError for a missing target value (naming file, row and column).
 */
export function readLabels(file: string, chunk: CsvChunk, target: number): Label[] {
  return toLabels(targetCells(file, chunk, target));
}

/** The target column's cells. @throws CliError for a missing value (naming file, row and column). */
function targetCells(file: string, chunk: CsvChunk, target: number): string[] {
  return chunk.rows.map((row, i) => {
    const cell = cellString(row[target] as Cell);
    if (isMissing(cell)) {
      throw new CliError(`${file}: row ${chunk.lines[i]}, ${describeColumn(chunk.header, target)}: the target value is missing`);
    }
    return cell;
  });
}

/**
 * Reads the target column of a file for a fitted model: each cell as a label of the kind
 * of the model's classes, decided by the classes rather than by the file (a file whose
 * cells are all numbers may still hold the text class '1.0'; a cell that is not of the
 * classes' kind stays text and is then reported as not a class).
 * @throws CliError for a missing target value.
 */
export function readLabelsFor(file: string, chunk: CsvChunk, target: number, classes: readonly Label[]): Label[] {
  const numeric = classes.length > 0 && typeof classes[0] === 'number';
  return targetCells(file, chunk, target).map((cell) => (numeric && isNumberCell(cell) ? toLabel(cell, true) : cell.trim()));
}

/** The most classes `train` accepts by default (`--max-classes`). */
export const MAX_CLASSES = 100;

/**
 * Checks that the target's distinct labels are classes: at least two; integers when they
 * are numbers (scikit-learn's type_of_target calls a float target with non-integer values
 * "continuous", and the estimator refuses it as the same rule); at most `maxClasses`
 * (thousands of distinct values are an ID or a measurement, whose report would hold a
 * confusion matrix of millions of cells).
 * @throws CliError naming the column and what it looks like.
 */
export function checkClasses(file: string, column: string, classes: readonly Label[], rows: number, maxClasses: number): void {
  if (classes.length < 2) {
    const only = classes[0];
    throw new CliError(
      `${file}: ${column} has one class (${typeof only === 'string' ? quotedCell(only) : String(only)}); at least two are needed`,
    );
  }
  const fraction = classes.find((c) => typeof c === 'number' && !Number.isInteger(c));
  if (fraction !== undefined) {
    throw new CliError(
      `${file}: ${column} holds non-integer numbers (such as ${String(fraction)}): it looks like a continuous column (a regression target), not class labels`,
    );
  }
  if (classes.length > maxClasses) {
    const all = classes.length === rows ? `, one per row` : '';
    throw new CliError(
      `${file}: ${column} has ${classes.length} distinct values in ${rows} rows${all}: it looks like an ID or a continuous column, not class labels` +
        ` (train accepts up to ${maxClasses} classes; raise the limit with --max-classes N)`,
    );
  }
}

/** The mean; for values whose sum overflows float64, the sum of value / n (finite, as the mean is). */
function mean(values: readonly number[]): number {
  const n = values.length;
  const sum = values.reduce((a, b) => a + b, 0);
  return Number.isFinite(sum) ? sum / n : values.reduce((a, b) => a + b / n, 0);
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  if (values.length % 2 === 1) return values[m] as number;
  const [a, b] = [values[m - 1] as number, values[m] as number];
  return Number.isFinite(a + b) ? (a + b) / 2 : a / 2 + b / 2;
}

/**
 * Fits the preprocessing on the rows `train` of a table (all rows are used for the
 * one-hot categories, so a category seen only in the test rows still has its column).
 * @throws CliError for non-numeric cells, missing values without an impute strategy, or a
 * column with no values at all among the training rows.
 */
export function fitPreprocessing(
  file: string,
  table: CsvChunk,
  train: readonly number[],
  request: PreprocessingRequest,
): Preprocessing {
  const { features } = request;
  const indices = columnIndices(file, table, features, 'feature');
  const oneHotColumns = new Set(request.oneHot);
  const oneHot = record<string[]>();
  const values = record<number>();
  const categories = record<string>();
  features.forEach((name, k) => {
    const j = indices[k] as number;
    if (oneHotColumns.has(name)) {
      const counts = new Map<string, number>();
      table.rows.forEach((row, i) => {
        const cell = cellString(row[j] as Cell).trim();
        if (isMissing(cell)) {
          if (request.impute === null) throw missingError(file, table, i, j);
          return;
        }
        counts.set(cell, (counts.get(cell) ?? 0) + 1);
      });
      if (counts.size === 0) throw new CliError(`${file}: ${describeColumn(table.header, j)} has no values`);
      const sorted = [...counts.keys()].sort(compareLabels);
      oneHot[name] = sorted;
      if (request.impute !== null) {
        let best = '';
        let bestCount = -1;
        for (const c of sorted) {
          if ((counts.get(c) as number) > bestCount) [best, bestCount] = [c, counts.get(c) as number];
        }
        categories[name] = best;
      }
    } else {
      const seen: number[] = [];
      table.rows.forEach((row, i) => {
        if (typeof row[j] === 'number') return;
        const v = parseNumber(file, table, i, j);
        if (Number.isNaN(v) && request.impute === null) throw missingError(file, table, i, j);
      });
      if (request.impute === null) return;
      for (const i of train) {
        const v = parseNumber(file, table, i, j);
        if (!Number.isNaN(v)) seen.push(v);
      }
      if (seen.length === 0) {
        throw new CliError(`${file}: ${describeColumn(table.header, j)} has no values in the training rows to impute from`);
      }
      values[name] = request.impute === 'mean' ? mean(seen) : median(seen);
    }
  });
  const p: Preprocessing = {
    features: [...features],
    oneHot,
    impute: request.impute === null ? null : { strategy: request.impute, values, categories },
    standardize: null,
  };
  if (request.standardize) {
    const X = transform(file, table, p, train);
    const scaler = new StandardScaler().fit(X);
    p.standardize = { mean: Array.from(scaler.mean as Float64Array), scale: Array.from(scaler.scale as Float64Array) };
  }
  return p;
}

/** A compiled {@link transform}: applies one preprocessing to rows of chunks of one file. */
export type Transformer = (chunk: CsvChunk, rows?: readonly number[]) => Matrix;

/**
 * Compiles saved preprocessing for a file's header: the column of each feature and a Map
 * from each one-hot column's categories to their indicator, looked up once, so applying
 * it costs O(1) per cell however many columns and categories there are.
 * @throws CliError naming the file and a feature column it lacks.
 */
export function transformer(file: string, table: Pick<CsvChunk, 'header' | 'columns'>, p: Preprocessing): Transformer {
  const indices = columnIndices(file, table, p.features, 'feature');
  const d = expandedFeatureNames(p).length;
  const columns = p.features.map((name, f) => {
    const cats = own(p.oneHot, name);
    return {
      j: indices[f] as number,
      cats: cats ?? null,
      position: cats === undefined ? null : new Map(cats.map((c, k) => [c, k])),
      fillCategory: p.impute === null ? undefined : own(p.impute.categories, name),
      fillValue: p.impute === null ? undefined : own(p.impute.values, name),
    };
  });
  // The file column of each expanded feature (for messages).
  const sourceOf = columns.flatMap(({ j, cats }) => (cats === null ? [j] : cats.map(() => j)));
  return (chunk, rows) => {
    const order = rows ?? chunk.rows.map((_, i) => i);
    const out = allocate(file, p, order.length, d);
    order.forEach((i, r) => {
      const row = chunk.rows[i] as Cell[];
      let k = r * d;
      for (const { j, cats, position, fillCategory, fillValue } of columns) {
        if (cats !== null && position !== null) {
          let cell = cellString(row[j] as Cell).trim();
          if (isMissing(cell)) {
            if (fillCategory === undefined) throw missingError(file, chunk, i, j);
            cell = fillCategory;
          }
          const c = position.get(cell);
          if (c === undefined) {
            throw new CliError(
              `${file}: row ${chunk.lines[i]}, ${describeColumn(chunk.header, j)}: unknown category ${quotedCell(cell)}; the model knows ${listShort(cats, 20, quotedCell)}`,
            );
          }
          out[k + c] = 1;
          k += cats.length;
        } else {
          const cell = row[j];
          // A typed source's number is its value; text is parsed (and checked) by parseNumber.
          let v = typeof cell === 'number' ? cell : parseNumber(file, chunk, i, j);
          if (Number.isNaN(v)) {
            if (fillValue === undefined) throw missingError(file, chunk, i, j);
            v = fillValue;
          }
          out[k++] = v;
        }
      }
    });
    if (p.standardize !== null) {
      const { mean, scale } = p.standardize;
      for (let r = 0; r < order.length; r++) {
        for (let c = 0; c < d; c++) {
          const x = out[r * d + c] as number;
          const z = standardizeValue(x, mean[c] as number, scale[c] as number);
          if (!Number.isFinite(z)) {
            // A value far outside the training range over a tiny scale: (x − mean) / scale passes float64's range.
            const i = order[r] as number;
            throw new CliError(
              `${file}: row ${chunk.lines[i]}, ${describeColumn(chunk.header, sourceOf[c] as number)}: ${x} standardised with the model's mean ${mean[c]} and scale ${scale[c]} is beyond float64's range`,
            );
          }
          out[r * d + c] = z;
        }
      }
    }
    return Matrix.from(out, order.length, d);
  };
}

/**
 * The n×d values of a transformed table.
 * @throws CliError saying how large it is and why (the widest one-hot column), when it
 * cannot be allocated, rather than the engine's "Invalid typed array length".
 */
function allocate(file: string, p: Preprocessing, n: number, d: number): Float64Array {
  try {
    return new Float64Array(n * d);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    let widest: [string, number] | null = null;
    for (const f of p.features) {
      const k = own(p.oneHot, f)?.length ?? 0;
      if (k > (widest?.[1] ?? 0)) widest = [f, k];
    }
    const why = widest === null ? '' : ` (--one-hot ${quoted(widest[0])} alone gives ${widest[1]} columns)`;
    throw new CliError(
      `${file}: ${n} rows × ${d} features${why} is ${(n * d * 8 / 2 ** 30).toFixed(1)} GiB of float64, more than can be held in memory`,
    );
  }
}

/**
 * Applies saved preprocessing to rows of a table (all rows when `rows` is absent).
 * @returns an n×d {@link Matrix}, d the number of expanded features.
 * @throws CliError naming file, row and column for a missing feature column, a
 * non-numeric cell, a missing value without imputation, or an unknown category.
 */
export function transform(file: string, table: CsvChunk, p: Preprocessing, rows?: readonly number[]): Matrix {
  return transformer(file, table, p)(table, rows);
}
