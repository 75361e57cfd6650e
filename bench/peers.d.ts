/** Types for the one peer module the bench imports by path (the package ships none for it). */
declare module 'ml-logistic-regression/src/logreg_2classes.js' {
  import type { Matrix } from 'ml-matrix';

  /** ml-logistic-regression's binary model: gradient ascent on the log-likelihood, no intercept. */
  export default class LogisticRegressionTwoClasses {
    constructor(options?: { numSteps?: number; learningRate?: number; weights?: Matrix | null });
    weights: Matrix | null;
    train(features: Matrix, target: Matrix): void;
  }
}
