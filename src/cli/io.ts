/**
 * Where the CLI writes: two streams, and the report writer that escapes what it prints.
 * @module
 */
import { escapeControl } from './text.js';

/** Where the CLI writes text; a subset of a Node stream. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** Where the program writes; defaults to the process's streams. */
export interface Io {
  stdout: Output;
  stderr: Output;
}

/** Writes a text report: every line with its control characters escaped (paths and names are user data). */
export function writeReport(io: Io, text: string): void {
  io.stdout.write(text.split('\n').map(escapeControl).join('\n'));
}
