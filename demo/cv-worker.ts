/**
 * The model insight's worker (see insight.ts): the work that would freeze the page if it
 * ran there, each request answered by messages.
 *
 * - `summary`: the statistical summary of an unpenalised run. The page's model came from
 *   another worker and holds no training data, so the fit is made again here with the
 *   run's settings on the run's training rows (the same data and settings give the same
 *   coefficients; the reply says how far they are from the run's), then
 *   `LogisticRegression#summary` gives the intervals and p-values.
 * - `validation`: the validation curve over C, one `crossValidate` (stratified k-fold) per
 *   C on the training rows, a `progress` message after each C. The page cancels by
 *   terminating the worker.
 * @module
 */
import { type CoefficientRow, CsrMatrix, crossValidate, LogisticRegression, type LogisticRegressionOptions, Matrix, type Scoring } from 'logreg-wasm';
import type { CsrArrays } from './data.js';

/** The fit options a request carries (the library's option names; never `threads` or callbacks). */
export type FitSettings = Pick<LogisticRegressionOptions, 'solver' | 'penalty' | 'C' | 'l1Ratio' | 'learningRate' | 'maxIter' | 'tol'>;

/** Dense training rows, row-major. */
export interface DenseRows {
  X: Float64Array;
  rows: number;
  cols: number;
  y: (number | string)[];
}

/** Sparse training rows (text features), as CSR arrays. */
export interface SparseRows {
  csr: CsrArrays;
  y: (number | string)[];
}

/** A request to the worker: a summary of an unpenalised run, or a validation curve over `Cs` (k stratified folds, scored by `scoring`). */
export type CvRequest =
  | ({ kind: 'summary'; runId: number; settings: FitSettings; featureNames: string[]; coef: Float64Array } & DenseRows)
  | ({ kind: 'validation'; runId: number; settings: FitSettings; Cs: number[]; folds: number; scoring: Scoring } & (DenseRows | SparseRows));

/** One equation of a summary: the class it models and its rows (const first). */
export interface SummaryReplyEquation {
  label: number | string;
  coefficients: CoefficientRow[];
}

/** The worker's answers: a summary (or why none), a validation curve's progress after each C, and its result (or why none). */
export type CvReply =
  | { kind: 'summary'; runId: number; ok: true; equations: SummaryReplyEquation[]; warnings: string[]; largestDifference: number }
  | { kind: 'summary'; runId: number; ok: false; message: string }
  | { kind: 'progress'; runId: number; done: number; total: number }
  | {
      kind: 'validation';
      runId: number;
      ok: true;
      Cs: number[];
      /** Per C, the folds' held-out scores and training scores. */
      test: number[][];
      train: number[][];
      /** Fits that stopped at the iteration limit, of all fits. */
      unconverged: number;
      fits: number;
      seconds: number;
    }
  | { kind: 'validation'; runId: number; ok: false; message: string };

declare const self: {
  postMessage(message: CvReply): void;
  addEventListener(type: 'message', handler: (event: { data: CvRequest }) => void): void;
};

const strip = (message: string): string => message.replace(/^LogisticRegression(CV)?(\.summary)?: /, '');

function summary(request: Extract<CvRequest, { kind: 'summary' }>): CvReply {
  const { runId } = request;
  const X = Matrix.from(request.X, request.rows, request.cols);
  const warnings: string[] = [];
  const model = new LogisticRegression({ ...request.settings, threads: 1, onWarning: () => {} });
  try {
    model.fit(X, request.y);
    const coef = model.coef.data;
    let largestDifference = 0;
    for (let i = 0; i < coef.length; i++) largestDifference = Math.max(largestDifference, Math.abs((coef[i] as number) - (request.coef[i] as number)));
    const result = model.summary({ featureNames: request.featureNames }).toJSON();
    warnings.push(...result.warnings);
    return {
      kind: 'summary',
      runId,
      ok: true,
      equations: result.equations.map((eq) => ({ label: eq.label as number | string, coefficients: eq.coefficients })),
      warnings,
      largestDifference,
    };
  } catch (error) {
    return { kind: 'summary', runId, ok: false, message: strip((error as Error).message) };
  } finally {
    model.dispose();
  }
}

function validation(request: Extract<CvRequest, { kind: 'validation' }>): CvReply {
  const { runId, Cs } = request;
  const X = 'csr' in request ? CsrMatrix.from(request.csr) : Matrix.from(request.X, request.rows, request.cols);
  const started = performance.now();
  const test: number[][] = [];
  const train: number[][] = [];
  let unconverged = 0;
  try {
    Cs.forEach((C, i) => {
      const estimator = new LogisticRegression({
        ...request.settings,
        C,
        threads: 1,
        onWarning: (message: string) => {
          if (/iteration|converge/i.test(message)) unconverged++;
        },
      });
      const result = crossValidate(estimator, X, request.y, { cv: request.folds, scoring: request.scoring, returnTrainScore: true, onWarning: null });
      test.push(Array.from(result.testScore));
      train.push(Array.from(result.trainScore ?? []));
      estimator.dispose();
      self.postMessage({ kind: 'progress', runId, done: i + 1, total: Cs.length });
    });
    return { kind: 'validation', runId, ok: true, Cs, test, train, unconverged, fits: Cs.length * request.folds, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    return { kind: 'validation', runId, ok: false, message: strip((error as Error).message) };
  } finally {
    if (X instanceof CsrMatrix) X.dispose();
  }
}

self.addEventListener('message', (event) => {
  const request = event.data;
  self.postMessage(request.kind === 'summary' ? summary(request) : validation(request));
});
