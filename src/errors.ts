/**
 * Thrown when a method that needs a fitted model (`predict`, `coef`, …) is called
 * before `fit`, or after `dispose()`.
 *
 * @example
 * ```ts
 * try { new LogisticRegression().predict([[0, 1]]); }
 * catch (e) { if (e instanceof NotFittedError) console.log(e.message); }
 * ```
 */
export class NotFittedError extends Error {
  constructor(what: string) {
    super(`${what}: this LogisticRegression is not fitted yet; call fit(X, y) first`);
    this.name = 'NotFittedError';
  }
}
