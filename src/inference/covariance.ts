/**
 * The covariance of the maximum-likelihood estimate, in statsmodels' MNLogit
 * parametrisation (E equations × p parameters, equation-major, the core's order within an
 * equation), under each covariance type:
 *
 *   H = Σᵢ sᵢ (diag(pᵢ) − pᵢpᵢᵀ) ⊗ x̃ᵢx̃ᵢᵀ        the observed information (classes 1…E),
 *   nonrobust  V = H⁻¹,
 *   HC0        V·M·V with M = Σᵢ sᵢ rᵢrᵢᵀ ⊗ x̃ᵢx̃ᵢᵀ, rᵢₖ = [yᵢ = k] − pᵢₖ,
 *   HC1        HC0 · n/(n − E·p),
 *   HC2, HC3   (binary) M with each row's term divided by (1 − hᵢ) or (1 − hᵢ)², hᵢ = pᵢ(1 − pᵢ)·x̃ᵢᵀVx̃ᵢ,
 *   cluster    V·(Σ_g S_gS_gᵀ)·V · G/(G − 1)·(n − 1)/(n − E·p), S_g = Σ_{i in g} sᵢ rᵢ ⊗ x̃ᵢ,
 *
 * with sᵢ frequency weights and n = Σsᵢ: every number equals the unweighted estimator on
 * the data with row i repeated sᵢ times. Each H and M block is one information pass over
 * X in the core (two blocks per pass); the score Σ sᵢrᵢ ⊗ x̃ᵢ rides along.
 * @module
 */
import { groupSums, informationPass, type PassRun, rowQuadraticForms } from '../core/information.js';
import { release, stageMatrix } from '../core/stage.js';
import { Matrix } from '../matrix.js';
import type { Equations, InferenceData } from './equations.js';
import { type LinearDependency, multiply, pivotedInverse } from './linalg.js';
import type { CovType } from './summary-json.js';

/** The covariance and what it was built from, all E·p × E·p row-major in the equations' order. */
export interface Covariance {
  readonly covariance: Float64Array;
  /** The inverse of the information, the nonrobust covariance (the sandwich's bread). */
  readonly bread: Float64Array;
  readonly information: Float64Array;
  /** The score Σsᵢrᵢ ⊗ x̃ᵢ at the estimate (zero at the exact MLE). */
  readonly score: Float64Array;
  /** Clusters, for covType 'cluster'; else null. */
  readonly nGroups: number | null;
  /** The largest leverage, for HC2 and HC3; else null. */
  readonly maxLeverage: number | null;
}

/** Thrown when the information matrix is singular: the columns that are linear combinations of others. */
export class SingularInformationError extends RangeError {
  constructor(
    message: string,
    /** Each dependent parameter, in the equations' order. */
    readonly dependencies: readonly LinearDependency[],
  ) {
    super(message);
    this.name = 'SingularInformationError';
  }
}

/** Row weights of block (j, l) of the information (kind 'h') or the meat (kind 'm'); classes j, l ≥ 1. */
function blockWeights(eq: Equations, data: InferenceData, kind: 'h' | 'm', j: number, l: number, leverage: Float64Array | null, power: number): Float64Array {
  const { K, probabilities: P, complements: Q } = eq;
  const { target, weights } = data;
  const n = target.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = weights === null ? 1 : (weights[i] as number);
    if (kind === 'h') {
      const pj = P[i * K + j] as number;
      out[i] = s * pj * (j === l ? (Q[i * K + j] as number) : -(P[i * K + l] as number));
    } else {
      const y = target[i] as number;
      const rj = y === j ? (Q[i * K + j] as number) : -(P[i * K + j] as number);
      const rl = y === l ? (Q[i * K + l] as number) : -(P[i * K + l] as number);
      let w = s * rj * rl;
      if (leverage !== null) w /= (1 - (leverage[i] as number)) ** power;
      out[i] = w;
    }
  }
  return out;
}

