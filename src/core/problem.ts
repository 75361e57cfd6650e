/**
 * The typed view of the core's problem record: the one description of the problem a
 * solver minimises, kept in WebAssembly memory where the worker threads read it too.
 *
 * The record's layout belongs to the core (assembly/objective/record.ts): this module
 * reads each field's byte offset from the core's exports and writes named fields there,
 * so no offset, size or code is written on this side. The core derives everything else
 * (scratch buffers, the float32 arithmetic) in `prepareProblem`.
 * @module
 */
import type { Dtype } from '../matrix.js';
import type { Core, CoreExports } from './runtime.js';

/** What the view needs of a core's exports (a raw instance's exports serve too, e.g. in tools/). */
export type RecordExports = Pick<CoreExports, 'memory' | 'problemAddress'> & Record<string, unknown>;

/** The inputs of one problem, as {@link ProblemRecord.write} takes them. */
export interface ProblemFields {
  /** Byte offset of X (rows × cols, row-major). */
  readonly x: number;
  /** How X is stored. */
  readonly dtype: Dtype;
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

/** Per dtype, the name of the core's constant for that layout of X. */
const LAYOUTS: Record<Dtype, string> = { float64: 'LAYOUT_DENSE_F64', float32: 'LAYOUT_DENSE_F32' };

/** A core's problem record, written through named fields at the offsets the core exports. */
export class ProblemRecord {
  readonly #exports: RecordExports;
  /** Byte offset of the record. */
  readonly #address: number;
  readonly #layouts: Record<Dtype, number>;
  readonly #offset: Record<'x' | 'layout' | 'y' | 'weights' | 'rows' | 'cols' | 'blocks' | 'fitIntercept' | 'work' | 'weightSum' | 'l2' | 'l1', number>;

  constructor(core: RecordExports) {
    this.#exports = core;
    this.#address = core.problemAddress() >>> 0;
    this.#layouts = { float64: exported(core, LAYOUTS.float64), float32: exported(core, LAYOUTS.float32) };
    this.#offset = {
      x: exported(core, 'PROBLEM_X'),
      layout: exported(core, 'PROBLEM_LAYOUT'),
      y: exported(core, 'PROBLEM_Y'),
      weights: exported(core, 'PROBLEM_WEIGHTS'),
      rows: exported(core, 'PROBLEM_ROWS'),
      cols: exported(core, 'PROBLEM_COLS'),
      blocks: exported(core, 'PROBLEM_BLOCKS'),
      fitIntercept: exported(core, 'PROBLEM_FIT_INTERCEPT'),
      work: exported(core, 'PROBLEM_WORK'),
      weightSum: exported(core, 'PROBLEM_WEIGHT_SUM'),
      l2: exported(core, 'PROBLEM_L2'),
      l1: exported(core, 'PROBLEM_L1'),
    };
  }

  /** Writes the problem's inputs (the scratch block comes later, through {@link ProblemRecord.setWork}). */
  write(fields: ProblemFields): void {
    const view = new DataView(this.#exports.memory.buffer, this.#address);
    const o = this.#offset;
    view.setUint32(o.x, fields.x, true);
    view.setUint32(o.layout, this.#layouts[fields.dtype], true);
    view.setUint32(o.y, fields.y, true);
    view.setUint32(o.weights, fields.weights, true);
    view.setUint32(o.rows, fields.rows, true);
    view.setUint32(o.cols, fields.cols, true);
    view.setUint32(o.blocks, fields.blocks, true);
    view.setUint32(o.fitIntercept, fields.fitIntercept ? 1 : 0, true);
    view.setUint32(o.work, 0, true);
    view.setFloat64(o.weightSum, fields.weightSum, true);
    view.setFloat64(o.l2, fields.l2, true);
    view.setFloat64(o.l1, fields.l1, true);
  }

  /** Names the scratch block (of the core's `workLength(solver)` float64 values) the next solve carves. */
  setWork(ptr: number): void {
    new DataView(this.#exports.memory.buffer, this.#address).setUint32(this.#offset.work, ptr, true);
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
