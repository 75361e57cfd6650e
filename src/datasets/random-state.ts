/**
 * numpy's legacy `RandomState` stream (MT19937 with the legacy seeding and the
 * legacy sampling algorithms), reproduced bit for bit.
 *
 * numpy's legacy Gaussian sampler calls C `log`; V8's `Math.log` differs from
 * glibc's in the last bit for about 5–7% of inputs, and glibc's is not correctly
 * rounded either, so the sampler uses {@link glibcLog} (./libm-log.ts), which
 * reproduces glibc's result bit for bit.
 *
 * @packageDocumentation
 */

import { glibcLog } from './libm-log.js';

// ---------------------------------------------------------------------------
// MT19937 with numpy's legacy RandomState algorithms
// ---------------------------------------------------------------------------

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const TWO_POW_32 = 4294967296;

/** Largest value accepted for integer bounds (`Number.MAX_SAFE_INTEGER`). */
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function isUint32Seed(seed: unknown): seed is number {
  return typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff;
}

/**
 * numpy's legacy `numpy.random.RandomState`: the MT19937 generator seeded by
 * `init_genrand`, with the legacy samplers. Same seed, same calls, same
 * numbers as numpy — every draw and every double, bit for bit — so code ported
 * from scikit-learn (which draws from a `RandomState`) can reproduce its
 * results exactly.
 *
 * Draw order matters: each method consumes 32-bit words from one shared
 * stream exactly as numpy does (see each method), and `standardNormal` keeps
 * its spare second value between calls, as numpy does.
 *
 * @example
 * ```ts
 * const rng = new RandomState(42);
 * rng.randomSample(); // 0.3745401188473625, as np.random.RandomState(42).random_sample()
 * new RandomState(0).standardNormal(); // 1.764052345967664
 * new RandomState(0).permutation(5);   // Int32Array [2, 0, 1, 3, 4]
 * ```
 */
export class RandomState {
  private readonly mt = new Uint32Array(N);
  private mti = N;
  private hasGauss = false;
  private gauss = 0;

  /**
   * @param seed - integer in [0, 2^32 - 1], as numpy's `RandomState(seed)`.
   * @throws RangeError if `seed` is not an integer in [0, 2^32 - 1].
   */
  constructor(seed: number) {
    if (!isUint32Seed(seed)) {
      throw new RangeError(
        `RandomState: seed must be an integer in [0, 4294967295]; got ${String(seed)}`,
      );
    }
    this.seed(seed);
  }

