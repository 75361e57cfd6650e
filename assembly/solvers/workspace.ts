import { LAYOUT_CSR_F32, LAYOUT_DENSE_F32, isSparse } from '../objective/layout';
import { partialsLength } from '../objective/chunks';
import { transposeToColumns } from '../objective/csr';
import {
  COARSE,
  COLUMN_ROWS,
  COLUMN_STARTS,
  COLUMN_VALUES,
  CURVATURE,
  PARTIALS,
  PROBLEM_BLOCKS,
  PROBLEM_COLS,
  PROBLEM_INDICES,
  PROBLEM_INDPTR,
  PROBLEM_LAYOUT,
  PROBLEM_ROWS,
  PROBLEM_WORK,
  PROBLEM_X,
  ROUNDED,
  ROW_SCRATCH,
  SOLVER_WORK,
  address,
  field,
  setAddress,
  setField,
} from '../objective/record';
import { gradientDescentWorkLength } from './gradient-descent';
import { lbfgsWorkLength } from './lbfgs';
import { newtonCdWorkLength } from './newton-cd';
import { newtonCgWorkLength } from './newton-cg';
import { sgdWorkLength } from './sgd';

// The scratch of one solve. TypeScript allocates one block of `workLength(solver)`
// float64 values and writes its address to the record's PROBLEM_WORK; `prepareProblem`
// carves it into the buffers of the passes (chunk slots, per-row curvature, float32
// weights, one row's scratch, sparse X by columns for newton-cd) and the solver's own
// workspace, whose layout only the solver knows. A new solver is a SOLVER_* constant, its `…WorkLength` beside it, and a
// case in `solverWorkLength`.

/** Solvers, as src/core/solve.ts names them to the core. */
export const SOLVER_GD: i32 = 0;
export const SOLVER_LBFGS: i32 = 1;
export const SOLVER_NEWTON_CG: i32 = 2;
export const SOLVER_NEWTON_CD: i32 = 3;
export const SOLVER_SGD: i32 = 4;

/** float64 values of the solver's own workspace for the record's problem. */
function solverWorkLength(solver: i32, rows: f64, cols: f64, blocks: f64): f64 {
  const parameters = blocks * (cols + 1);
  switch (solver) {
    case SOLVER_GD:
      return gradientDescentWorkLength(parameters);
    case SOLVER_NEWTON_CG:
      return newtonCgWorkLength(parameters);
    case SOLVER_NEWTON_CD:
      return newtonCdWorkLength(parameters, rows, blocks);
    case SOLVER_SGD:
      return sgdWorkLength(parameters);
    default:
      return lbfgsWorkLength(parameters);
  }
}

/** Whether the passes keep per-row curvature: the Newton solvers' Hessians, and every softmax problem's probabilities. */
// @ts-ignore: decorator
@inline
function needsCurvature(solver: i32, blocks: i32): bool {
  return solver == SOLVER_NEWTON_CG || solver == SOLVER_NEWTON_CD || blocks > 1;
}

/** `length` rounded up to an even count, so every carved buffer starts 16-byte aligned. */
// @ts-ignore: decorator
@inline
function even(length: f64): f64 {
  return Math.ceil(length / 2) * 2;
}

/**
 * Whether the solve keeps a copy of X by columns: newton-cd's sweeps go column by column,
 * and a column of row-major X is one value per row's stride (measured: on 100,000×50 a
 * sweep over the strided columns took about 6× as long as over a column-major copy).
 */
// @ts-ignore: decorator
@inline
function needsColumns(solver: i32): bool {
  return solver == SOLVER_NEWTON_CD;
}

/** Stored entries of sparse X. */
// @ts-ignore: decorator
@inline
function storedEntries(): i32 {
  return load<i32>(address(PROBLEM_INDPTR) + (<usize>field(PROBLEM_ROWS) << 2));
}

/**
 * Dense X (row-major, float64 or float32) into `out` by columns: out[j·rows + i] = x_ij.
 * Blocks of 8 rows at a time, so each row's cache lines are read once per block.
 */
function transposeDense(x: usize, layout: i32, rows: i32, cols: i32, out: usize): void {
  const wide = layout != LAYOUT_DENSE_F32;
  for (let i0 = 0; i0 < rows; i0 += 8) {
    const i1 = min(i0 + 8, rows);
    for (let j = 0; j < cols; j++) {
      const column = out + ((<usize>j * <usize>rows) << 3);
      for (let i = i0; i < i1; i++) {
        const index = <usize>i * <usize>cols + <usize>j;
        store<f64>(column + (<usize>i << 3), wide ? load<f64>(x + (index << 3)) : <f64>load<f32>(x + (index << 2)));
      }
    }
  }
}