/** sᵢrᵢₖ for class k ≥ 1: the score's row weights of equation k. */
function residuals(eq: Equations, data: InferenceData, k: number): Float64Array {
  const { K, probabilities: P, complements: Q } = eq;
  const { target, weights } = data;
  const out = new Float64Array(target.length);
  for (let i = 0; i < target.length; i++) {
    const r = target[i] === k ? (Q[i * K + k] as number) : -(P[i * K + k] as number);
    out[i] = weights === null ? r : (weights[i] as number) * r;
  }
  return out;
}

/** A job of an information pass: block (j, l) of H or M. */
interface Block {
  readonly kind: 'h' | 'm';
  readonly j: number;
  readonly l: number;
}

/**
 * Runs the blocks two per information pass and assembles the symmetric E·p × E·p matrices
 * of H and M; the score's equations ride on the first passes (there are at least E).
 */
function assemble(eq: Equations, data: InferenceData, blocks: readonly Block[], run: PassRun, leverage: Float64Array | null, power: number): { h: Float64Array; m: Float64Array; score: Float64Array } {
  const { E, p } = eq;
  const size = E * p;
  const h = new Float64Array(size * size);
  const m = new Float64Array(size * size);
  const score = new Float64Array(size);
  const place = (target: Float64Array, block: Block, values: Float64Array): void => {
    const r0 = (block.j - 1) * p;
    const c0 = (block.l - 1) * p;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        const v = values[a * p + b] as number;
        target[(r0 + a) * size + c0 + b] = v;
        target[(c0 + b) * size + r0 + a] = v;
      }
    }
  };
  let nextScore = 1;
  for (let t = 0; t < blocks.length; t += 2) {
    const first = blocks[t] as Block;
    const second = blocks[t + 1];
    const c = nextScore <= E ? residuals(eq, data, nextScore) : null;
    const sums = informationPass(
      data.X,
      data.fitIntercept,
      blockWeights(eq, data, first.kind, first.j, first.l, leverage, power),
      second === undefined ? null : blockWeights(eq, data, second.kind, second.j, second.l, leverage, power),
      c,
      run,
    );
    place(first.kind === 'h' ? h : m, first, sums.first);
    if (second !== undefined) place(second.kind === 'h' ? h : m, second, sums.second as Float64Array);
    if (c !== null) score.set(sums.sums as Float64Array, (nextScore - 1) * p);
    nextScore++;
  }
  // Fewer passes than equations only when E ≤ 2 and no meat; compute what is missing.
  for (; nextScore <= E; nextScore++) {
    const c = residuals(eq, data, nextScore);
    const sums = informationPass(data.X, data.fitIntercept, new Float64Array(c.length), null, c, run);
    score.set(sums.sums as Float64Array, (nextScore - 1) * p);
  }
  return { h, m, score };
}

/** The blocks (j ≤ l) of one matrix kind. */
function blocksOf(kind: 'h' | 'm', E: number): Block[] {
  const out: Block[] = [];
  for (let j = 1; j <= E; j++) for (let l = j; l <= E; l++) out.push({ kind, j, l });
  return out;
}

