/**
 * What one finished run is, as every part of the page that shows results reads it: the
 * views, the model insight, the run history and the race are each given a
 * {@link FinishedRun} (or `null` when there is none to show) and draw from it alone.
 * @module
 */
import type { LogisticRegression } from 'logreg-wasm';
import type { PreparedData, PreparedText } from './data.js';

/** The model settings the form gives the estimator (the library's option names). */
export interface ModelSettings {
  solver: 'gd' | 'lbfgs' | 'newton' | 'newton-cd' | 'owlqn';
  penalty: 'none' | 'l2' | 'l1' | 'elasticnet';
  /** Only with a penalty, l1Ratio only with elastic net, learningRate only for gd: the library warns about an option it ignores. */
  C?: number;
  l1Ratio?: number;
  learningRate?: number;
  maxIter: number;
  tol: number;
  /** Threads of the fit (1: the worker's own thread only). */
  threads: number;
}

/** How a finished fit should be read. */
export type Outcome = 'ok' | 'warning' | 'diverged';

/** One finished run: its data, settings, model and how the fit went. */
export interface FinishedRun {
  /** 1, 2, … in the order runs finished on this page. */
  id: number;
  /** Numeric data (dense), or labelled text turned into features. */
  data: PreparedData | PreparedText;
  settings: ModelSettings;
  /** The fitted model; owned by the page, disposed when the next run starts (copy what you keep). */
  model: LogisticRegression;
  /** Milliseconds `fit` took in the worker. */
  fitTime: number;
  /**
   * The threads the fit's passes ran on, as fitInWorker counted them: fewer than
   * `settings.threads` without cross-origin isolation, or for data of fewer row chunks
   * (2,048 rows each) than threads.
   */
  threads: number;
  /** The loss of every iteration, in order (for one-vs-rest, the problems one after the other). */
  lossHistory: Float64Array;
  /** The library's warnings, and the page's own when the fit diverged. */
  warnings: readonly string[];
  outcome: Outcome;
  /** Test-set metrics as the tiles show them; NaN when not defined (e.g. a single class in the test rows), with the reason in `undefinedBecause`. */
  metrics: { accuracy: number; logLoss: number; rocAuc: number; undefinedBecause: { logLoss?: string; rocAuc?: string } };
  /** The form's settings when the run started, as the URL carries them (see url-state.ts). */
  query: string;
}