  /**
   * Re-seeds in place (numpy's legacy `seed(int)`: `init_genrand`), and drops
   * any cached Gaussian value.
   *
   * @param seed - integer in [0, 2^32 - 1]
   * @throws RangeError if `seed` is not an integer in [0, 2^32 - 1].
   */
  seed(seed: number): void {
    if (!isUint32Seed(seed)) {
      throw new RangeError(
        `RandomState: seed must be an integer in [0, 4294967295]; got ${String(seed)}`,
      );
    }
    const mt = this.mt;
    mt[0] = seed;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    this.mti = N;
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** Regenerates the 624-word state block (the standard MT19937 twist). */
  private twist(): void {
    const mt = this.mt;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
      mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
    mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.mti = 0;
  }

  /**
   * A copy of the generator state, laid out like numpy's legacy
   * `get_state()`: the 624-word MT19937 key, the position in it, and the
   * cached Gaussian (if any).
   *
   * @returns `{ key, pos, hasGauss, gauss }` (`key` is a copy)
   * @example
   * ```ts
   * Array.from(new RandomState(0).getState().key.subarray(0, 3)); // [0, 1, 1812433255]
   * ```
   */
  getState(): { key: Uint32Array; pos: number; hasGauss: boolean; gauss: number } {
    return { key: this.mt.slice(), pos: this.mti, hasGauss: this.hasGauss, gauss: this.gauss };
  }

  /**
   * Next raw 32-bit output of MT19937 (numpy's `next_uint32`), as an unsigned
   * integer in [0, 2^32 - 1]. Consumes one word.
   *
   * @returns an integer in [0, 4294967295]
   * @example
   * ```ts
   * new RandomState(0).nextUint32(); // 2357136044
   * ```
   */
  nextUint32(): number {
    if (this.mti >= N) this.twist();
    let y = this.mt[this.mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * A double in [0, 1) with 53 random bits, numpy's `random_sample()`:
   * `((w1 >>> 5) * 2^26 + (w2 >>> 6)) / 2^53` from two consecutive words.
   *
   * @returns a number in [0, 1)
   * @example
   * ```ts
   * new RandomState(42).randomSample(); // 0.3745401188473625
   * ```
   */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /**
   * Uniform draw in [low, high), numpy's legacy `uniform(low, high)`:
   * `low + (high - low) * randomSample()`.
   *
   * @param low - lower bound (default 0)
   * @param high - upper bound (default 1)
   * @returns a number in [low, high) (rounding may reach `high`)
   * @throws RangeError if `high - low` is not finite (numpy raises OverflowError).
   * @example
   * ```ts
   * new RandomState(0).uniform(-1, 1); // 0.0976270078546495
   * ```
   */
  uniform(low = 0, high = 1): number {
    const range = high - low;
    if (!Number.isFinite(range)) {
      throw new RangeError(`RandomState.uniform: high - low must be finite; got ${range}`);
    }
    return low + range * this.randomSample();
  }

  /**
   * Standard normal draw with numpy's legacy polar (Marsaglia) method: pairs
   * `x1 = 2u1 - 1, x2 = 2u2 - 1` are rejected until `0 < r2 = x1² + x2² < 1`;
   * then `f = sqrt(-2 log(r2) / r2)`, `f·x2` is returned and `f·x1` is cached
   * and returned by the next call. `log` is {@link glibcLog}, to match C's.
   *
   * @returns a standard normal variate
   * @example
   * ```ts
   * new RandomState(0).standardNormal(); // 1.764052345967664
   * ```
   */
  standardNormal(): number {
    if (this.hasGauss) {
      const tmp = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return tmp;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.randomSample() - 1.0;
      x2 = 2.0 * this.randomSample() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * glibcLog(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /**
   * Uniform integer in [low, high), numpy's legacy `randint(low, high)`
   * (default int64 dtype): with `rng = high - low - 1`, draws are masked to
   * the smallest all-ones bit mask covering `rng` and rejected while above
   * it. Ranges below 2^32 use one 32-bit word per attempt (a range of one
   * value consumes none); wider ranges use two words per attempt, the first
   * as the high half.
   *
   * Called with one argument, draws from [0, low), as numpy does.
   *
   * @param low - lowest value (or the exclusive upper bound when `high` is omitted)
   * @param high - exclusive upper bound
   * @returns an integer in [low, high)
   * @throws TypeError if a bound is not a safe integer.
   * @throws RangeError if `low >= high`.
   * @example
   * ```ts
   * const rng = new RandomState(42);
   * rng.randint(10);    // 6
   * rng.randint(5, 10); // 8
   * ```
   */
  randint(low: number, high?: number): number {
    let lo = low;
    let hi = high;
    if (hi === undefined) {
      hi = lo;
      lo = 0;
    }
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) {
      throw new TypeError(
        `RandomState.randint: bounds must be safe integers; got low=${String(lo)}, high=${String(hi)}`,
      );
    }
    if (lo >= hi) {
      throw new RangeError(`RandomState.randint: low >= high (low=${lo}, high=${hi})`);
    }
    return lo + this.boundedMasked(hi - lo - 1);
  }

  /**
   * Uniform integer in [0, rng] by masked rejection (numpy's
   * `random_bounded_uint64` with `use_masked`).
   */
  private boundedMasked(rng: number): number {
    if (rng === 0) return 0;
    if (rng <= 0xffffffff) {
      if (rng === 0xffffffff) return this.nextUint32();
      const mask = smallestMask32(rng);
      let v: number;
      do {
        v = (this.nextUint32() & mask) >>> 0;
      } while (v > rng);
      return v;
    }
    return this.bounded64(rng);
  }

  /** Masked rejection for ranges above 2^32 - 1: two words per attempt. */
  private bounded64(rng: number): number {
    if (rng > MAX_SAFE) throw new RangeError('RandomState: range exceeds 2^53 - 1');
    const rngHi = Math.floor(rng / TWO_POW_32);
    const maskHi = smallestMask32(rngHi);
    let v: number;
    do {
      const h = (this.nextUint32() & maskHi) >>> 0;
      const l = this.nextUint32();
      v = h * TWO_POW_32 + l;
    } while (v > rng);
    return v;
  }

  /**
   * Shuffles `array` in place, numpy's legacy `shuffle` for a 1-D array:
   * for `i = n-1 … 1`, swap element `i` with element `j`, `j` uniform in
   * [0, i] drawn by masked rejection. Arrays of length < 2 consume nothing.
   *
   * @param array - any mutable array-like (plain array or typed array)
   * @returns the same `array`
   * @example
   * ```ts
   * const a = [0, 1, 2, 3, 4];
   * new RandomState(0).shuffle(a); // a is now [2, 0, 1, 3, 4]
   * ```
   */
  shuffle<A extends { length: number; [i: number]: unknown }>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      // numpy draws j with `random_interval`, which is this same masked rejection (its
      // 2^32 − 1 case takes one whole word, as boundedMasked's shortcut does).
      const j = this.boundedMasked(i);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /**
   * A random permutation of 0 … n-1: `arange(n)` shuffled by
   * {@link RandomState.shuffle}, as numpy's legacy `permutation(n)`.
   *
   * @param n - length, an integer in [0, 2^31 - 1]
   * @returns an Int32Array of length n
   * @throws RangeError if `n` is not an integer in [0, 2^31 - 1].
   * @example
   * ```ts
   * new RandomState(0).permutation(5); // Int32Array [2, 0, 1, 3, 4]
   * ```
   */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) {
      throw new RangeError(
        `RandomState.permutation: n must be an integer in [0, 2147483647]; got ${String(n)}`,
      );
    }
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /**
   * `size` distinct integers from [0, n) without replacement, numpy's legacy
   * `choice(n, size, replace=False)`: the first `size` entries of
   * `permutation(n)` (the whole population is shuffled, whatever `size`).
   * To choose from an array `a`, index it: `a[choice(a.length, size)[i]]`.
   *
   * With `replace: true` it is numpy's `choice(n, size)` with replacement
   * instead: `size` draws of `randint(0, n)`.
   *
   * @param n - population size, an integer ≥ 0 (≥ 1 with replacement and size > 0)
   * @param size - sample size, an integer in [0, n] (any integer ≥ 0 with replacement)
   * @param replace - sample with replacement (default false; numpy's default is true)
   * @returns an Int32Array of length `size`
   * @throws RangeError if `size` > `n` without replacement, or `n`/`size` is not a non-negative integer.
   * @example
   * ```ts
   * new RandomState(0).choice(5, 2);        // Int32Array [2, 0]
   * new RandomState(0).choice(10, 4, true); // Int32Array [5, 0, 3, 3]
   * ```
   */
  choice(n: number, size: number, replace = false): Int32Array {
    if (!Number.isInteger(size) || size < 0) {
      throw new RangeError(
        `RandomState.choice: size must be a non-negative integer; got ${String(size)}`,
      );
    }
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`RandomState.choice: n must be a non-negative integer; got ${String(n)}`);
    }
    if (replace) {
      if (n === 0 && size > 0) {
        throw new RangeError('RandomState.choice: cannot sample from an empty population (n=0)');
      }
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) out[i] = this.randint(0, n);
      return out;
    }
    if (size > n) {
      throw new RangeError(
        `RandomState.choice: cannot take a larger sample than the population without replacement (size=${size} > n=${n})`,
      );
    }
    return this.permutation(n).slice(0, size);
  }
}

/** Smallest value of the form 2^b - 1 that is ≥ v (for 0 < v < 2^32). */
function smallestMask32(v: number): number {
  let mask = v >>> 0;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

/**
 * Turns a `randomState` option into a {@link RandomState}, like
 * scikit-learn's `check_random_state`: an integer seeds a new generator, a
 * `RandomState` is returned as is (and advanced by whoever draws from it),
 * `null`/`undefined` gives a generator seeded from `crypto.getRandomValues`
 * (scikit-learn would use numpy's global generator instead).
 *
 * @param randomState - seed in [0, 2^32 - 1], generator, or null/undefined
 * @returns a RandomState
 * @throws RangeError for an integer seed outside [0, 2^32 - 1] or a non-integer number.
 * @throws TypeError for any other kind of value.
 * @example
 * ```ts
 * const rng = checkRandomState(42);    // new RandomState(42)
 * checkRandomState(rng) === rng;       // true
 * checkRandomState(null);              // freshly, unpredictably seeded
 * ```
 */
export function checkRandomState(randomState: number | RandomState | null | undefined): RandomState {
  if (randomState === null || randomState === undefined) {
    const seed = new Uint32Array(1);
    globalThis.crypto.getRandomValues(seed);
    return new RandomState(seed[0]!);
  }
  if (randomState instanceof RandomState) return randomState;
  if (typeof randomState === 'number') {
    if (!isUint32Seed(randomState)) {
      throw new RangeError(
        `randomState must be an integer in [0, 4294967295], a RandomState or null; got ${String(randomState)}`,
      );
    }
    return new RandomState(randomState);
  }
  throw new TypeError(
    `randomState must be an integer in [0, 4294967295], a RandomState or null; got ${typeof randomState}`,
  );
}
