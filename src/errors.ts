/**
 * Thrown when a method that needs a fitted model (`predict`, `coef`, `transform`, …) is
 * called before `fit`, or after `dispose()`.
 *
 * @example
 * ```ts
 * try { new LogisticRegression().predict([[0, 1]]); }
 * catch (e) { if (e instanceof NotFittedError) console.log(e.message); }
 * ```
 */
export class NotFittedError extends Error {
  /**
   * @param what - the method or property called, e.g. `'predict'`.
   * @param estimator - the class, as the message names it.
   * @param fitCall - how to fit it, as the message says.
   */
  constructor(what: string, estimator = 'LogisticRegression', fitCall = 'fit(X, y)') {
    super(`${what}: this ${estimator} is not fitted yet; call ${fitCall} first`);
    this.name = 'NotFittedError';
  }
}
