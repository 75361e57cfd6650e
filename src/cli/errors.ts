/**
 * The CLI's two kinds of failure: bad input (exit code 1) and bad usage (exit code 2).
 * @module
 */

/** A problem with the user's files or data: one line on stderr, exit code 1. */
export class CliError extends Error {
  /** The process exit code for this error. */
  readonly exitCode: number = 1;
  override name = 'CliError';
}

/** A problem with the command line itself: the message and the usage, exit code 2. */
export class UsageError extends Error {
  /** The process exit code for this error. */
  readonly exitCode: number = 2;
  override name = 'UsageError';
  /**
   * @param message what was wrong, as one line.
   * @param command the subcommand whose usage to print, or null for the general usage.
   */
  constructor(
    message: string,
    readonly command: string | null = null,
  ) {
    super(message);
  }
}

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

/** What went wrong with a file, in words that name no path (Node's message may name a temporary file the user never asked for). */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  return (Object.hasOwn(FILE_ERRORS, code) ? FILE_ERRORS[code] : undefined) ?? (code === '' ? 'unknown error' : code);
}
