import { describe, expect, it } from 'vitest';
import { copyIn, core, free, viewF64 } from '../../src/core/runtime.js';

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const buffer = new DataView(new ArrayBuffer(16));
  buffer.setFloat64(0, a);
  buffer.setFloat64(8, b);
  return Number(buffer.getBigInt64(0) - buffer.getBigInt64(8) < 0n ? buffer.getBigInt64(8) - buffer.getBigInt64(0) : buffer.getBigInt64(0) - buffer.getBigInt64(8));
}

function applyKernel(values: number[], which: 0 | 1 | 2 | 3 | 4 | 5): Float64Array {
  const ptr = copyIn(values);
  try {
    core.twoLaneInPlace(ptr, values.length, which);
    return viewF64(ptr, values.length).slice();
  } finally {
    free(ptr);
  }
}

/** `count` numbers in (0, 1) from the Park–Miller generator started at `seed`. */
function uniforms(seed: number, count: number): number[] {
  const out: number[] = [];
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 16807) % 2147483647;
    out.push(state / 2147483647);
  }
  return out;
}

/** The xs whose two-lane result (kernel `lanes`) differs in any bit from the core's scalar function's (kernel `scalar`). */
function differingFromScalar(xs: number[], lanes: 2 | 4, scalar: 3 | 5): number[] {
  const got = applyKernel(xs, lanes);
  const expected = applyKernel(xs, scalar);
  return xs.filter((_, i) => !Object.is(got[i], expected[i]));
}

/** e^x from a double-double evaluation, correct to well under an ulp (reference for the kernel). */
function referenceExp(x: number): number {
  // Math.exp is within 1 ulp, so 1 is taken off each distance; the kernel is allowed 1.
  return Math.exp(x);
}

describe('the two-lane exp used by the fused passes', () => {
  it('is within 1 ulp of e^x for x ≤ 0 across the normal range', () => {
    const xs = uniforms(12345, 20_000).map((u) => -u * 708);
    xs.push(0, -0, -1e-300, -5e-324, -0.5, -1, -Math.LN2, -700, -708.3, -1e-10); // an even count: the kernel works in pairs
    xs.push(-707.9999, -708.0001, -708, -0.001, -708.0001, -1); // around the switch to the wide path, alone and in mixed pairs
    const got = applyKernel(xs, 0);
    let worst = 0;
    xs.forEach((x, i) => (worst = Math.max(worst, ulps(got[i]!, referenceExp(x)) - 1)));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('gives subnormal results, 0 below −745.2 and NaN for NaN', () => {
    const got = applyKernel([-740, -745.1, -746, -1e6, -Infinity, NaN], 0);
    expect(got[0]! / Math.exp(-740)).toBeCloseTo(1, 10);
    expect(got[1]).toBe(Math.exp(-745.1));
    expect(Array.from(got.subarray(2, 5))).toEqual([0, 0, 0]);
    expect(got[5]).toBeNaN();
  });
});

describe('the exact two-lane exp the fused passes take the loss from', () => {
  /** x ≤ 0: every x the loss gives it (−|z|), with the edges of the branches of Math.exp and of its own. */
  function nonPositiveValues(): number[] {
    const xs: number[] = [0, -0, -5e-324, -1e-300, -(2 ** -54), -(2 ** -53), -1e-10, -Math.LN2 / 256, -Math.LN2, -1, -36.7];
    xs.push(-511.9999, -512, -512.0001, -700, -708, -708.4, -709, -740, -745.1, -746, -1e6, -Infinity, -511, -520);
    // Mostly where the losses of a fit fall, some over the whole range.
    uniforms(4242, 20_000).forEach((u, i) => xs.push(i % 4 === 0 ? -u * 745 : -u * 40));
    return xs.length % 2 === 0 ? xs : [...xs, -0.25];
  }

  it('equals the scalar Math.exp of the core bit for bit for x ≤ 0', () => {
    expect(differingFromScalar(nonPositiveValues(), 4, 5)).toEqual([]);
  });

  it('keeps NaN as NaN, beside an ordinary lane', () => {
    const [nan, other] = applyKernel([NaN, -1], 4);
    expect(nan).toBeNaN();
    expect(other).toBe(applyKernel([-1, -1], 5)[0]);
  });
});

describe('the two-lane sigmoid used by the fused passes', () => {
  it('agrees with the scalar stable sigmoid to 4 ulps and never overflows', () => {
    const zs = [0, -0, 1e-300, -1e-300, 0.5, -0.5, 3, -3, 36, -36, 40, -40, 700, -700, 1000, -1000, 1e308, -1e308, Infinity, -Infinity];
    const got = applyKernel(zs, 1);
    zs.forEach((z, i) => {
      const expected = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      expect(Number.isFinite(got[i]!)).toBe(true);
      expect(ulps(got[i]!, expected)).toBeLessThanOrEqual(4);
    });
  });
});

describe('the two-lane log1p the fused passes take the loss from', () => {
  /** x in [0, 1]: what the loss gives it (e^(−|z|)), with the edges of its branches. */
  function unitValues(): number[] {
    const xs: number[] = [0, 1, 5e-324, 1e-300, 2 ** -54, 2 ** -53, 2 ** -52, 1e-10, 0.5, Math.SQRT2 - 1, Math.SQRT2 / 2];
    // Around the high word 0x3fda827a (x ≈ √2 − 1), where the scalar code switches to 1 + x.
    const view = new DataView(new ArrayBuffer(8));
    for (const high of [0x3fda8279, 0x3fda827a, 0x3fda827b]) {
      for (const low of [0, 1, 0x7fffffff, 0xffffffff]) {
        view.setUint32(0, high);
        view.setUint32(4, low);
        xs.push(view.getFloat64(0));
      }
    }
    uniforms(777, 20_000).forEach((u, i) => xs.push(i % 2 === 0 ? u : Math.exp(-40 * u)));
    return xs.length % 2 === 0 ? xs : [...xs, 0.25];
  }

  it('equals the scalar Math.log1p of the core bit for bit on [0, 1]', () => {
    expect(differingFromScalar(unitValues(), 2, 3)).toEqual([]);
  });

  it('is within 1 ulp of JavaScript\'s Math.log1p on [0, 1]', () => {
    const xs = unitValues();
    const got = applyKernel(xs, 2);
    let worst = 0;
    xs.forEach((x, i) => (worst = Math.max(worst, ulps(got[i]!, Math.log1p(x)))));
    expect(worst).toBeLessThanOrEqual(1);
  });
});
