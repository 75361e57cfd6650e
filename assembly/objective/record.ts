// The problem record: the one description of the problem being solved, in a heap block
// of the (shared) memory so that worker instances read the very same fields. It is not in
// static data: a worker instantiating the module rewrites the static data segments, which
// would wipe a record kept there.
//
// TypeScript writes the input fields through src/core/problem.ts, which reads their
// offsets from these exports when it instantiates the module; no offset is written on the
// TypeScript side. `prepareProblem` (solvers/workspace.ts) then derives the rest, and each
// pass writes its own fields. Addresses, counts and flags are u32, real numbers f64: the
// inputs below PROBLEM_REALS are u32, those from it up to PROBLEM_INPUTS_END f64, which is
// how the TypeScript view knows a field's type.

// Inputs, written by TypeScript.
/** u32: address of X: its row-major values (dense layouts) or its nnz stored values (CSR layouts). */
export const PROBLEM_X: i32 = 0;
/** u32: how X is stored, one of the LAYOUT_* constants of layout.ts. */
export const PROBLEM_LAYOUT: i32 = 4;
/** u32: address of rows float64 targets: 0/1 when blocks = 1, else class indices 0 … blocks − 1. */
export const PROBLEM_Y: i32 = 8;
/** u32: address of rows float64 sample weights sᵢ, or 0 for all ones. */
export const PROBLEM_WEIGHTS: i32 = 12;
/** u32: rows of X. */
export const PROBLEM_ROWS: i32 = 16;
/** u32: columns of X. */
export const PROBLEM_COLS: i32 = 20;
/** u32: parameter blocks, 1 for a binary problem, K for a K-class softmax. */
export const PROBLEM_BLOCKS: i32 = 24;
/** u32: 1 when intercepts are fitted, else 0. */
export const PROBLEM_FIT_INTERCEPT: i32 = 28;
/** u32: address of the scratch block of `workLength(solver)` float64 values. */
export const PROBLEM_WORK: i32 = 32;
/** u32: CSR layouts: address of the rows + 1 i32 row starts (0 for dense layouts). */
export const PROBLEM_INDPTR: i32 = 36;
/** u32: CSR layouts: address of the nnz i32 column indices, increasing within each row (0 for dense layouts). */
export const PROBLEM_INDICES: i32 = 40;
/** Where the f64 inputs start. */
export const PROBLEM_REALS: i32 = 48;
/** f64: Σᵢ sᵢ (rows without weights). */
export const PROBLEM_WEIGHT_SUM: i32 = 48;
/** f64: the l2 strength. */
export const PROBLEM_L2: i32 = 56;
/** f64: the l1 strength. */
export const PROBLEM_L1: i32 = 64;
/** The end of the inputs. */
export const PROBLEM_INPUTS_END: i32 = 72;

// Derived by prepareProblem from the inputs (u32 addresses inside WORK, and the arithmetic).
/** 1 while gradient passes over float32 X run in float32 arithmetic (see `sharpen`). */
export const COARSE: i32 = 72;
/** Chunk slots of partial sums (chunks.ts). */
export const PARTIALS: i32 = 76;
/** rows × blocks: Hessian row weights or softmax probabilities; 0 when the solver needs none. */
export const CURVATURE: i32 = 80;
/** cols float32: the weights (or vector) of the pass rounded to float32; 0 for float64 X. */
export const ROUNDED: i32 = 84;
/** blocks values: one row's scratch (SGD's softmax rows). */
export const ROW_SCRATCH: i32 = 88;
/** The solver's own workspace (its `…WorkLength` values). */
export const SOLVER_WORK: i32 = 92;
/**
 * X by columns under newton-cd, whose sweeps go column by column; 0 for other solvers.
 * CSR layouts: CSC, as cols + 1 i32 column starts, nnz i32 rows (increasing within each
 * column) and nnz float64 values. Dense layouts: COLUMN_VALUES only, cols runs of rows
 * float64 values (column j at j·rows); COLUMN_STARTS and COLUMN_ROWS are 0.
 */
export const COLUMN_STARTS: i32 = 96;
export const COLUMN_ROWS: i32 = 100;
export const COLUMN_VALUES: i32 = 104;

// The current pass, written by chunks.ts before the threads run it.
/** PASS_GRADIENT or PASS_HESSIAN. */
export const PASS_KIND: i32 = 108;
/** Address of θ for a gradient pass. */
export const PASS_PARAMS: i32 = 112;
/** Address of v for a Hessian product. */
export const PASS_VECTOR: i32 = 116;
/** 1 when a gradient pass computes the loss. */
export const PASS_WITH_LOSS: i32 = 120;
/** 1 when a gradient pass keeps the Hessian row weights in CURVATURE. */
export const PASS_KEEP_CURVATURE: i32 = 124;

/** Information pass (objective/information.ts): address of the rows float64 weights aᵢ of its first matrix. */
export const PASS_ROW_A: i32 = 128;
/** Information pass: address of the weights bᵢ of its second matrix, or 0 for none. */
export const PASS_ROW_B: i32 = 132;
/** Information pass: address of the weights cᵢ of its weighted column sums, or 0 for none. */
export const PASS_ROW_C: i32 = 136;

/** Bytes of the record. */
export const PROBLEM_BYTES: i32 = 144;

let RECORD: usize = 0;

/** Address of the record (allocated by the main instance on its first call). */
export function problemAddress(): usize {
  if (RECORD == 0) {
    RECORD = heap.alloc(PROBLEM_BYTES);
    memory.fill(RECORD, 0, PROBLEM_BYTES);
  }
  return RECORD;
}

/** Makes `record` the one this instance reads: how a worker instance finds the main instance's record. */
// @ts-ignore: decorator
@inline
export function useRecord(record: usize): void {
  RECORD = record;
}

/** A count or flag of the record (stored as u32, below 2³¹). */
// @ts-ignore: decorator
@inline
export function field(offset: i32): i32 {
  return load<i32>(RECORD + <usize>offset);
}

/** An address field of the record. */
// @ts-ignore: decorator
@inline
export function address(offset: i32): usize {
  return <usize>load<u32>(RECORD + <usize>offset);
}

/** Sets a count or flag of the record. */
// @ts-ignore: decorator
@inline
export function setField(offset: i32, value: i32): void {
  store<i32>(RECORD + <usize>offset, value);
}

/** Sets an address field of the record. */
// @ts-ignore: decorator
@inline
export function setAddress(offset: i32, value: usize): void {
  store<u32>(RECORD + <usize>offset, <u32>value);
}

/** An f64 field of the record. */
// @ts-ignore: decorator
@inline
export function real(offset: i32): f64 {
  return load<f64>(RECORD + <usize>offset);
}
