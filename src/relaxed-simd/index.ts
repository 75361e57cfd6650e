/**
 * `logreg-wasm/relaxed-simd`: importing this entry makes `simd: 'relaxed'` available.
 *
 * It carries the core built with relaxed SIMD (fused multiply-add) and hands it to the
 * library; it exports nothing else. It is a separate entry so that the ~20 KB of that build
 * reach only the applications that ask for it.
 *
 * @example
 * ```ts
 * import { LogisticRegression, relaxedSimdAvailable } from 'logreg-wasm';
 * import 'logreg-wasm/relaxed-simd';
 * const simd = relaxedSimdAvailable() ? 'relaxed' : 'standard';
 * const model = new LogisticRegression({ simd }).fit(X, y);
 * ```
 * @module
 */
import { registerRelaxedSimd } from '../index.js';
import { relaxedBytes } from '../core/relaxed-bytes.generated.js';

registerRelaxedSimd(relaxedBytes);
