/**
 * A long-running Python peer: one `/usr/bin/python3 SCRIPT` process for a whole bench section,
 * spoken to in JSON lines (one request per line on its stdin, one answer per line on its
 * stdout), so the interpreter's start-up and its imports (statsmodels, scikit-learn) are paid
 * once rather than per fit. The section's own peer class (inference/peers.ts,
 * model-selection/peers.ts) wraps one and gives the requests their types; the script ends
 * on `{"op": "quit"}` (bench/python_serve.py's `requests()`).
 * @module
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { PYTHON } from './python.js';

/**
 * A running peer script.
 * @example
 * ```ts
 * const peer = new PythonPeer(fileURLToPath(new URL('./python_cv.py', import.meta.url)));
 * try {
 *   const reply = await peer.ask<{ sha256: string }>({ op: 'load', ...set.files });
 * } finally {
 *   await peer.close();
 * }
 * ```
 */
export class PythonPeer {
  readonly #script: string;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: AsyncIterator<string>;
  /** All the script wrote to stderr, for the error when it ends early. */
  #stderr = '';

  /**
   * Starts `script` under {@link PYTHON} with this process's environment, its three streams
   * piped (stderr collected, not shown).
   * @param script - absolute path of the Python script.
   */
  constructor(script: string) {
    this.#script = basename(script);
    this.#child = spawn(PYTHON, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stderr.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString()));
    // A script that died leaves a closed pipe: a later write fails with EPIPE, which would
    // crash the process as an unhandled 'error' event; the reader's end reports the death.
    this.#child.stdin.on('error', () => {});
    this.#lines = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]();
  }

  /**
   * Sends `request` as one JSON line and parses the script's next line of output as the answer.
   * One request at a time: the answers are matched to requests by order alone.
   * @param request - the request; its `op` names it in the error.
   * @returns the parsed answer, typed as the caller says (not checked).
   * @throws Error when the script's output ends before the answer (the message holds the
   * script's name, the `op`, and everything it wrote to stderr); SyntaxError when the line
   * is not JSON.
   */
  async ask<T>(request: Record<string, unknown>): Promise<T> {
    this.#child.stdin.write(`${JSON.stringify(request)}\n`);
    const line = await this.#lines.next();
    if (line.done === true) throw new Error(`${this.#script} ended during '${String(request['op'])}':\n${this.#stderr}`);
    return JSON.parse(line.value) as T;
  }

  /** Sends `{"op": "quit"}`, closes the script's stdin and waits for it to exit; does nothing when it has already exited. */
  async close(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    this.#child.stdin.write(`${JSON.stringify({ op: 'quit' })}\n`);
    this.#child.stdin.end();
    await new Promise<void>((resolve) => {
      if (this.#child.exitCode !== null) resolve();
      else this.#child.on('exit', () => resolve());
    });
  }
}
