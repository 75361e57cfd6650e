import { LAYOUT_DENSE_F32 } from '../objective/layout';
import { partialsLength } from '../objective/chunks';
import {
  COARSE,
  CURVATURE,
  PARTIALS,
  PROBLEM_BLOCKS,
  PROBLEM_COLS,
  PROBLEM_LAYOUT,
  PROBLEM_ROWS,
  PROBLEM_WORK,
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
// weights, one row's scratch) and the solver's own workspace, whose layout only the
// solver knows. A new solver is a SOLVER_* constant, its `…WorkLength` beside it, and a
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
 * float64 values of scratch a solve with `solver` needs for the record's problem (its
 * rows, cols, blocks and layout must be set): the size of the block PROBLEM_WORK names.
 * An f64, as it is an allocation size the host checks against the address space.
 */
export function workLength(solver: i32): f64 {
  const rows = <f64>field(PROBLEM_ROWS);
  const cols = <f64>field(PROBLEM_COLS);
  const blocks = field(PROBLEM_BLOCKS);
  let length = even(partialsLength(field(PROBLEM_ROWS), field(PROBLEM_COLS), blocks));
  if (needsCurvature(solver, blocks)) length += even(rows * <f64>blocks);
  if (field(PROBLEM_LAYOUT) == LAYOUT_DENSE_F32) length += even(Math.ceil(cols / 2) + 2);
  length += even(<f64>blocks);
  return length + solverWorkLength(solver, rows, cols, <f64>blocks);
}

/**
 * Carves the record's work block (of `workLength(solver)` values) and starts the passes
 * over float32 X in float32 arithmetic. Call after writing the inputs, before the solver.
 */
export function prepareProblem(solver: i32): void {
  const rows = field(PROBLEM_ROWS);
  const cols = field(PROBLEM_COLS);
  const blocks = field(PROBLEM_BLOCKS);
  const float32 = field(PROBLEM_LAYOUT) == LAYOUT_DENSE_F32;
  let next = address(PROBLEM_WORK);
  setAddress(PARTIALS, next);
  next += <usize>even(partialsLength(rows, cols, blocks)) << 3;
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
  setAddress(SOLVER_WORK, next);
  setField(COARSE, float32 ? 1 : 0);
}
