/**
 * Tail probabilities and quantiles of the standard normal and chi-square distributions, for
 * the p-values and confidence intervals of {@link LogisticRegression.summary}.
 *
 * Accuracy (measured against mpmath at 50 digits by `tools/make_distribution_fixtures.py`,
 * asserted in `test/inference/distributions.test.ts`): relative error ≤ 1e-14 wherever the
 * result is ≥ 1e-300. Two choices make the far tails that accurate:
 *
 * - The Gaussian factor e^{−z²/2} is computed with z split into a 24-bit head (whose square
 *   is exact) and a tail, so rounding z² never costs the ~z²·ε relative error that
 *   `erfc(z/√2)` would (≈ 8e-14 at z = 37); the rest of the tail is the Mills ratio
 *   R(z) = P(Z > z)/φ(z), which is well conditioned (relative sensitivity ≈ 1 to z).
 * - Chi-square tails for integer df are finite sums of positive terms (Poisson sums for even
 *   df, the same plus a normal tail for odd df) times e^{−x/2}, with x/2 exact and the
 *   exponential's range extended by powers of two, so no cancellation and no premature
 *   underflow.
 *
 * @packageDocumentation
 */

const SQRT_2PI = 2.5066282746310002; // √(2π)
const LN_SQRT_2PI = 0.9189385332046728; // ln √(2π)
const SQRT_HALF_PI = 1.2533141373155003; // √(π/2)
const SQRT_2_OVER_PI = 0.7978845608028654; // √(2/π)
const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π
// ln 2 split for Cody–Waite reduction: LN2_HI has 21 trailing zero bits, so n·LN2_HI is exact
// for |n| < 2^21.
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
// Below this z, P(0 < Z < z) comes from its power series (cancellation in ½ − that is at
// most ×7.5); from it on, the Mills ratio from Laplace's continued fraction.
const SERIES_LIMIT = 1.5;
const EPS = Number.EPSILON;

/** e^{−z²/2} to a few ulps for any z: the head of z has ≤ 24 significant bits, so its square is exact. */
function gaussianFactor(z: number): number {
  const hi = Math.fround(z);
  const lo = z - hi; // exact
  return Math.exp(-0.5 * hi * hi) * Math.exp(-0.5 * lo * (z + hi));
}

/** Σ_{k≥0} z^{2k+1}/(2k+1)!!, so that P(0 < Z < z) = φ(z)·S(z). For 0 ≤ z < 1.5. */
function centralSeries(z: number): number {
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let k = 3; term > EPS * 0.25 * sum; k += 2) {
    term *= z2 / k;
    sum += term;
  }
  return sum;
}

/**
 * The Mills ratio R(z) = P(Z > z)/φ(z) for z ≥ SERIES_LIMIT, from Laplace's continued
 * fraction 1/(z + 1/(z + 2/(z + 3/(z + …)))) evaluated bottom-up (every step adds positive
 * numbers, so rounding errors do not grow). The depth was chosen against mpmath: the tail
 * of the fraction converges like exp(−c·z·√N), so ≈ 700/z² levels reach full precision.
 */
function millsContinuedFraction(z: number): number {
  const depth = Math.ceil(700 / (z * z)) + 10;
  let t = z;
  for (let k = depth; k >= 1; k--) t = z + k / t;
  return 1 / t;
}

/** R(z) = P(Z > z)/φ(z) for z ≥ 0 (finite). */
function millsRatio(z: number): number {
  if (z >= SERIES_LIMIT) return millsContinuedFraction(z);
  return SQRT_HALF_PI * Math.exp(0.5 * z * z) - centralSeries(z);
}

function checkNumber(fn: string, name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number') {
    throw new TypeError(`${fn}: ${name} must be a number; got ${v === null ? 'null' : typeof v}`);
  }
}

/**
 * The upper tail P(Z > z) of the standard normal distribution.
 *
 * Relative error ≤ 1e-14 for every z whose result is ≥ 1e-300 (z up to ≈ 37.0) and for all
 * negative z; results below that fall gradually into the subnormal range and reach 0 near
 * z = 38.6.
 *
 * @param z - any number; `Infinity` gives 0, `-Infinity` gives 1, NaN gives NaN.
 * @returns P(Z > z) in [0, 1].
 * @throws TypeError if `z` is not a number.
 * @example
 * ```ts
 * normalSf(1.959963984540054); // 0.025000000000000012
 * normalSf(30);                // 4.906713927148188e-198
 * ```
 */
