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

export { fileErrorReason } from '../node/file-errors.js';
