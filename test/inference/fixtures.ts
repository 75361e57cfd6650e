/**
 * The statistical-inference fixtures (test/fixtures/inference/, written by
 * tools/make_inference_fixtures.py and .R from statsmodels 0.13.5 and R 4.2): their shape
 * and a loader, shared by the library's and the CLI's tests.
 */
import { readFileSync } from 'node:fs';
import type { CovType, SummaryJSON } from '../../src/index.js';

const DIR = new URL('../fixtures/inference/', import.meta.url);

/** One covariance type's numbers, in the table's parameter order (const first). */
export interface CovBlock {
  source: string;
  cov: number[][];
  stdErr: number[];
  z: number[];
  pValue: number[];
  ciLower: number[];
  ciUpper: number[];
}

/** A dataset and its references (fields absent where the dataset has none). */
export interface Fixture {
  name: string;
  featureNames: string[];
  X: number[][];
  y: (number | string)[];
  classes: (number | string)[];
  sampleWeight: number[] | null;
  groups: (number | string)[] | null;
  groupNames?: string[];
  /** statsmodels' fit: its parameters (the table's order) and the model's numbers, named as the summary names them. */
  fit: { params: number[] } & Pick<
    SummaryJSON,
    'logLikelihood' | 'nullLogLikelihood' | 'llr' | 'llrPValue' | 'pseudoRSquared' | 'aic' | 'bic' | 'nObs' | 'dfModel' | 'dfResid' | 'deviance' | 'nullDeviance' | 'converged' | 'nIter'
  >;
  cov: Record<string, CovBlock>;
  alpha10: { ciLower: number[]; ciUpper: number[] };
  r?: { coefficients: number[][]; deviance: number; nullDeviance: number; aic: number; aliased: string[] };
  margeff?: { effects: number[]; stdErr: number[]; z: number[]; pValue: number[]; ciLower: number[]; ciUpper: number[] };
  margeffCluster?: Fixture['margeff'];
  wald?: { R: number[][]; q: number[]; covType: CovType; statistic: number; df: number; pValue: number }[];
  lrTest?: { restrictedFeatures: number[]; statistic: number; df: number; pValue: number }[];
}

/** The fixture `test/fixtures/inference/<name>.json`. */
export function loadInferenceFixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as Fixture;
}

/** The names of every fixture file. */
export const INFERENCE_FIXTURES = ['breast-cancer', 'clustered', 'collinear', 'frequency-weights', 'multinomial', 'near-collinear', 'quasi-separated', 'reference-experiment', 'separated'] as const;
