/**
 * Cross-validation splitters equal to scikit-learn 1.2's: for the same `randomState`
 * they return the same train and test indices as Python.
 *
 * @example
 * ```ts
 * import { StratifiedKFold } from 'logreg-wasm';
 * const folds = new StratifiedKFold({ nSplits: 5, shuffle: true, randomState: 0 }).split(X, y);
 * ```
 *
 * @packageDocumentation
 */

export { KFold } from './k-fold.js';
export { GroupKFold, type GroupKFoldOptions } from './group-k-fold.js';
export { StratifiedKFold, type StratifiedKFoldOptions } from './stratified-k-fold.js';
export { ShuffleSplit } from './shuffle-split.js';
export { StratifiedShuffleSplit } from './stratified-shuffle-split.js';
export { type ShuffleSplitOptions } from './shuffle-split-options.js';
export { type KFoldOptions } from './k-fold-options.js';
export { type Fold, type SplitSamples } from './fold.js';