export function normalSf(z: number): number {
  checkNumber('normalSf', 'z', z);
  if (Number.isNaN(z)) return NaN;
  const a = Math.abs(z);
  if (a === Infinity) return z > 0 ? 0 : 1;
  let upper: number; // P(Z > |z|)
  if (a < SERIES_LIMIT) {
    const central = (Math.exp(-0.5 * a * a) / SQRT_2PI) * centralSeries(a); // P(0 < Z < |z|)
    return z >= 0 ? 0.5 - central : 0.5 + central;
  }
  if (a > 40) upper = 0; // below the smallest subnormal
  else upper = (gaussianFactor(a) / SQRT_2PI) * millsContinuedFraction(a);
  return z >= 0 ? upper : 1 - upper;
}

/**
 * The cumulative distribution P(Z ≤ z) of the standard normal: `normalSf(-z)`, with the
 * same accuracy (relative ≤ 1e-14 wherever the result is ≥ 1e-300, so deep in the lower tail).
 *
 * @param z - any number; NaN gives NaN.
 * @throws TypeError if `z` is not a number.
 * @example
 * ```ts
 * normalCdf(-1.959963984540054); // 0.025000000000000012
 * ```
 */
export function normalCdf(z: number): number {
  checkNumber('normalCdf', 'z', z);
  return normalSf(-z);
}

/**
 * The two-sided p-value of a z statistic, P(|Z| > |z|) = 2·P(Z > |z|): what statsmodels
 * prints as `P>|z|`. Same relative accuracy as {@link normalSf}.
 *
 * @param z - the statistic (estimate / standard error); NaN gives NaN.
 * @returns a probability in [0, 1].
 * @throws TypeError if `z` is not a number.
 * @example
 * ```ts
 * normalTwoSidedP(-2.5); // 0.012419330651552271
 * ```
 */
export function normalTwoSidedP(z: number): number {
  checkNumber('normalTwoSidedP', 'z', z);
  return 2 * normalSf(Math.abs(z));
}

/** ln P(Z > x) for x ≥ 0 and its derivative's reciprocal −R(x), for the quantile's Newton steps. */
function logUpperTail(x: number): { logSf: number; mills: number } {
  const mills = millsRatio(x);
  return { logSf: -0.5 * x * x - LN_SQRT_2PI + Math.log(mills), mills };
}

/**
 * The quantile (inverse CDF) of the standard normal: the z with P(Z ≤ z) = p.
 *
 * Computed by Newton's method on the accurate {@link normalSf}: on Φ(z) − ½ (from its power
 * series, so p near ½ keeps full relative accuracy) when |p − ½| ≤ 0.425, and on ln P(Z > |z|)
 * in the tails (so p down to the smallest subnormal needs no special case). Relative error
 * ≈ 1e-15 or better (measured against mpmath in the tests).
 *
 * @param p - a probability strictly between 0 and 1.
 * @returns z = Φ⁻¹(p); `normalQuantile(1 - alpha / 2)` is the critical value of a
 *   two-sided (1 − alpha) interval.
 * @throws TypeError if `p` is not a number; RangeError if p is not in (0, 1) (or NaN).
 * @example
 * ```ts
 * normalQuantile(0.975); // 1.959963984540054
 * normalQuantile(1e-300); // -37.0470962993612
 * ```
 */
export function normalQuantile(p: number): number {
  checkNumber('normalQuantile', 'p', p);
  if (!(p > 0 && p < 1)) {
    throw new RangeError(`normalQuantile: p must be in (0, 1); got ${p}`);
  }
  const q = p - 0.5; // exact for p in [0.25, 1)
  if (Math.abs(q) <= 0.425) {
    // Solve Φ(z) − ½ = q for |z| (Φ − ½ is increasing and concave on z ≥ 0, so Newton from
    // below climbs monotonically to the root without overshooting).
    const target = Math.abs(q);
    if (target === 0) return 0;
    let z = target * SQRT_2PI; // ≤ the root, since Φ(z) − ½ ≤ z·φ(0)
    for (let i = 0; i < 100; i++) {
      const density = Math.exp(-0.5 * z * z) / SQRT_2PI;
      const step = (target - density * centralSeries(z)) / density;
      z += step;
      if (Math.abs(step) <= 0.5 * EPS * z) break;
    }
    return q < 0 ? -z : z;
  }
  // Tails: |z| solves ln P(Z > |z|) = ln(tail), with tail = min(p, 1 − p) (1 − p is exact here).
  const tail = q < 0 ? p : 1 - p;
  const logTail = Math.log(tail);
  // Asymptotic start: z² ≈ t − ln(2π t), t = −2 ln(tail); in the tail region t > 5.1.
  const t = -2 * logTail;
  let z = Math.sqrt(Math.max(t - Math.log(2 * Math.PI * t), 1.4));
  for (let i = 0; i < 100; i++) {
    const { logSf, mills } = logUpperTail(z);
    // d ln P(Z > z)/dz = −1/R(z), so the Newton step is (ln P − ln tail)·R.
    const step = (logSf - logTail) * mills;
    z += step;
    if (Math.abs(step) <= 0.5 * EPS * z) break;
  }
  return q < 0 ? -z : z;
}

