/**
 * Training progress: a redrawn bar on a terminal, plain lines (about ten per fit) when
 * the output is a file or a pipe.
 * @module
 */
import type { IterationInfo } from '../index.js';
import type { Output } from './io.js';

/** Reports iterations to `out`; call `done()` after the fit. */
export class Progress {
  #last = 0;
  #drawn = false;
  #step: number;

  /**
   * @param out where to write (a TTY gets a bar).
   * @param total the most iterations (maxIter, or epochs for streaming).
   * @param unit what one step is called ('iteration' or 'epoch').
   */
  constructor(
    readonly out: Output,
    readonly total: number,
    readonly unit = 'iteration',
  ) {
    this.#step = Math.max(1, Math.ceil(total / 10));
  }

  /** Records one step. */
  update(info: Pick<IterationInfo, 'iter' | 'loss'> & { problem?: number }): void {
    const problem = info.problem ? ` (class ${info.problem + 1})` : '';
    if (this.out.isTTY) {
      const now = Date.now();
      if (now - this.#last < 50 && info.iter < this.total) return;
      this.#last = now;
      const width = 30;
      const filled = Math.min(width, Math.round((info.iter / this.total) * width));
      this.out.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.unit} ${info.iter}/${this.total}  loss ${info.loss.toPrecision(6)}${problem}\x1b[K`,
      );
      this.#drawn = true;
    } else if (info.iter === 1 || info.iter % this.#step === 0 || info.iter === this.total) {
      this.out.write(`${this.unit} ${info.iter}/${this.total}  loss ${info.loss.toPrecision(6)}${problem}\n`);
    }
  }

  /** Ends the bar's line (on a TTY). */
  done(): void {
    if (this.#drawn) this.out.write('\n');
    this.#drawn = false;
  }
}
