/**
 * Training on data that arrives in chunks: {@link fitStream} runs `partialFit` (mini-batch
 * SGD) over every chunk of an iterable, for a number of epochs, so memory holds one chunk
 * at a time. Library code: no Node-only imports.
 * @module
 */
import type { FeatureMatrix } from '../core/stage.js';
import type { Label } from '../validate/labels.js';
import { LogisticRegression } from '../estimator/logistic-regression.js';
import type { LogisticRegressionOptions } from '../estimator/options.js';

/** One chunk of rows for {@link fitStream}; `L` is the label type. */
export interface StreamChunk<L extends Label = Label> {
  /** The chunk's rows (n×d); d must be the same in every chunk. */
  X: FeatureMatrix;
  /** One label per row, each among `classes`. */
  y: ArrayLike<L>;
  /** Optional weight per row. */
  sampleWeight?: ArrayLike<number> | null;
}

/** What {@link FitStreamOptions.onEpoch} receives after each epoch. */
export interface EpochInfo {
  /** Epochs done so far, from 1. */
  epoch: number;
  /** Rows seen in this epoch. */
  rows: number;
  /** Chunks seen in this epoch. */
  chunks: number;
  /** The mean sample loss of this epoch (each chunk's loss weighted by its rows). */
  loss: number;
}

/** Options of {@link fitStream}: the estimator's options (solver 'sgd'), plus these. */
export interface FitStreamOptions<L extends Label = Label> extends LogisticRegressionOptions {
  /** Every label y can hold (required: a chunk need not contain every class). */
  classes: ArrayLike<L>;
  /**
   * Passes over the data; an integer ≥ 1. More than one needs `chunks` to be a function
   * that starts a fresh pass each time it is called.
   * @default 1
   */
  epochs?: number;
  /** Called after each epoch; return `false` to stop early. */
  onEpoch?: ((info: EpochInfo) => boolean | void) | null;
}

/** Chunks, or a function returning a fresh pass over them (for more than one epoch). */
export type ChunkSource<L extends Label = Label> =
  | AsyncIterable<StreamChunk<L>>
  | Iterable<StreamChunk<L>>
  | ((epoch: number) => AsyncIterable<StreamChunk<L>> | Iterable<StreamChunk<L>>);

/**
 * Fits a {@link LogisticRegression} with mini-batch SGD over chunks of rows: each chunk is
 * one `partialFit` call (one SGD epoch over the chunk, in mini-batches of `batchSize`),
 * and an epoch is one pass over all chunks. Memory is bounded by the largest chunk.
 *
 * Features are used as given: standardise them first (e.g. with statistics from a first
 * pass), as SGD with one learning rate for every feature needs comparable scales.
 *
 * @param chunks an async or sync iterable of {@link StreamChunk}s, or a function
 * `(epoch) => iterable` called once per epoch (required for `epochs` > 1).
 * @param options the estimator's options (`solver` must be absent or `'sgd'`), `classes`,
 * `epochs` and `onEpoch`.
 * @returns a promise of the fitted model, typed by the labels of `classes`.
 * @throws TypeError (rejects) for `epochs` > 1 with a one-shot iterable, or bad options;
 * RangeError for an epoch with no rows, a label not in `classes`, or any input
 * `partialFit` rejects (the message names the epoch and chunk).
 * @example
 * ```ts
 * const model = await fitStream((epoch) => readChunks('data.csv'), {
 *   classes: [0, 1], epochs: 5, learningRate: 0.05, randomState: 0,
 * });
 * ```
 */
export async function fitStream<L extends Label>(chunks: ChunkSource<L>, options: FitStreamOptions<L>): Promise<LogisticRegression<L>> {
  const { classes, epochs = 1, onEpoch = null, ...estimatorOptions } = options;
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`fitStream: epochs must be an integer ≥ 1, got ${String(epochs)}`);
  if (estimatorOptions.solver !== undefined && estimatorOptions.solver !== 'sgd') {
    throw new RangeError(`fitStream: trains with solver 'sgd'; got '${estimatorOptions.solver}'`);
  }
  if (epochs > 1 && typeof chunks !== 'function') {
    throw new TypeError('fitStream: epochs > 1 needs chunks as a function (epoch) => iterable, so each epoch starts a fresh pass');
  }
  let chunkLoss = Number.NaN;
  const userOnIteration = estimatorOptions.onIteration ?? null;
  const model = new LogisticRegression<L>({
    ...estimatorOptions,
    solver: 'sgd',
    onIteration: (info) => {
      chunkLoss = info.loss;
      return userOnIteration?.(info);
    },
  });
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const source = typeof chunks === 'function' ? chunks(epoch) : chunks;
    let rows = 0;
    let count = 0;
    let lossSum = 0;
    for await (const chunk of source as AsyncIterable<StreamChunk<L>>) {
      count++;
      if (chunk === null || typeof chunk !== 'object') throw new TypeError(`fitStream: epoch ${epoch}, chunk ${count} is not an object { X, y }`);
      const n = chunk.y?.length ?? 0;
      if (n === 0) continue;
      try {
        model.partialFit(chunk.X, chunk.y, { classes, sampleWeight: chunk.sampleWeight ?? null });
      } catch (error) {
        const e = error as Error;
        const wrapped = new (e instanceof TypeError ? TypeError : RangeError)(`fitStream: epoch ${epoch}, chunk ${count}: ${e.message}`, { cause: e });
        throw wrapped;
      }
      rows += n;
      lossSum += chunkLoss * n;
    }
    if (rows === 0) throw new RangeError(`fitStream: epoch ${epoch} had no rows`);
    if (onEpoch?.({ epoch, rows, chunks: count, loss: lossSum / rows }) === false) break;
  }
  return model;
}