/** A·B·A for symmetric A (n × n), symmetrised (the two triangles' rounding averaged). */
function sandwich(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const out = multiply(multiply(A, n, n, B, n), n, n, A, n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = ((out[i * n + j] as number) + (out[j * n + i] as number)) / 2;
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/** The inverse of the information, or a {@link SingularInformationError} naming the dependent parameters. */
function invertInformation(h: Float64Array, size: number, describe: (dependency: LinearDependency) => string): Float64Array {
  const inverse = pivotedInverse(h, size);
  if (inverse.dropped.length > 0) {
    const what = inverse.dependencies.map(describe).join('; ');
    throw new SingularInformationError(`the information matrix is singular: ${what}`, inverse.dependencies);
  }
  return inverse.inverse;
}

/**
 * Cluster indices 0 … G − 1 for each row, in order of first appearance, and G. Only rows
 * of positive weight make a cluster (a row of weight 0 is no observation: its score is 0,
 * so it joins cluster 0 when its own has no other row).
 */
export function encodeGroups(groups: ArrayLike<number | string>, weights: Float64Array | null): { index: Int32Array; count: number } {
  const seen = new Map<number | string, number>();
  const index = new Int32Array(groups.length);
  for (let i = 0; i < groups.length; i++) {
    if (weights !== null && weights[i] === 0) continue;
    const g = groups[i] as number | string;
    let k = seen.get(g);
    if (k === undefined) {
      k = seen.size;
      seen.set(g, k);
    }
    index[i] = k;
  }
  if (weights !== null) for (let i = 0; i < groups.length; i++) if (weights[i] === 0) index[i] = seen.get(groups[i] as number | string) ?? 0;
  return { index, count: seen.size };
}

/** What {@link covarianceOf} needs besides the equations. */
export interface CovarianceRequest {
  readonly covType: CovType;
  /** Each row's cluster index (covType 'cluster'), and the number of clusters. */
  readonly groups: { readonly index: Int32Array; readonly count: number } | null;
  /** Names a dependent parameter for the singular-information message. */
  readonly describe: (dependency: LinearDependency) => string;
}

/**
 * The covariance of the estimate under `request.covType`.
 * @throws SingularInformationError when the information matrix is singular.
 */
export function covarianceOf(eq: Equations, data: InferenceData, request: CovarianceRequest, run: PassRun): Covariance {
  const { E, p } = eq;
  const size = E * p;
  const { covType } = request;
  const meat = covType !== 'nonrobust';
  const leveraged = covType === 'HC2' || covType === 'HC3';
  const sandwichMeat = meat && covType !== 'cluster';
  const blocks = [...blocksOf('h', E)];
  if (sandwichMeat && !leveraged) {
    // Pair each information block with its meat block, so each pass reads X once for both.
    const hs = blocksOf('h', E);
    const ms = blocksOf('m', E);
    blocks.length = 0;
    hs.forEach((b, t) => blocks.push(b, ms[t] as Block));
  }
  const { h, m, score } = assemble(eq, data, blocks, run, null, 0);
  const bread = invertInformation(h, size, request.describe);
  let covariance = bread;
  let nGroups: number | null = null;
  let maxLeverage: number | null = null;
  const n = eq.nObs;
  if (sandwichMeat) {
    let meatMatrix = m;
    if (leveraged) {
      // hᵢ = pᵢ(1 − pᵢ)·x̃ᵢᵀVx̃ᵢ, per copy of row i (E = 1, checked by the caller).
      const quadratic = rowQuadraticForms(data.X, data.fitIntercept, bread, run);
      const K = eq.K;
      const leverage = new Float64Array(quadratic.length);
      maxLeverage = 0;
      for (let i = 0; i < quadratic.length; i++) {
        leverage[i] = (eq.probabilities[i * K + 1] as number) * (eq.complements[i * K + 1] as number) * (quadratic[i] as number);
        if (data.weights === null || data.weights[i] !== 0) maxLeverage = Math.max(maxLeverage, leverage[i] as number);
      }
      meatMatrix = assemble(eq, data, blocksOf('m', E), run, leverage, covType === 'HC2' ? 1 : 2).m;
    }
    covariance = sandwich(bread, meatMatrix, size);
    if (covType === 'HC1') covariance = covariance.map((v) => (v * n) / (n - size));
  } else if (covType === 'cluster') {
    const groups = request.groups as { index: Int32Array; count: number };
    nGroups = groups.count;
    const G = groups.count;
    const scores = new Float64Array(G * size);
    for (let e = 1; e <= E; e++) {
      const sums = groupSums(data.X, data.fitIntercept, groups.index, G, residuals(eq, data, e), run);
      for (let g = 0; g < G; g++) scores.set(sums.subarray(g * p, (g + 1) * p), g * size + (e - 1) * p);
    }
    const staged = stageMatrix(Matrix.from(scores, G, size), 'cluster scores');
    let clusterMeat: Float64Array;
    try {
      clusterMeat = informationPass(staged, false, new Float64Array(G).fill(1), null, null, run).first;
    } finally {
      release(staged);
    }
    const factor = (G / (G - 1)) * ((n - 1) / (n - size));
    covariance = sandwich(bread, clusterMeat, size).map((v) => v * factor);
  }
  return { covariance, bread, information: h, score, nGroups, maxLeverage };
}
