/**
 * The gradient-descent implementations the bench compares. Each one trains the same
 * model on the same data with the same update,
 *
 *   w ← w − lr · Xᵀ(σ(Xw + b) − y) / n,   b ← b − lr · mean(σ(Xw + b) − y),
 *
 * from w = 0, b = 0, for a given number of steps, and returns [w…, b]. Each keeps X in
 * its own storage, loaded from a {@link DataSource} — the bench's arrays in the main
 * process, the raw data files in a memory probe (see memory-probe.ts) — so the same
 * code is timed in the bench and measured for peak memory in a process of its own.
 * @module
 */
import os from 'node:os';
import {
  type Dtype,
  LogisticRegression,
  type LogisticRegressionOptions,
  Matrix,
  gradientDescentBaseline,
  relaxedSimdAvailable,
  terminateWorkers,
} from '../src/index.js';
import '../src/relaxed-simd/index.js';

/** The data as an implementation loads it. */
export interface DataSource {
  readonly rows: number;
  readonly cols: number;
  readonly y: Float64Array;
  /** X (row-major float64) when it is already in JS memory; an implementation may use it without copying. */
  readonly array: Float64Array | null;
  /** Copies X into `target` (length rows·cols). */
  readInto(target: Float64Array): void;
  /** Passes X chunk by chunk, with the index of each chunk's first value. */
  stream(sink: (values: Float64Array, first: number) => void): void;
}

/** A loaded implementation: `fit` trains from zero for `steps` steps and returns [w…, b]. */
export interface Runner {
  fit(steps: number): Float64Array;
  dispose(): void;
}

export type ImplKey = 'js' | 'wasm' | 'wasm-f32' | 'wasm-threads' | 'wasm-relaxed' | 'ml' | 'tfjs';

export interface Impl {
  readonly key: ImplKey;
  readonly label: string;
  /** Bytes per value of X in this implementation's storage (what one pass reads). */
  readonly bytesPerValue: number;
  /** Largest accepted max|Δ| / max|w| against WASM f64 1 thread after the same steps; 0 = bit-identical. */
  readonly tolerance: number;
  /** Slow peers run fewer steps per timed fit (see the shapes in index.ts). */
  readonly slow: boolean;
  /** Why this host cannot run the row (it is then skipped with that notice), or null. */
  unavailable?(): string | null;
  prepare(source: DataSource, learningRate: number): Promise<Runner>;
}

export const LEARNING_RATE = 0.01;

/** Threads for the "all threads" rows: every core Node reports. */
export const ALL_THREADS = os.availableParallelism();

// ---------------------------------------------------------------------------------------
// logreg-wasm

function wasmOptions(learningRate: number, steps: number, extra: Record<string, unknown>): LogisticRegressionOptions {
  return { solver: 'gd', penalty: 'none', learningRate, maxIter: steps, tol: 0, onWarning: null, ...extra } as LogisticRegressionOptions;
}

function paramsOf(model: LogisticRegression): Float64Array {
  const coef = model.coef.data;
  const out = new Float64Array(coef.length + 1);
  out.set(coef);
  out[coef.length] = model.intercept[0]!;
  return out;
}

/** X in WebAssembly memory (`Matrix.alloc`), which `fit` reads in place. */
function loadWasm(source: DataSource): Matrix {
  const X = Matrix.alloc(source.rows, source.cols);
  source.readInto(X.data);
  return X;
}

/**
 * X as float32 in WebAssembly memory (`Matrix.alloc` with dtype 'float32'), which a
 * `dtype: 'float32'` fit reads in place; converted chunk by chunk as it is read, so no
 * float64 copy of X is ever held.
 */
function loadWasm32(source: DataSource): Matrix<'float32'> {
  const X = Matrix.alloc(source.rows, source.cols, { dtype: 'float32' });
  source.stream((values, first) => X.data.set(values, first));
  return X;
}

function wasmRunner(X: Matrix<Dtype>, y: Float64Array, learningRate: number, extra: Record<string, unknown>, ownsX: boolean): Runner {
  return {
    fit(steps) {
      const model = new LogisticRegression(wasmOptions(learningRate, steps, extra));
      try {
        return paramsOf(model.fit(X, y));
      } finally {
        model.dispose();
      }
    },
    dispose() {
      if (ownsX) X.dispose();
    },
  };
}

// ---------------------------------------------------------------------------------------
// Implementations

