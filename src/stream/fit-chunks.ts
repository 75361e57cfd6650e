/**
 * The exact model over data that comes in chunks: {@link fitChunks} runs a full-batch solver
 * (lbfgs, owlqn or newton) whose every evaluation of the objective is one pass over the
 * chunks, each chunk's sums by the core's own passes (src/core/chunk-sums.ts) added in
 * chunk order. Memory holds one chunk at a time; the result is the optimum `fit` finds on
 * all the rows at once (up to the order of the sums), the same bits for any thread count.
 * Where {@link fitStream} makes SGD's approximate model in a few passes, this makes the
 * exact one in as many passes as the solver needs evaluations.
 * @module
 */
import { type ChunkProblem, chunkSums } from '../core/chunk-sums.js';
import { type FeatureMatrix, release, stageMatrix } from '../core/stage.js';
import { type LogisticRegression, adoptTrained } from '../estimator/logistic-regression.js';
import { classWeights } from '../estimator/scaling.js';
import { modeFor, storedValues, threadsForValues, trainHosted } from '../estimator/train.js';
import { describeKind } from '../validate/describe.js';
import { type EncodedLabels, type Label, encodeAgainst, encodeLabels } from '../validate/labels.js';
import { checkOptionNames } from '../validate/options.js';
import { FIT_WEIGHTS, readSampleWeight } from '../validate/weights.js';
import type { StreamChunk } from './fit-stream.js';

/** Options of {@link fitChunks}. */
export interface FitChunksOptions<L extends Label = Label> {
  /** Every label y can hold, as in `fitStream` (the model's classes, sorted as fit sorts them). */
  classes: ArrayLike<L>;
}

/** A fresh pass over the chunks each call. */
export type ChunkPasses<L extends Label = Label> = () => AsyncIterable<StreamChunk<L>> | Iterable<StreamChunk<L>>;

const WHERE = 'fitChunks';

/**
 * Fits `model` exactly over chunks of rows: a first pass counts the rows, checks the chunks
 * and sums the weights; then every evaluation of the objective (and for 'newton' every
 * Hessian-vector product) is one pass over the chunks. The model's options apply as in
 * `fit`, with solver 'lbfgs', 'owlqn' or 'newton' (one-vs-rest with more than two classes is
 * not available: one softmax problem is). The fit starts from zeros.
 * @param model the estimator to fit (a previous fit is replaced).
 * @param chunks a function returning a fresh pass over the chunks (`{ X, y, sampleWeight? }`,
 * X dense or CSR with the same columns in every chunk) each time it is called.
 * @param options `classes`, every label y can hold.
 * @returns a Promise of `model`, fitted.
 * @throws (the Promise rejects with) TypeError for arguments of the wrong kind; RangeError
 * for another solver, 'ovr' with more than two classes, a chunk whose columns differ from
 * the first's, a label not in `classes`, bad sample weights, no rows (naming the chunk).
 * A failed call leaves the model as it was.
 * @example
 * ```ts
 * const model = await fitChunks(new LogisticRegression({ C: 10 }), () => readChunks('big.csv'), { classes: [0, 1] });
 * ```
 */
