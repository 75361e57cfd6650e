/**
 * `logreg-wasm/node`: what needs Node's file system — reading and writing svmlight / LIBSVM
 * files, and {@link cacheChunks}, a chunk source read once into a cache on disk for the
 * passes of `fitStream` and `fitChunks`. A separate entry so that the main one stays free of `node:` imports and runs in
 * browsers; it uses the main entry's CsrMatrix, so the matrices it returns go straight to
 * `fit`.
 *
 * @example
 * ```ts
 * import { LogisticRegression } from 'logreg-wasm';
 * import { loadSvmlightFile } from 'logreg-wasm/node';
 * const { X, y } = await loadSvmlightFile('train.svm');
 * const model = new LogisticRegression().fit(X, y);
 * ```
 * @module
 */
export {
  dumpSvmlightFile,
  loadSvmlightFile,
  type DumpSvmlightFileOptions,
  type LoadSvmlightFileOptions,
  type SvmlightFileData,
} from './svmlight-file.js';
export { cacheChunks, type CacheChunksOptions, type CachedChunks } from './cache-chunks.js';
