/**
 * The {@link NotFittedError} of the text classes, naming the class and how to fit it.
 * @module
 */
import { NotFittedError } from '../errors.js';

/**
 * A NotFittedError for `what` (a method or property) of an unfitted `estimator`.
 * @param fitCall - how to fit it, e.g. `'fit(docs)'`.
 * @example
 * ```ts
 * notFittedError('CountVectorizer.transform', 'CountVectorizer', 'fit(docs)').message;
 * // 'CountVectorizer.transform: this CountVectorizer is not fitted yet; call fit(docs) first'
 * ```
 */
export function notFittedError(what: string, estimator: string, fitCall: string): NotFittedError {
  const error = new NotFittedError(what);
  error.message = `${what}: this ${estimator} is not fitted yet; call ${fitCall} first`;
  return error;
}