export const IMPLS: readonly Impl[] = [
  {
    key: 'js',
    label: 'plain-JS baseline',
    bytesPerValue: 8,
    tolerance: 1e-9,
    slow: false,
    async prepare(source, learningRate) {
      const x = source.array ?? new Float64Array(source.rows * source.cols);
      if (source.array === null) source.readInto(x);
      const X = Matrix.from(x, source.rows, source.cols);
      return {
        fit(steps) {
          const { weights, bias } = gradientDescentBaseline(X, source.y, { learningRate, maxIter: steps });
          const out = new Float64Array(weights.length + 1);
          out.set(weights);
          out[weights.length] = bias;
          return out;
        },
        dispose() {},
      };
    },
  },
  {
    key: 'wasm',
    label: 'WASM f64, 1 thread',
    bytesPerValue: 8,
    tolerance: 0,
    slow: false,
    async prepare(source, learningRate) {
      return wasmRunner(loadWasm(source), source.y, learningRate, { threads: 1 }, true);
    },
  },
  {
    key: 'wasm-f32',
    label: 'WASM f32, 1 thread',
    bytesPerValue: 4,
    tolerance: 1e-4,
    slow: false,
    async prepare(source, learningRate) {
      // As the f64 rows load X into a float64 Matrix.alloc, this one loads it into a float32
      // one, which fit with dtype 'float32' reads in place: 4 bytes per value, no copy per fit.
      return wasmRunner(loadWasm32(source), source.y, learningRate, { threads: 1, dtype: 'float32' }, true);
    },
  },
  {
    key: 'wasm-threads',
    label: `WASM f64, ${ALL_THREADS} threads`,
    bytesPerValue: 8,
    tolerance: 0,
    slow: false,
    async prepare(source, learningRate) {
      const inner = wasmRunner(loadWasm(source), source.y, learningRate, { threads: ALL_THREADS }, true);
      return {
        fit: inner.fit,
        dispose() {
          inner.dispose();
          terminateWorkers(); // idle workers must not share the cores with the next rows
        },
      };
    },
  },
  {
    key: 'wasm-relaxed',
    label: 'WASM f64 relaxed SIMD, 1 thread',
    bytesPerValue: 8,
    // Fused multiply-adds round once where the default core rounds twice.
    tolerance: 1e-9,
    slow: false,
    unavailable: () =>
      relaxedSimdAvailable() ? null : 'this Node has no relaxed SIMD; npm run bench passes --experimental-wasm-relaxed-simd, which Node 20 needs',
    async prepare(source, learningRate) {
      // The relaxed core has a memory of its own: fit copies X into it once per call.
      return wasmRunner(loadWasm(source), source.y, learningRate, { threads: 1, simd: 'relaxed' }, true);
    },
  },
  {
    key: 'ml',
    label: 'ml-logistic-regression',
    bytesPerValue: 8,
    tolerance: 1e-9,
    slow: true,
    async prepare(source, learningRate) {
      // ml-logistic-regression 2.0.0 (src/logreg_2classes.js) trains one binary model with
      //   weights ← weights + learningRate · Xᵀ(y − σ(X·weightsᵀ))
      // per step: no intercept and no 1/n. Its public LogisticRegression class wraps this in
      // one-vs-all and, for two classes, trains two such models (twice the work), so the bench
      // drives the two-class model directly. Two changes make its update ours exactly:
      //   - X gets a column of ones, whose weight is our bias b (its update is then
      //     b ← b + lr_ml · Σ(y − σ) = b − lr · mean(σ − y));
      //   - lr_ml = lr / n, so lr_ml · Xᵀ(y − σ) = −lr · Xᵀ(σ − y) / n.
      // The agreement check below confirms its weights equal ours to rounding.
      const [{ Matrix: MlMatrix }, { default: TwoClasses }] = await Promise.all([
        import('ml-matrix'),
        import('ml-logistic-regression/src/logreg_2classes.js'),
      ]);
      const { rows, cols } = source;
      const features = new MlMatrix(rows, cols + 1);
      source.stream((values, first) => {
        for (let k = 0; k < values.length; k++) {
          const at = first + k;
          features.set(Math.floor(at / cols), at % cols, values[k]!);
        }
      });
      for (let i = 0; i < rows; i++) features.set(i, cols, 1);
      const target = MlMatrix.columnVector(Array.from(source.y));
      return {
        fit(steps) {
          const model = new TwoClasses({ numSteps: steps, learningRate: learningRate / rows });
          model.train(features, target);
          return Float64Array.from(model.weights!.to1DArray());
        },
        dispose() {},
      };
    },
  },
  {
    key: 'tfjs',
    label: 'TensorFlow.js (tfjs-backend-wasm)',
    bytesPerValue: 4,
    // float32 throughout: its sums over millions of rows drift by ~1e-3 of the tiny early weights.
    tolerance: 1e-2,
    slow: false,
    async prepare(source, learningRate) {
      const tf = await loadTf();
      const { rows, cols } = source;
      // TensorFlow.js computes in float32: X is converted once, here.
      const x32 = new Float32Array(rows * cols);
      source.stream((values, first) => x32.set(values, first));
      const X = tf.tensor2d(x32, [rows, cols]);
      const y = tf.tensor2d(Float32Array.from(source.y), [rows, 1]);
      return {
        fit(steps) {
          let w = tf.zeros([cols, 1]);
          let b = tf.scalar(0);
          for (let s = 0; s < steps; s++) {
            // Per step: matMul, sigmoid, matMul (Xᵀr), the same update as ours.
            const [nextW, nextB] = tf.tidy(() => {
              const r = tf.sub(tf.sigmoid(tf.add(tf.matMul(X, w), b)), y);
              const gradient = tf.matMul(X, r, true, false);
              return [tf.sub(w, tf.mul(gradient, learningRate / rows)), tf.sub(b, tf.mul(tf.mean(r), learningRate))];
            });
            w.dispose();
            b.dispose();
            w = nextW!;
            b = nextB!;
          }
          const out = new Float64Array(cols + 1);
          out.set(w.dataSync());
          out[cols] = b.dataSync()[0]!;
          w.dispose();
          b.dispose();
          return out;
        },
        dispose() {
          X.dispose();
          y.dispose();
        },
      };
    },
  },
];

type Tf = typeof import('@tensorflow/tfjs-core');
let tfReady: Promise<Tf> | null = null;

/** TensorFlow.js with the wasm backend; its .wasm is read from node_modules (no network). */
export function loadTf(): Promise<Tf> {
  tfReady ??= (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) throw new Error("TensorFlow.js: setBackend('wasm') failed");
    await tf.ready();
    return tf;
  })();
  return tfReady;
}

/** What the tfjs wasm backend runs with (threads, SIMD), for the report. */
export async function tfDescription(): Promise<string> {
  const tf = await loadTf();
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `tfjs-core ${tf.version_core}, backend '${tf.getBackend()}' (SIMD ${simd ? 'on' : 'off'}, multithreading ${threads ? 'on' : 'off'}, ${wasm.getThreadsCount()} thread(s)), float32`;
}
