import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fma } from '../../src/datasets/fma.js';

/**
 * Reference results come from glibc's `fma` (hardware vfmadd on the fixture
 * machine), written by tools/make_log_fixture.py into test/fixtures/libm-log.json.
 */
interface FmaFixture {
  fma: {
    explicit: { count: number; data: string };
    seeded: { prng: string; seed: number; count: number; first: string[][]; results: string };
  };
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/libm-log.json', import.meta.url), 'utf8'),
) as FmaFixture;

function decode(b64: string): number[] {
  const buf = Buffer.from(b64, 'base64');
  const out: number[] = [];
  for (let i = 0; i < buf.length; i += 8) out.push(buf.readDoubleLE(i));
  return out;
}

const view = new DataView(new ArrayBuffer(8));
function hex(x: number): string {
  view.setFloat64(0, x);
  return view.getUint32(0).toString(16).padStart(8, '0') + view.getUint32(4).toString(16).padStart(8, '0');
}
function makeDouble(sign: number, biased: number, hi20: number, lo32: number): number {
  view.setUint32(0, ((sign << 31) | (biased << 20) | (hi20 & 0xfffff)) >>> 0);
  view.setUint32(4, lo32 >>> 0);
  return view.getFloat64(0);
}

/** mulberry32, as in tools/make_log_fixture.py. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0;
    t = (((t + (Math.imul(t ^ (t >>> 7), t | 61) >>> 0)) >>> 0) ^ t) >>> 0;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Port of seeded_fma_case() in tools/make_log_fixture.py (same draws, same order). */
function seededCase(next: () => number, i: number): [number, number, number] {
  const rnd = (eLo: number, eHi: number): [number, number] => {
    const w0 = next();
    const w1 = next();
    const w2 = next();
    const e = eLo + (w2 % (eHi - eLo + 1));
    if (e < -1022) return [makeDouble(w0 >>> 31, e + 1023 + 64, w0, w1) * 2 ** -64, e];
    return [makeDouble(w0 >>> 31, e + 1023, w0, w1), e];
  };
  const kind = i % 5;
  if (kind === 0) {
    const a = rnd(-40, 40)[0];
    const b = rnd(-40, 40)[0];
    return [a, b, rnd(-120, 90)[0]];
  }
  if (kind === 1) {
    const a = rnd(-40, 40)[0];
    const b = rnd(-40, 40)[0];
    const k = next() % 9;
    return [a, b, -(a * b) * (1.0 + (k - 4) * 2 ** -53)];
  }
  if (kind === 2) {
    const a = rnd(-1080, 1023)[0];
    const b = rnd(-1080, 1023)[0];
    return [a, b, rnd(-1080, 1023)[0]];
  }
  if (kind === 3) {
    const [a, ea] = rnd(-700, -300);
    const eb = -1090 - ea + (next() % 140);
    const b = rnd(eb, eb)[0];
    const sel = next() % 4;
    return [a, b, sel !== 0 ? rnd(-1080, -1000)[0] : 0.0];
  }
  const [a, ea] = rnd(500, 700);
  const eb = 1010 - ea + (next() % 20);
  const b = rnd(eb, eb)[0];
  return [a, b, rnd(1000, 1023)[0]];
}

describe('fma', () => {
  it('is a single-rounding multiply-add', () => {
    expect(fma(2, 3, 4)).toBe(10);
    // 0.1 * 10 rounds to exactly 1, but the exact product exceeds 1 by 2^-54.
    expect(0.1 * 10 - 1).toBe(0);
    expect(fma(0.1, 10, -1)).toBe(2 ** -54);
    // the rounding error of a product, recovered exactly
    const a = 1 + 2 ** -30;
    expect(fma(a, a, -(a * a))).toBe(2 ** -60);
  });

  it('follows IEEE-754 for zeros, infinities, NaN, overflow and underflow', () => {
    expect(Object.is(fma(1, 1, -1), 0)).toBe(true); // exact cancellation gives +0
    expect(Object.is(fma(-0, 1, -0), -0)).toBe(true);
    expect(Object.is(fma(0, -1, 0), 0)).toBe(true);
    expect(Object.is(fma(-(2 ** -600), 2 ** -600, 0), -0)).toBe(true); // underflow keeps the sign
    expect(fma(2 ** -600, 2 ** -600, 2 ** -1074)).toBe(2 ** -1074);
    expect(fma(Number.MAX_VALUE, 2, -Infinity)).toBe(-Infinity);
    expect(fma(Number.MAX_VALUE, 2, -Number.MAX_VALUE)).toBe(Number.MAX_VALUE);
    expect(fma(Number.MAX_VALUE, 2, 0)).toBe(Infinity);
    expect(fma(Infinity, 0, 1)).toBeNaN();
    expect(fma(Infinity, 1, -Infinity)).toBeNaN();
    expect(fma(1, 1, NaN)).toBeNaN();
    expect(fma(3 * 2 ** -1074, 0.5, 0)).toBe(2 ** -1073); // 1.5 quanta: tie to even
    expect(fma(2 ** -1074, 0.5, 0)).toBe(0); // 0.5 quantum: tie to even (zero)
  });

  it(`matches hardware fma on ${fixture.fma.explicit.count} hand-picked hard cases`, () => {
    const d = decode(fixture.fma.explicit.data);
    expect(d.length).toBe(4 * fixture.fma.explicit.count);
    const bad: string[] = [];
    for (let i = 0; i < d.length; i += 4) {
      const [a, b, c, want] = [d[i]!, d[i + 1]!, d[i + 2]!, d[i + 3]!];
      const got = fma(a, b, c);
      if (!Object.is(got, want) && bad.length < 10) bad.push(`fma(${hex(a)}, ${hex(b)}, ${hex(c)}) = ${hex(got)}, want ${hex(want)}`);
    }
    expect(bad).toEqual([]);
  });

  it(`matches hardware fma on ${fixture.fma.seeded.count} seeded random cases`, () => {
    const { seed, count, first, results } = fixture.fma.seeded;
    const want = decode(results);
    expect(want.length).toBe(count);
    expect(count).toBeGreaterThanOrEqual(100_000);
    const next = mulberry32(seed);
    const bad: string[] = [];
    for (let i = 0; i < count; i++) {
      const [a, b, c] = seededCase(next, i);
      if (i < first.length) expect([hex(a), hex(b), hex(c)]).toEqual(first[i]); // generator in sync
      const got = fma(a, b, c);
      if (!Object.is(got, want[i]!) && bad.length < 10) bad.push(`#${i} fma(${hex(a)}, ${hex(b)}, ${hex(c)}) = ${hex(got)}, want ${hex(want[i]!)}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('fma on small hand-checked cases', () => {
  it('rounds a * b + c once', () => {
    expect(fma(0.1, 10, -1)).toBe(5.551115123125783e-17);
    expect(0.1 * 10 - 1).toBe(0);
  });

  it('is exact when the product is exactly representable', () => {
    expect(fma(3, 4, 5)).toBe(17);
    expect(fma(0, 5, -2)).toBe(-2);
    expect(fma(2, 3, 0)).toBe(6);
  });

  it('resolves a product that cancels the addend', () => {
    const a = 1 + 2 ** -30;
    // a*a = 1 + 2^-29 + 2^-60 exactly; subtracting the rounded square leaves 2^-60.
    expect(fma(a, a, -(a * a))).toBe(2 ** -60);
  });
});
