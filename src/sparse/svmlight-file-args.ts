/**
 * The argument checks of `loadSvmlightFile` and `dumpSvmlightFile` (src/node/), kept in the
 * main entry with the rest of the svmlight rules so that the Node entry holds only file I/O
 * and imports nothing but the main entry and `node:` modules.
 * @module
 */
import type { Dtype } from '../matrix.js';
import { describeKind } from '../validate/describe.js';
import { checkChoice, checkOptionNames } from '../validate/options.js';
import { type FormatSvmlightArgs, formatSvmlightChunks } from './svmlight-format.js';
import type { SvmlightOptions } from './svmlight.js';

/**
 * The checks of the Node entry's svmlight file functions.
 * @internal
 */
export const svmlightFileArgs = {
  /** `path` when it is a non-empty string or a URL (the caller converts a `file:` URL). */
  path(where: string, path: unknown): string | URL {
    if (path instanceof URL) return path;
    if (typeof path !== 'string') throw new TypeError(`${where}: path must be a string or a file: URL, got ${describeKind(path)}`);
    if (path === '') throw new RangeError(`${where}: path must not be empty`);
    return path;
  },

  /** loadSvmlightFile's options, split into the parser's and the dtype of X. */
  load(where: string, options: unknown): { parserOptions: SvmlightOptions; dtype: Dtype } {
    checkOptionNames(where, options as object, ['nFeatures', 'zeroBased', 'queryId', 'dtype']);
    const { dtype = 'float64', ...parserOptions } = options as SvmlightOptions & { dtype?: unknown };
    return { parserOptions, dtype: checkChoice(where, 'dtype', dtype, ['float64', 'float32'] as const) };
  },

  /** dumpSvmlightFile's arguments, checked, as the pieces of the text to write. */
  dump(where: string, X: FormatSvmlightArgs['X'], y: ArrayLike<number>, options: unknown): IterableIterator<string> {
    checkOptionNames(where, options as object, ['zeroBased', 'comment', 'queryId']);
    return formatSvmlightChunks({ X, y, ...(options as object) }, where);
  },
};
