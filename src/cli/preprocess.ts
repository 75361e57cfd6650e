/**
 * The preprocessing the CLI fits on training rows and saves in the model file, so
 * `predict` and `evaluate` apply exactly the same steps: choosing and ordering the feature
 * columns, imputing missing numbers (mean or median of the training rows), one-hot
 * encoding categorical columns (categories from the training file), and standardising
 * (mean and population standard deviation of the training rows, as StandardScaler).
 * @module
 */
import { Matrix, StandardScaler, type Label } from '../index.js';
import { describeColumn, type CsvChunk } from './csv.js';
import { CliError } from './errors.js';

/** Cells read as missing values. */
export const MISSING = new Set(['', 'na', 'nan', 'null', 'none', '?']);

/** Whether a cell is a missing value (empty, NA, NaN, null, None or ?; any case). */
export function isMissing(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase());
}

/** How missing values are filled. */
export type ImputeStrategy = 'mean' | 'median';

/** The saved preprocessing: everything `transform` needs, as plain JSON. */
export interface Preprocessing {
  /** Input columns used as features, in model order (one-hot columns expand in place). */
  features: string[];
  /** For each one-hot column, its categories in sorted order (one indicator each). */
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
    const cats = p.oneHot[f];
    if (cats === undefined) names.push(f);
    else for (const c of cats) names.push(`${f}=${c}`);
  }
  return names;
}

/**
 * The index of each named column in a header.
 * @throws CliError naming the file and the first column that is not there.
 */
export function columnIndices(file: string, header: readonly string[], names: readonly string[], role: string): number[] {
  return names.map((name) => {
    const j = header.indexOf(name);
    if (j < 0) {
      const shown = header.slice(0, 8).map((h) => `'${h}'`).join(', ');
      const more = header.length > 8 ? `, … (${header.length} in all)` : '';
      throw new CliError(`${file}: no ${role} column '${name}'; the columns are ${shown}${more}`);
    }
    return j;
  });
}

/**
 * Parses a numeric cell. Returns NaN for a missing value.
 * @throws CliError naming file, row and column for text that is not a finite number.
 */
export function parseNumber(file: string, chunk: CsvChunk, i: number, j: number): number {
  const cell = (chunk.rows[i] as string[])[j] as string;
  if (isMissing(cell)) return Number.NaN;
  const text = cell.trim();
  const value = Number(text);
  if (!Number.isFinite(value) || /^0[xob]/i.test(text)) {
    throw new CliError(
      `${file}: row ${chunk.lines[i]}, ${describeColumn(chunk.header, j)}: ${JSON.stringify(cell)} is not a number` +
        ' (use --one-hot for a categorical column)',
    );
  }
  return value;
}

function missingError(file: string, chunk: CsvChunk, i: number, j: number): CliError {
  return new CliError(
    `${file}: row ${chunk.lines[i]}, ${describeColumn(chunk.header, j)}: missing value; pass --impute mean or --impute median to fill it`,
  );
}

/**
 * Reads the target column as labels: numbers when every cell is a number, else text.
 * @throws CliError for a missing target value (naming file, row and column).
 */
export function readLabels(file: string, chunk: CsvChunk, target: number): Label[] {
  const cells = chunk.rows.map((row, i) => {
    const cell = (row[target] as string).trim();
    if (isMissing(cell)) {
      throw new CliError(`${file}: row ${chunk.lines[i]}, ${describeColumn(chunk.header, target)}: the target value is missing`);
    }
    return cell;
  });
  const numeric = cells.every((c) => c !== '' && Number.isFinite(Number(c)));
  return numeric ? cells.map(Number) : cells;
}

/** Converts labels read from a new file to the kind (number or text) of the model's classes. */
export function alignLabels(labels: Label[], classes: readonly Label[]): Label[] {
  if (classes.length > 0 && typeof classes[0] === 'string') return labels.map(String);
  return labels;
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 === 1 ? (values[m] as number) : ((values[m - 1] as number) + (values[m] as number)) / 2;
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
  const indices = columnIndices(file, table.header, features, 'feature');
  const oneHot: Record<string, string[]> = {};
  const values: Record<string, number> = {};
  const categories: Record<string, string> = {};
  features.forEach((name, k) => {
    const j = indices[k] as number;
    if (request.oneHot.includes(name)) {
      const counts = new Map<string, number>();
      table.rows.forEach((row, i) => {
        const cell = (row[j] as string).trim();
        if (isMissing(cell)) {
          if (request.impute === null) throw missingError(file, table, i, j);
          return;
        }
        counts.set(cell, (counts.get(cell) ?? 0) + 1);
      });
      if (counts.size === 0) throw new CliError(`${file}: ${describeColumn(table.header, j)} has no values`);
      oneHot[name] = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (request.impute !== null) {
        let best = '';
        let bestCount = -1;
        for (const c of oneHot[name]) {
          if ((counts.get(c) as number) > bestCount) [best, bestCount] = [c, counts.get(c) as number];
        }
        categories[name] = best;
      }
    } else {
      const seen: number[] = [];
      table.rows.forEach((_, i) => {
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
      values[name] = request.impute === 'mean' ? seen.reduce((a, b) => a + b, 0) / seen.length : median(seen);
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

/**
 * Applies saved preprocessing to rows of a table (all rows when `rows` is absent).
 * @returns an n×d {@link Matrix}, d the number of expanded features.
 * @throws CliError naming file, row and column for a missing feature column, a
 * non-numeric cell, a missing value without imputation, or an unknown category.
 */
export function transform(file: string, table: CsvChunk, p: Preprocessing, rows?: readonly number[]): Matrix {
  const indices = columnIndices(file, table.header, p.features, 'feature');
  const order = rows ?? table.rows.map((_, i) => i);
  const d = expandedFeatureNames(p).length;
  const out = new Float64Array(order.length * d);
  order.forEach((i, r) => {
    const row = table.rows[i] as string[];
    let k = r * d;
    p.features.forEach((name, f) => {
      const j = indices[f] as number;
      const cats = p.oneHot[name];
      if (cats !== undefined) {
        let cell = (row[j] as string).trim();
        if (isMissing(cell)) {
          const fill = p.impute?.categories[name];
          if (fill === undefined) throw missingError(file, table, i, j);
          cell = fill;
        }
        const c = cats.indexOf(cell);
        if (c < 0) {
          throw new CliError(
            `${file}: row ${table.lines[i]}, ${describeColumn(table.header, j)}: unknown category ${JSON.stringify(cell)}; the model knows ${cats.map((x) => JSON.stringify(x)).join(', ')}`,
          );
        }
        out[k + c] = 1;
        k += cats.length;
      } else {
        let v = parseNumber(file, table, i, j);
        if (Number.isNaN(v)) {
          const fill = p.impute?.values[name];
          if (fill === undefined) throw missingError(file, table, i, j);
          v = fill;
        }
        out[k++] = v;
      }
    });
  });
  if (p.standardize !== null) {
    const { mean, scale } = p.standardize;
    for (let r = 0; r < order.length; r++) {
      for (let c = 0; c < d; c++) out[r * d + c] = ((out[r * d + c] as number) - (mean[c] as number)) / (scale[c] as number);
    }
  }
  return Matrix.from(out, order.length, d);
}
