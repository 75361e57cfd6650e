/**
 * Where the optional `logreg-wasm/parquet` entry registers its reader of Spark ML model
 * directories, so that `LogisticRegression.fromSpark` in the core package needs no Parquet
 * reader of its own (the core keeps zero runtime dependencies; reading Spark's files needs
 * hyparquet and Node's file system). The relaxed-SIMD registry's pattern
 * (src/core/relaxed-registry.ts).
 * @module
 */
import type { LogisticRegression } from './logistic-regression.js';

/** Options of `LogisticRegression.fromSpark` (and `fromSpark` of `logreg-wasm/parquet`); every field is optional. */
export interface FromSparkOptions {
  /**
   * Load a model whose `threshold` (binomial, other than 0.5) or `thresholds` (not all
   * equal) make Spark's `prediction` differ from the most probable class. `predictProba`
   * is Spark's `probability` either way; `predict` then gives the most probable class, not
   * Spark's prediction (compare `predictProba`'s column 1 with the threshold for that).
   * Without it such a model is refused.
   * @default false
   */
  ignoreThresholds?: boolean | undefined;
}

/** Reads a Spark ML `LogisticRegressionModel` directory into a fitted model. */
export type SparkReader = (dir: string, options?: FromSparkOptions) => Promise<LogisticRegression<number>>;

let reader: SparkReader | null = null;

/** The entry that registers the reader when it is imported. */
const PARQUET_ENTRY = 'logreg-wasm/parquet';

/**
 * Makes `LogisticRegression.fromSpark` available. Called by the `logreg-wasm/parquet` entry
 * when it is imported; applications import that entry rather than call this. The first
 * registration wins.
 * @param read reads one model directory.
 */
export function registerSparkReader(read: SparkReader): void {
  reader ??= read;
}

/**
 * The registered reader; when none is, imports `logreg-wasm/parquet` once (which registers
 * it) and asks again.
 * @throws Error saying what to install when the entry or hyparquet cannot be loaded.
 */
export async function sparkReader(): Promise<SparkReader> {
  if (reader !== null) return reader;
  let cause: unknown;
  try {
    // A variable specifier and the ignore comments keep bundlers from resolving the
    // optional entry at build time: an application without it still builds.
    await import(/* @vite-ignore */ /* webpackIgnore: true */ PARQUET_ENTRY);
  } catch (error) {
    cause = error;
  }
  if (reader !== null) return reader;
  throw new Error(
    `LogisticRegression.fromSpark needs the optional entry '${PARQUET_ENTRY}', which reads Spark's Parquet files with hyparquet: npm install hyparquet, then import '${PARQUET_ENTRY}' once before calling fromSpark`,
    cause === undefined ? undefined : { cause },
  );
}
