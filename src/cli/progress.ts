/**
 * Training progress: a redrawn bar on a terminal, plain lines (about ten per fit) when
 * the output is a file or a pipe.
 *
 * Besides iterations (or epochs) with their loss, a long `train --stream` run spends
 * most of its first minute or more reading the file, which an iteration count says
 * nothing about; so a phase can report bytes instead ({@link Progress.bytes}):
 * `reading data.csv: 123.4 MB of 384.0 MB (32 %), 95.2 MB/s, about 3 s left`. The rate is
 * the phase's average since it started (steadier than a recent window over a pass whose
 * chunks alternate parsing and training), and the time left is the bytes left at that rate.
 * @module
 */
import type { IterationInfo } from '../index.js';
import type { Output } from './io.js';
import { escapeControl } from './text.js';

/** Options of {@link Progress}. */
export interface ProgressOptions {
  /**
   * The clock, in ms (default `performance.now`); tests pass their own so the rate, the
   * time left and the redraw limits are deterministic.
   * @internal
   */
  now?: () => number;
}

/** Least time between two redraws of the iteration bar on a terminal, ms. */
const BAR_REDRAW_MS = 50;
/** Least time between two redraws of a byte phase on a terminal, ms. */
const BYTES_REDRAW_MS = 100;
/** A rate is shown once the phase has run this long (ms): before, it is noise. */
const RATE_AFTER_MS = 200;
/** The time left is shown once the phase has run this long (ms). */
const ETA_AFTER_MS = 1000;
/**
 * Not a terminal, total unknown: the first line after this long (ms), then each time the
 * phase's elapsed time has doubled, so an hour's pass writes about ten lines, not hundreds.
 */
const UNKNOWN_FIRST_LINE_MS = 5000;

/** Where a byte phase stands. */
interface BytePhase {
  /** When the phase started (the clock's ms). */
  readonly start: number;
  /** Bytes already read at `start`: a first report's, when the phase was not labelled (its time is unknown). */
  readonly startRead: number;
  read: number;
  total: number | null;
  /** Whether the latest state has not been shown yet (a skipped redraw or line). */
  pending: boolean;
  /** A terminal: whether the line shows the phase complete (drawn at once, then at the usual pace: a file may grow past its total). */
  drawnComplete: boolean;
  /** Not a terminal, known total: the next tenth (1 … 10) that writes a line. */
  nextTenth: number;
  /** Not a terminal, unknown total: the elapsed ms at which the next line is written. */
  nextLineAt: number;
}

/**
 * Reports iterations (`update`) and bytes read (`bytes`) to `out`; call `done()` after
 * the fit. A terminal gets one line redrawn in place per phase (ended when the next
 * phase begins), a file or pipe about ten plain lines per phase.
 */
export class Progress {
  #last = Number.NEGATIVE_INFINITY;
  #drawn = false;
  #step: number;
  readonly #now: () => number;
  /** The label of byte phases (`phase(label)`). */
  #label = 'reading';
  /** When `phase()` was last called and no bytes have been reported since. */
  #labelledAt: number | null = null;
  #bytes: BytePhase | null = null;

  /**
   * @param out where to write (a TTY gets a bar).
   * @param total the most iterations (maxIter, or epochs for streaming).
   * @param unit what one step is called ('iteration' or 'epoch').
   * @param options the clock (tests).
   */
  constructor(
    readonly out: Output,
    readonly total: number,
    readonly unit = 'iteration',
    options: ProgressOptions = {},
  ) {
    this.#step = Math.max(1, Math.ceil(total / 10));
    this.#now = options.now ?? (() => performance.now());
  }

  /**
   * Starts a phase named `label` (e.g. `reading data.csv`, `scoring held-out rows`): ends
   * the line of the phase before, and times the next {@link bytes} reports from now.
   */
  phase(label: string): void {
    this.#endPhase();
    this.#label = escapeControl(label);
    this.#labelledAt = this.#now();
  }