/** v·2^e, exact unless the result is subnormal (then rounded once more per step). */
function scaleByPowerOfTwo(v: number, e: number): number {
  while (e > 1000) {
    v *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    v *= 2 ** -1000;
    e += 1000;
  }
  return v * 2 ** e;
}

// Terms and sums are rescaled by 2^-RESCALE when they pass 2^RESCALE, so very large x/2 and
// df cannot overflow them.
const RESCALE = 600;
const RESCALE_AT = 2 ** RESCALE;
const RESCALE_BY = 2 ** -RESCALE;

/**
 * The upper tail P(χ²_df > x) of the chi-square distribution: the p-value of a
 * likelihood-ratio or Wald statistic x with df degrees of freedom.
 *
 * For integer df this is a finite sum of positive terms times e^{−x/2} (the Poisson sum
 * e^{−x/2}·Σ_{j<df/2} (x/2)^j/j! for even df; for odd df the same with half-integer powers
 * plus the normal tail 2·P(Z > √x), whose Gaussian factor is e^{−x/2} exactly), so the
 * relative error is ≤ 1e-14 wherever the result is ≥ 1e-300 (measured for df 1–200), and
 * the cost is O(df).
 *
 * @param x - the statistic; x ≤ 0 gives 1, `Infinity` gives 0, NaN gives NaN.
 * @param df - the degrees of freedom, an integer in [1, 1e6] (the rounding error of the sum
 *   grows like √df·ε, so beyond df ≈ 1000 expect a few 1e-15 to 1e-14 relative).
 * @returns a probability in [0, 1].
 * @throws TypeError if `x` or `df` is not a number; RangeError if df is not an integer in
 *   [1, 1e6].
 * @example
 * ```ts
 * chiSquareSf(3.841458820694124, 1); // 0.05000000000000006
 * chiSquareSf(1400, 10);             // 9.920391479800146e-295
 * ```
 */
export function chiSquareSf(x: number, df: number): number {
  checkNumber('chiSquareSf', 'x', x);
  checkNumber('chiSquareSf', 'df', df);
  if (!Number.isInteger(df) || df < 1 || df > 1e6) {
    throw new RangeError(`chiSquareSf: df must be an integer in [1, 1e6]; got ${df}`);
  }
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const y = 0.5 * x; // exact
  // e^{−y} = 2^{−n}·e^{−r}, r = y − n·ln 2 in [−0.35, 0.35] (Cody–Waite; n < 2^21 needs
  // y < 1.4e6, and beyond that, with df ≤ 1e6, the answer is far below the smallest double).
  if (y > 1.4e6) return 0;
  const n = Math.round(y / Math.LN2);
  const r = y - n * LN2_HI - n * LN2_LO;
  let exponent = -n;
  let sum: number;
  let term: number;
  let j: number;
  const half = Math.floor(df / 2);
  if (df % 2 === 0) {
    // Σ_{j=0}^{half−1} y^j/j!
    term = 1;
    sum = 1;
    j = 1;
  } else {
    // 2·P(Z > √x)·e^{y} = √(2/π)·R(√x); then Σ_{j=0}^{half−1} y^{j+½}/Γ(j+3/2).
    sum = SQRT_2_OVER_PI * millsRatio(Math.sqrt(x));
    if (half === 0) return Math.min(1, scaleByPowerOfTwo(Math.exp(-r) * sum, exponent));
    term = TWO_OVER_SQRT_PI * Math.sqrt(y); // y^{½}/Γ(3/2)
    sum += term;
    j = 1;
  }
  const offset = df % 2 === 0 ? 0 : 0.5;
  for (; j < half; j++) {
    term *= y / (j + offset);
    sum += term;
    if (sum > RESCALE_AT) {
      sum *= RESCALE_BY;
      term *= RESCALE_BY;
      exponent += RESCALE;
    }
  }
  return Math.min(1, scaleByPowerOfTwo(Math.exp(-r) * sum, exponent));
}