/**
 * float64 values of scratch a solve with `solver` needs for the record's problem (its
 * rows, cols, blocks and layout must be set): the size of the block PROBLEM_WORK names.
 * An f64, as it is an allocation size the host checks against the address space.
 */
export function workLength(solver: i32): f64 {
  const rows = <f64>field(PROBLEM_ROWS);
  const cols = <f64>field(PROBLEM_COLS);
  const blocks = field(PROBLEM_BLOCKS);
  let length = even(partialsLength());
  if (needsCurvature(solver, blocks)) length += even(rows * <f64>blocks);
  if (field(PROBLEM_LAYOUT) == LAYOUT_DENSE_F32) length += even(Math.ceil(cols / 2) + 2);
  if (needsColumns(solver) && isSparse(field(PROBLEM_LAYOUT))) {
    const nnz = <f64>storedEntries();
    length += even(Math.ceil((cols + 1) / 2)) + even(Math.ceil(nnz / 2)) + even(nnz);
  } else if (needsColumns(solver)) {
    length += even(rows * cols);
  }
  length += even(<f64>blocks);
  return length + solverWorkLength(solver, rows, cols, <f64>blocks);
}

/**
 * Carves the record's work block (of `workLength(solver)` values), starts the passes
 * over float32 X in float32 arithmetic, and for newton-cd over sparse X copies X by
 * columns. Call after writing the inputs, before the solver.
 */
export function prepareProblem(solver: i32): void {
  const rows = field(PROBLEM_ROWS);
  const cols = field(PROBLEM_COLS);
  const blocks = field(PROBLEM_BLOCKS);
  const float32 = field(PROBLEM_LAYOUT) == LAYOUT_DENSE_F32;
  let next = address(PROBLEM_WORK);
  setAddress(PARTIALS, next);
  next += <usize>even(partialsLength()) << 3;
  if (needsCurvature(solver, blocks)) {
    setAddress(CURVATURE, next);
    next += <usize>even(<f64>rows * <f64>blocks) << 3;
  } else {
    setAddress(CURVATURE, 0);
  }
  if (float32) {
    setAddress(ROUNDED, next);
    next += <usize>even(Math.ceil(<f64>cols / 2) + 2) << 3;
  } else {
    setAddress(ROUNDED, 0);
  }
  setAddress(ROW_SCRATCH, next);
  next += <usize>even(<f64>blocks) << 3;
  if (needsColumns(solver) && !isSparse(field(PROBLEM_LAYOUT))) {
    // Dense X by columns, as float64 (float32 values widen exactly): cols runs of rows values.
    setAddress(COLUMN_STARTS, 0);
    setAddress(COLUMN_ROWS, 0);
    setAddress(COLUMN_VALUES, next);
    transposeDense(address(PROBLEM_X), field(PROBLEM_LAYOUT), rows, cols, next);
    next += <usize>even(<f64>rows * <f64>cols) << 3;
  } else if (needsColumns(solver)) {
    const nnz = <f64>storedEntries();
    const starts = next;
    const columnRows = starts + (<usize>even(Math.ceil((<f64>cols + 1) / 2)) << 3);
    const columnValues = columnRows + (<usize>even(Math.ceil(nnz / 2)) << 3);
    next = columnValues + (<usize>even(nnz) << 3);
    setAddress(COLUMN_STARTS, starts);
    setAddress(COLUMN_ROWS, columnRows);
    setAddress(COLUMN_VALUES, columnValues);
    const indptr = address(PROBLEM_INDPTR);
    const indices = address(PROBLEM_INDICES);
    const x = address(PROBLEM_X);
    if (field(PROBLEM_LAYOUT) == LAYOUT_CSR_F32) transposeToColumns<f32>(indptr, indices, x, rows, cols, starts, columnRows, columnValues);
    else transposeToColumns<f64>(indptr, indices, x, rows, cols, starts, columnRows, columnValues);
  } else {
    setAddress(COLUMN_STARTS, 0);
    setAddress(COLUMN_ROWS, 0);
    setAddress(COLUMN_VALUES, 0);
  }
  setAddress(SOLVER_WORK, next);
  setField(COARSE, float32 ? 1 : 0);
}
