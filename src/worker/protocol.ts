/**
 * Messages between {@link fitInWorker} and the worker entry (`entry.ts`, `entry-node.ts`).
 * Everything here survives structured cloning: no functions, no class instances other than
 * typed arrays and Maps.
 * @module
 */
import type { IterationInfo, Label, LogisticRegressionOptions } from '../index.js';

/** Estimator options that can cross to a worker (the callbacks stay on the calling side). */
export type WorkerParams = Omit<LogisticRegressionOptions, 'onIteration' | 'onWarning'>;

/** X as sent: a flat row-major copy of a Matrix, copies of a CsrMatrix's arrays, or the caller's rows as given. */
export type WorkerX =
  | { readonly kind: 'matrix'; readonly data: Float64Array | Float32Array; readonly rows: number; readonly cols: number }
  | {
      readonly kind: 'csr';
      readonly rows: number;
      readonly cols: number;
      readonly indptr: Int32Array;
      readonly indices: Int32Array;
      readonly values: Float64Array | Float32Array;
    }
  | { readonly kind: 'rows'; readonly rows: ArrayLike<ArrayLike<number>> };

export interface FitRequest {
  readonly type: 'fit';
  readonly X: WorkerX;
  readonly y: ArrayLike<Label>;
  readonly params: WorkerParams;
  readonly sampleWeight: ArrayLike<number> | null;
  /** Least time between two progress messages, in ms. */
  readonly progressInterval: number;
  /** Whether the caller wants warnings forwarded. */
  readonly warnings: boolean;
  /**
   * Whether the caller follows progress. Only then does the worker report each iteration:
   * reporting makes the solvers evaluate the loss every iteration, which gradient descent
   * otherwise skips.
   */
  readonly progress: boolean;
}

export type WorkerReply =
  | ({ readonly type: 'progress' } & IterationInfo)
  | { readonly type: 'warning'; readonly message: string }
  | {
      readonly type: 'done';
      /** `model.toJSON()`. */
      readonly model: unknown;
      readonly fitTime: number;
      /** The most threads a pass of the fit ran on (see FitInWorkerResult.threads). */
      readonly threads: number;
      readonly lossHistory: Float64Array;
    }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly stack: string | undefined };
