/**
 * Node's error codes for file operations in words, for messages that name the file
 * themselves: the CLI's model files and `row-cache.ts`'s caches (train --stream's and
 * cacheChunks').
 * @module
 */

/** Node's error codes for file operations, in words. */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such directory',
  ENOTDIR: 'a parent is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large for the file system',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
};

/**
 * What went wrong with a file, in words that name no path (Node's message may name a
 * temporary file the user never asked for).
 * @param error what a `node:fs` call threw.
 * @returns the words for its `code` ('permission denied', …), the code itself when it has
 *   none, or 'unknown error' when there is no code.
 * @internal
 */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  return (Object.hasOwn(FILE_ERRORS, code) ? FILE_ERRORS[code] : undefined) ?? (code === '' ? 'unknown error' : code);
}