  /**
   * Records bytes read in the current phase: `read` so far, of `total` (null when unknown:
   * a pipe or a query). The rate counts from `phase()`, or, when the phase was not
   * labelled, from the first report (the bytes after it over the time since).
   */
  bytes(read: number, total: number | null): void {
    const now = this.#now();
    if (this.#bytes === null) {
      // An iteration bar still drawn belongs to the phase before.
      this.#endLine();
      const labelled = this.#labelledAt !== null;
      this.#bytes = { start: this.#labelledAt ?? now, startRead: labelled ? 0 : read, read, total, pending: true, drawnComplete: false, nextTenth: 1, nextLineAt: UNKNOWN_FIRST_LINE_MS };
      this.#labelledAt = null;
    }
    const phase = this.#bytes;
    phase.read = read;
    phase.total = total;
    phase.pending = true;
    const complete = total !== null && read >= total;
    const elapsed = now - phase.start;
    if (this.out.isTTY) {
      if (!(complete && !phase.drawnComplete) && now - this.#last < BYTES_REDRAW_MS) return;
      this.#last = now;
      phase.drawnComplete = complete;
      this.#draw(...this.#bytesText(phase, elapsed, complete));
      phase.pending = false;
    } else if (total !== null) {
      const tenth = complete ? 10 : Math.floor((10 * read) / total);
      if (tenth < phase.nextTenth) return;
      phase.nextTenth = tenth + 1;
      this.out.write(`${this.#bytesText(phase, elapsed, complete).join('')}\n`);
      phase.pending = false;
    } else if (elapsed >= phase.nextLineAt) {
      phase.nextLineAt = 2 * elapsed;
      this.out.write(`${this.#bytesText(phase, elapsed, false).join('')}\n`);
      phase.pending = false;
    }
  }

  /** Records one step. */
  update(info: Pick<IterationInfo, 'iter' | 'loss'> & { problem?: number }): void {
    this.#endPhase();
    this.#labelledAt = null;
    const problem = info.problem ? ` (class ${info.problem + 1})` : '';
    if (this.out.isTTY) {
      const now = this.#now();
      if (now - this.#last < BAR_REDRAW_MS && info.iter < this.total) return;
      this.#last = now;
      const width = 30;
      const filled = Math.min(width, Math.round((info.iter / this.total) * width));
      this.#draw('', `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.unit} ${info.iter}/${this.total}  loss ${info.loss.toPrecision(6)}${problem}`);
    } else if (info.iter === 1 || info.iter % this.#step === 0 || info.iter === this.total) {
      this.out.write(`${this.unit} ${info.iter}/${this.total}  loss ${info.loss.toPrecision(6)}${problem}\n`);
    }
  }

  /** Ends the bar's line (on a TTY), and a byte phase's with its last state. */
  done(): void {
    this.#endPhase();
    this.#endLine();
  }

  /**
   * Redraws the terminal's line: `label` then `figures`, cut to the terminal's width (a
   * line that wraps would be redrawn below itself): the label loses its start (a path
   * keeps its file name), the figures are cut only when no label fits.
   */
  #draw(label: string, figures: string): void {
    const columns = this.out.columns;
    let text = label + figures;
    if (columns !== undefined && columns >= 20 && text.length >= columns) {
      const room = columns - 1 - figures.length;
      text = room >= 8 ? `…${label.slice(label.length - (room - 1))}${figures}` : `${text.slice(0, columns - 2)}…`;
    }
    this.out.write(`\r${text}\x1b[K`);
    this.#drawn = true;
  }

  /** Ends a drawn line, so what follows starts on a line of its own. */
  #endLine(): void {
    if (this.#drawn) this.out.write('\n');
    this.#drawn = false;
  }

  /** Ends a byte phase: shows its last state if a redraw or a line skipped it, then ends the line. */
  #endPhase(): void {
    const phase = this.#bytes;
    if (phase === null) return;
    this.#bytes = null;
    if (phase.pending) {
      const text = this.#bytesText(phase, this.#now() - phase.start, true);
      if (this.out.isTTY) this.#draw(...text);
      else this.out.write(`${text.join('')}\n`);
    }
    this.#endLine();
    this.#last = Number.NEGATIVE_INFINITY;
  }

  /**
   * A byte phase's line, as its label and its figures: what was read, of what, the rate,
   * and the time left, or, when `final`, how long the phase took.
   */
  #bytesText(phase: BytePhase, elapsed: number, final: boolean): [label: string, figures: string] {
    const { read, total } = phase;
    const parts = [total === null ? `: ${formatBytes(read)}` : `: ${formatBytes(read)} of ${formatBytes(total)} (${percent(read, total)} %)`];
    const rate = elapsed >= RATE_AFTER_MS ? (read - phase.startRead) / (elapsed / 1000) : null;
    if (rate !== null && rate > 0) parts.push(`${formatBytes(rate)}/s`);
    if (final) parts.push(`in ${formatDuration(elapsed / 1000, true)}`);
    else if (total !== null && rate !== null && rate > 0 && elapsed >= ETA_AFTER_MS && read < total) {
      const left = (total - read) / rate;
      parts.push(left < 1 ? 'less than 1 s left' : `about ${formatDuration(left, false)} left`);
    }
    return [this.#label, parts.join(', ')];
  }
}

/** Bytes in decimal units: `512 B`, `12.3 kB`, `123.4 MB` (10⁶ bytes), `1.23 GB` (from 10⁹). */
export function formatBytes(bytes: number): string {
  // The thresholds sit where the smaller unit would round to 1000.0.
  if (bytes >= 999.95e6) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 999.95e3) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 999.5) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${Math.round(bytes)} B`;
}

/** Whole percent, rounded down (100 only when complete), within 0 … 100; an empty total is complete. */
function percent(read: number, total: number): number {
  if (total <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((100 * read) / total)));
}

/**
 * Seconds as `3 s`, `2 min 5 s`, `1 h 4 min`; `precise` gives tenths below 10 s (`0.4 s`),
 * for a phase's own duration, where rounding a short one to `0 s` would say nothing.
 */
export function formatDuration(seconds: number, precise: boolean): string {
  if (precise && seconds < 9.95) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}