export async function fitChunks<M extends LogisticRegression>(model: M, chunks: ChunkPasses, options: FitChunksOptions): Promise<M> {
  checkOptionNames(WHERE, options, ['classes']);
  if (typeof chunks !== 'function') throw new TypeError(`${WHERE}: chunks must be a function returning a fresh pass over the chunks, got ${describeKind(chunks)}`);
  const { solver, multiClass, fitIntercept } = model;
  if (solver !== 'lbfgs' && solver !== 'owlqn' && solver !== 'newton') {
    throw new RangeError(`${WHERE}: the exact fit over chunks runs solver 'lbfgs', 'owlqn' or 'newton' (fitStream runs 'sgd'); this model's solver is '${solver}'`);
  }
  const given = encodeLabels(options.classes, (options.classes as ArrayLike<unknown> | undefined)?.length ?? 0, 'classes');
  const classes = given.classes;
  if (classes.length < 2) throw new RangeError(`${WHERE}: classes has ${classes.length} label; at least two are needed`);
  const K = classes.length;
  const mode = modeFor(multiClass, K);
  if (mode === 'ovr') throw new RangeError(`${WHERE}: multiClass 'ovr' fits ${K} problems; fitChunks fits one softmax problem: use multiClass 'multinomial' (or 'auto')`);
  const blocks = mode === 'binary' ? 1 : K;

  // The first pass: shapes, labels, weights per class.
  let cols = -1;
  let rows = 0;
  let largest = 0;
  const counts = new Int32Array(K);
  const weightPerClass = new Float64Array(K);
  const checkColumns = (X: { cols: number }, index: number): void => {
    if (X.cols !== cols) throw new RangeError(`${WHERE}: chunk ${index} has ${X.cols} columns; the first chunk has ${cols}`);
  };
  await eachChunk(chunks, (X, labels, weights, index) => {
    if (cols === -1) cols = X.cols;
    checkColumns(X, index);
    rows += X.rows;
    largest = Math.max(largest, storedValues(X));
    labels.indices.forEach((k, i) => {
      counts[k]!++;
      weightPerClass[k]! += weights === null ? 1 : (weights[i] as number);
    });
  }, classes);
  if (rows === 0) throw new RangeError(`${WHERE}: the chunks hold no rows`);
  const perClass = classWeights(model.classWeight, { ...given, counts }, counts) ?? new Float64Array(K).fill(1);
  let weightSum = 0;
  for (let k = 0; k < K; k++) weightSum += (perClass[k] as number) * (weightPerClass[k] as number);
  // 'auto' threads as fit resolves them, judged on the largest chunk (each pass is per chunk).
  const threads = threadsForValues(model.threads, largest);

  // Every later pass must give the first pass's rows: S and the class weights were taken from them.
  const pass = async (visit: (chunk: ChunkProblem) => void): Promise<void> => {
    let seen = 0;
    await eachChunk(chunks, (X, labels, weights, index) => {
      checkColumns(X, index);
      seen += X.rows;
      // Plain loops: Float64Array.from with a mapping function costs several times as much per row.
      const n = labels.indices.length;
      const target = new Float64Array(n);
      const s = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const k = labels.indices[i] as number;
        target[i] = blocks === 1 ? (k === 1 ? 1 : 0) : k;
        s[i] = (weights === null ? 1 : (weights[i] as number)) * (perClass[k] as number);
      }
      visit({ X, target, weights: s, blocks, fitIntercept, threads });
    }, classes);
    if (seen !== rows) throw new RangeError(`${WHERE}: a pass over the chunks gave ${seen} rows; the first gave ${rows} (chunks() must give the same rows on every call)`);
  };
  const dataTerm = async (theta: Float64Array, gradient: Float64Array): Promise<number> => {
    let loss = 0;
    await pass((chunk) => {
      loss += chunkSums(chunk, theta, gradient);
    });
    return loss;
  };
  const hessianTerm = async (theta: Float64Array, v: Float64Array, out: Float64Array): Promise<void> => {
    await pass((chunk) => {
      chunkSums(chunk, theta, out, v);
    });
  };
  const trained = await trainHosted({ options: model, mode, classes: K, cols, weightSum, dataTerm, hessianTerm: solver === 'newton' ? hessianTerm : null });
  adoptTrained(model, trained, classes, mode, cols);
  return model;
}

/** Runs `visit` on every chunk of a fresh pass, X staged in the core (released after), y encoded against `classes`. */
async function eachChunk(
  chunks: ChunkPasses,
  visit: (X: ReturnType<typeof stageMatrix>, labels: EncodedLabels, weights: Float64Array | null, index: number) => void,
  classes: readonly Label[],
): Promise<void> {
  const source = chunks();
  if (source === null || typeof source !== 'object' || (!(Symbol.asyncIterator in source) && !(Symbol.iterator in source))) {
    throw new TypeError(`${WHERE}: chunks() must return an iterable or async iterable of chunks, got ${describeKind(source)}`);
  }
  let index = 0;
  for await (const chunk of source as AsyncIterable<StreamChunk>) {
    const where = `${WHERE}: chunk ${index}`;
    if (chunk === null || typeof chunk !== 'object') throw new TypeError(`${where} must be { X, y, sampleWeight? }, got ${describeKind(chunk)}`);
    const X = stageMatrix(chunk.X as FeatureMatrix, `${where}: X`);
    try {
      const labels = encodeAgainst(chunk.y, X.rows, classes, `${where}: y`);
      const given = chunk.sampleWeight ?? null;
      const weights = given === null ? null : readSampleWeight(given, X.rows, `${where}: sampleWeight`, FIT_WEIGHTS);
      visit(X, labels, weights, index);
    } finally {
      release(X);
    }
    index++;
  }
}
