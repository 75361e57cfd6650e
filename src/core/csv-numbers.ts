/**
 * The CSV reader's fast path in the core (assembly/text/csv-numbers.ts): whole lines of
 * bytes in, one float64 per cell out — NaN for a cell that is not plain decimal notation,
 * which the caller reads from its text. The kernel stops before a line it does not read
 * (quotes, another width, a stray carriage return), so the caller can hand the rest of the
 * file to csv-parse. Used by the CLI's `train --stream` (src/cli/csv-numbers.ts). The CSV
 * core is a module of its own (assembly/text/index.ts), instantiated on first use, so the
 * library's cores do not carry it.
 * @module
 */
import { csvBytes } from './csv-bytes.generated.js';
import { exported } from './problem.js';

/** What the kernel needs to know about the lines. */
export interface CsvLineShape {
  /** The delimiter's byte (`,`, `;` or tab). */
  delimiter: number;
  /** Fields per line: the header's. */
  columns: number;
  /** Lines end in "\r\n" (else "\n"). */
  crlf: boolean;
  /** A column whose cells' byte ranges are returned for every row, or −1. */
  textColumn: number;
}

/** Why a read stopped. */
export type CsvStop = 'end' | 'line' | 'full';

/** One read: rows of values (copied out of the core's memory), where each row's line starts, and why it stopped. */
export interface CsvNumbersRead {
  rows: number;
  /** rows × columns values. */
  values: Float64Array;
  /** Byte offset of each row's line in the bytes read. */
  lineStarts: Uint32Array;
  /** Line feeds before each row's line in the bytes read (its line, counting from 0). */
  lineNumbers: Uint32Array;
  /** Per row, the text column's first byte and the byte after it (2 per row); empty without a text column. */
  textBounds: Uint32Array;
  /** Bytes consumed: the offset of the first line not read. */
  consumed: number;
  /** Line feeds consumed (rows and empty lines). */
  lines: number;
  stop: CsvStop;
}

interface Kernel {
  readonly memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): void;
  csvNumbers(
    src: number,
    length: number,
    delimiter: number,
    columns: number,
    crlf: boolean,
    textColumn: number,
    maxRows: number,
    values: number,
    lineStarts: number,
    lineNumbers: number,
    textBounds: number,
  ): number;
  csvStopOffset(): number;
  csvStopReason(): number;
  csvLinesRead(): number;
}

let instance: { kernel: Kernel; stops: Map<number, CsvStop> } | null = null;

/** The CSV core, instantiated on first use (synchronously, from the embedded bytes). */
function csvCore(): { kernel: Kernel; stops: Map<number, CsvStop> } {
  if (instance === null) {
    const abort = (): never => {
      throw new Error('logreg-wasm: the CSV core aborted');
    };
    const exports = new WebAssembly.Instance(new WebAssembly.Module(csvBytes() as BufferSource), { env: { abort } }).exports;
    instance = {
      kernel: exports as unknown as Kernel,
      stops: new Map<number, CsvStop>([
        [exported(exports, 'CSV_STOP_END'), 'end'],
        [exported(exports, 'CSV_STOP_LINE'), 'line'],
        [exported(exports, 'CSV_STOP_FULL'), 'full'],
      ]),
    };
  }
  return instance;
}

/**
 * Reads blocks of up to `blockBytes` bytes of whole lines with the core's fast path. Holds
 * one block of the core's memory for the input and the outputs until {@link dispose}.
 */
export class CsvNumbers {
  readonly #shape: CsvLineShape;
  readonly #blockBytes: number;
  readonly #maxRows: number;
  #ptr: number;

  /**
   * @param shape the lines' delimiter, width, line ending and text column.
   * @param blockBytes the most bytes one {@link read} takes.
   */
  constructor(shape: CsvLineShape, blockBytes: number) {
    this.#shape = shape;
    this.#blockBytes = blockBytes;
    // A line holds at least `columns` bytes (the delimiters and its line feed).
    this.#maxRows = Math.max(1, Math.floor(blockBytes / shape.columns) + 1);
    const bytes = blockBytes + this.#maxRows * (shape.columns * 8 + 16) + 64;
    this.#ptr = csvCore().kernel.alloc(bytes) >>> 0;
    if (this.#ptr === 0) throw new RangeError(`CsvNumbers: cannot allocate ${bytes} bytes for a block`);
  }

  /** The most bytes one read takes. */
  get blockBytes(): number {
    return this.#blockBytes;
  }

  /**
   * Reads the lines in `bytes` (at most `blockBytes`; ending after a line feed, or at the end
   * of the file). The outputs are copies: they stay valid after the next read.
   */
  read(bytes: Uint8Array): CsvNumbersRead {
    if (this.#ptr === 0) throw new Error('CsvNumbers: read after dispose()');
    if (bytes.length > this.#blockBytes) throw new RangeError(`CsvNumbers: ${bytes.length} bytes exceed the block of ${this.#blockBytes}`);
    const { delimiter, columns, crlf, textColumn } = this.#shape;
    const src = this.#ptr;
    const values = src + this.#blockBytes + ((8 - (this.#blockBytes % 8)) % 8);
    const lineStarts = values + this.#maxRows * columns * 8;
    const lineNumbers = lineStarts + this.#maxRows * 4;
    const textBounds = lineNumbers + this.#maxRows * 4;
    const { kernel, stops } = csvCore();
    new Uint8Array(kernel.memory.buffer, src, bytes.length).set(bytes);
    const rows = kernel.csvNumbers(src, bytes.length, delimiter, columns, crlf, textColumn, this.#maxRows, values, lineStarts, lineNumbers, textBounds);
    const buffer = kernel.memory.buffer;
    return {
      rows,
      values: new Float64Array(buffer.slice(values, values + rows * columns * 8)),
      lineStarts: new Uint32Array(buffer.slice(lineStarts, lineStarts + rows * 4)),
      lineNumbers: new Uint32Array(buffer.slice(lineNumbers, lineNumbers + rows * 4)),
      textBounds: textColumn < 0 ? new Uint32Array(0) : new Uint32Array(buffer.slice(textBounds, textBounds + rows * 8)),
      consumed: kernel.csvStopOffset(),
      lines: kernel.csvLinesRead(),
      stop: stops.get(kernel.csvStopReason()) as CsvStop,
    };
  }

  /** Frees the core's memory (idempotent). */
  dispose(): void {
    if (this.#ptr !== 0) csvCore().kernel.free(this.#ptr);
    this.#ptr = 0;
  }
}
