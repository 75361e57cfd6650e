import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { glibcLog } from '../../src/datasets/libm-log.js';

/**
 * Reference values: glibc 2.36 `log` (its `__log_fma` ifunc variant) on an
 * x86-64 AVX2+FMA machine, written by tools/make_log_fixture.py into
 * test/fixtures/libm-log.json. Every result must match bit for bit.
 */
interface LogFixture {
  log: { sets: { name: string; count: number; data: string }[] };
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/libm-log.json', import.meta.url), 'utf8'),
) as LogFixture;

function decodePairs(b64: string): [number, number][] {
  const buf = Buffer.from(b64, 'base64');
  const out: [number, number][] = [];
  for (let i = 0; i < buf.length; i += 16) out.push([buf.readDoubleLE(i), buf.readDoubleLE(i + 8)]);
  return out;
}

const view = new DataView(new ArrayBuffer(8));
function hex(x: number): string {
  view.setFloat64(0, x);
  return view.getUint32(0).toString(16).padStart(8, '0') + view.getUint32(4).toString(16).padStart(8, '0');
}

describe('glibcLog', () => {
  it('has a fixture of at least 20k reference values', () => {
    const total = fixture.log.sets.reduce((n, s) => n + s.count, 0);
    expect(total).toBeGreaterThanOrEqual(20_000);
  });

  for (const set of fixture.log.sets) {
    it(`equals glibc log bit for bit: ${set.name} (${set.count})`, () => {
      const pairs = decodePairs(set.data);
      expect(pairs.length).toBe(set.count);
      const bad: string[] = [];
      for (const [x, want] of pairs) {
        const got = glibcLog(x);
        if (!Object.is(got, want) && bad.length < 10) bad.push(`log(${hex(x)}) = ${hex(got)}, want ${hex(want)}`);
      }
      expect(bad).toEqual([]);
    });
  }

  it('needs to exist: Math.log disagrees with glibc on the dedicated set', () => {
    const set = fixture.log.sets.find((s) => s.name === 'Math.log != glibc log');
    expect(set).toBeDefined();
    const pairs = decodePairs(set!.data);
    expect(pairs.length).toBeGreaterThan(1000);
    // Chosen with the Math.log of the node that generated the fixture; a
    // different engine may round differently, so only require most to differ.
    const differ = pairs.filter(([x, want]) => !Object.is(Math.log(x), want)).length;
    expect(differ).toBeGreaterThan(pairs.length / 2);
  });

  it('handles special inputs like glibc', () => {
    expect(Object.is(glibcLog(1), 0)).toBe(true);
    expect(glibcLog(0)).toBe(-Infinity);
    expect(glibcLog(-0)).toBe(-Infinity);
    expect(glibcLog(Infinity)).toBe(Infinity);
    expect(glibcLog(-Infinity)).toBeNaN();
    expect(glibcLog(-1)).toBeNaN();
    expect(glibcLog(-Number.MIN_VALUE)).toBeNaN();
    expect(glibcLog(NaN)).toBeNaN();
    expect(glibcLog(Number.MIN_VALUE)).toBe(-744.4400719213812);
    expect(glibcLog(Number.MAX_VALUE)).toBe(709.782712893384);
    expect(glibcLog(2)).toBe(Math.LN2);
  });
});

describe('glibcLog on inputs where other logs differ', () => {
  it('returns glibc log where Math.log differs in the last bit', () => {
    // [x, log(x) as glibc 2.36 computes it (Python's math.log)]
    const cases: Array<[number, number]> = [
      [0.5353620001183298, -0.6248121251656834],
      [0.3970762451712549, -0.9236269634067281],
      [0.1798781384617489, -1.7154756659115378],
      [0.6069116037982349, -0.4993721265369246],
    ];
    for (const [x, expected] of cases) {
      expect(Object.is(glibcLog(x), expected)).toBe(true);
      expect(Math.log(x)).not.toBe(expected);
    }
  });

  it('returns glibc log where the correctly rounded value differs', () => {
    expect(glibcLog(0.7471423174062701)).toBe(-0.29149959337952835);
    expect(glibcLog(0.9146571380142451)).toBe(-0.0892059964816446);
  });

  it('handles exact and special arguments', () => {
    expect(Object.is(glibcLog(1), 0)).toBe(true);
    expect(glibcLog(0)).toBe(-Infinity);
    expect(glibcLog(Infinity)).toBe(Infinity);
    expect(glibcLog(-1)).toBeNaN();
    expect(glibcLog(Math.E)).toBe(1);
  });
});

