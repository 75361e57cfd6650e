/**
 * The typed view of the core's problem record: the one description of the problem a
 * solver minimises, kept in WebAssembly memory where the worker threads read it too.
 *
 * The record's layout belongs to the core (assembly/objective/record.ts): this module
 * reads each field's byte offset from the core's exports, and a field's type from where
 * it lies (u32 below `PROBLEM_REALS`, f64 from there to `PROBLEM_INPUTS_END`), so no
 * offset, size or code is written on this side. The core derives everything else
 * (scratch buffers, the float32 arithmetic) in `prepareProblem`.
 * @module
 */
import type { Dtype } from '../matrix.js';
import type { Core, CoreExports } from './runtime.js';

/** What the view needs of a core's exports (a raw instance's exports serve too, e.g. in tools/). */
export type RecordExports = Pick<CoreExports, 'memory' | 'problemAddress'> & Record<string, unknown>;

/** The inputs of one problem, as {@link ProblemRecord.write} takes them. */
export interface ProblemFields {
  /** Byte offset of X's values (dense: rows × cols, row-major; sparse: the stored values). */
  readonly x: number;
  /** How X's values are stored. */
  readonly dtype: Dtype;
  /** Sparse X: byte offsets of its row starts and column indices; null for dense X. */
  readonly sparse: { readonly indptr: number; readonly indices: number } | null;
  /** Byte offset of `rows` float64 targets (0/1, or class indices when blocks ≥ 2). */
  readonly y: number;
  /** Byte offset of `rows` float64 sample weights, or 0 for ones. */
  readonly weights: number;
  readonly rows: number;
  readonly cols: number;
  /** 1 for a binary problem, K for a K-class softmax. */
  readonly blocks: number;
  readonly fitIntercept: boolean;
  /** Σsᵢ (rows without weights). */
  readonly weightSum: number;
  /** Coefficient of ½‖w‖² in the scaled objective. */
  readonly l2: number;
  /** Coefficient of ‖w‖₁ in the scaled objective. */
  readonly l1: number;
}

/** The value of an exported WebAssembly global (the core's constants). */
export function exported(exports: Record<string, unknown>, name: string): number {
  const value = exports[name];
  if (!(value instanceof WebAssembly.Global)) throw new Error(`logreg-wasm: the core does not export ${name}`);
  return value.value as number;
}

/** Per storage and dtype, the name of the core's constant for that layout of X. */
const LAYOUTS: Record<'dense' | 'sparse', Record<Dtype, string>> = {
  dense: { float64: 'LAYOUT_DENSE_F64', float32: 'LAYOUT_DENSE_F32' },
  sparse: { float64: 'LAYOUT_CSR_F64', float32: 'LAYOUT_CSR_F32' },
};

/** Each input field and the name of the core's export holding its offset. */
const FIELDS = {
  x: 'PROBLEM_X',
  layout: 'PROBLEM_LAYOUT',
  indptr: 'PROBLEM_INDPTR',
  indices: 'PROBLEM_INDICES',
  y: 'PROBLEM_Y',
  weights: 'PROBLEM_WEIGHTS',
  rows: 'PROBLEM_ROWS',
  cols: 'PROBLEM_COLS',
  blocks: 'PROBLEM_BLOCKS',
  fitIntercept: 'PROBLEM_FIT_INTERCEPT',
  work: 'PROBLEM_WORK',
  weightSum: 'PROBLEM_WEIGHT_SUM',
  l2: 'PROBLEM_L2',
  l1: 'PROBLEM_L1',
} as const;

type Field = keyof typeof FIELDS;

/** A core's problem record, written through named fields at the offsets the core exports. */
export class ProblemRecord {
  readonly #exports: RecordExports;
  /** Byte offset of the record. */
  readonly #address: number;
  readonly #layouts: Record<'dense' | 'sparse', Record<Dtype, number>>;
  readonly #offset: Record<Field, number>;
  /** Offsets from here on hold f64 values, below it u32. */
  readonly #reals: number;

  constructor(core: RecordExports) {
    this.#exports = core;
    this.#address = core.problemAddress() >>> 0;
    const layout = (names: Record<Dtype, string>): Record<Dtype, number> => ({ float64: exported(core, names.float64), float32: exported(core, names.float32) });
    this.#layouts = { dense: layout(LAYOUTS.dense), sparse: layout(LAYOUTS.sparse) };
    this.#reals = exported(core, 'PROBLEM_REALS');
    const end = exported(core, 'PROBLEM_INPUTS_END');
    const offset = {} as Record<Field, number>;
    for (const field of Object.keys(FIELDS) as Field[]) {
      offset[field] = exported(core, FIELDS[field]);
      if (!(offset[field] < end)) throw new Error(`logreg-wasm: the core's ${FIELDS[field]} lies outside its record's inputs`);
    }
    this.#offset = offset;
  }

  /** Writes the problem's inputs (the scratch block comes later, through {@link ProblemRecord.setWork}). */
  write(fields: ProblemFields): void {
    const view = new DataView(this.#exports.memory.buffer, this.#address);
    const { dtype, fitIntercept, sparse, ...numbers } = fields;
    const values: Record<Field, number> = {
      ...numbers,
      layout: this.#layouts[sparse === null ? 'dense' : 'sparse'][dtype],
      indptr: sparse?.indptr ?? 0,
      indices: sparse?.indices ?? 0,
      fitIntercept: fitIntercept ? 1 : 0,
      work: 0,
    };
    for (const field of Object.keys(FIELDS) as Field[]) this.#set(view, field, values[field]);
  }

  /** Names the scratch block (of the core's `workLength(solver)` float64 values) the next solve carves. */
  setWork(ptr: number): void {
    this.#set(new DataView(this.#exports.memory.buffer, this.#address), 'work', ptr);
  }

  #set(view: DataView, field: Field, value: number): void {
    const offset = this.#offset[field];
    if (offset >= this.#reals) view.setFloat64(offset, value, true);
    else view.setUint32(offset, value, true);
  }
}

const records = new WeakMap<Core, ProblemRecord>();

/** The problem record of `core` (one per core, made on first use). */
export function problemRecord(core: Core): ProblemRecord {
  let record = records.get(core);
  if (record === undefined) {
    record = new ProblemRecord(core.exports);
    records.set(core, record);
  }
  return record;
}
