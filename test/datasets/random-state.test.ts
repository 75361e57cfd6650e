import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { RandomState, checkRandomState } from '../../src/datasets/random-state.js';

interface Entry {
  seed: number;
  call: string;
  values: unknown;
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/random-state.json', import.meta.url), 'utf8'),
) as { entries: Entry[] };

const times = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);

/** The TypeScript equivalent of each numpy call recorded in the fixture. */
const CALLS: Record<string, (rs: RandomState) => unknown> = {
  'rs.get_state()[1][:8]  # MT19937 key after init_genrand(seed)': (rs) =>
    Array.from(rs.getState().key.subarray(0, 8)),
  'rs.randint(2**32, size=20, dtype=np.uint32)  # == raw MT19937 32-bit outputs': (rs) =>
    times(20, () => rs.randint(2 ** 32)),
  '[rs.random_sample() for _ in range(20)]': (rs) => times(20, () => rs.randomSample()),
  '[rs.standard_normal() for _ in range(20)]': (rs) => times(20, () => rs.standardNormal()),
  '[rs.standard_normal(size=3).tolist() for _ in range(20)]': (rs) =>
    times(20, () => times(3, () => rs.standardNormal())),
  'rs.standard_normal(size=(4, 3)).tolist()': (rs) => times(4, () => times(3, () => rs.standardNormal())),
  'out = []\nfor _ in range(10):\n    out.append(rs.standard_normal())\n    out.append(rs.random_sample())\n    out.extend(rs.standard_normal(size=2).tolist())\n    out.append(int(rs.randint(10)))':
    (rs) => {
      const out: number[] = [];
      for (let i = 0; i < 10; i++) {
        out.push(rs.standardNormal(), rs.randomSample(), rs.standardNormal(), rs.standardNormal(), rs.randint(10));
      }
      return out;
    },
  'rs.randint(7, size=20)': (rs) => times(20, () => rs.randint(7)),
  'rs.randint(2, size=20)': (rs) => times(20, () => rs.randint(2)),
  'rs.randint(-5, 1000000, size=20)': (rs) => times(20, () => rs.randint(-5, 1000000)),
  'rs.uniform(-3, 2, size=5)': (rs) => times(5, () => rs.uniform(-3, 2)),
  'rs.uniform(size=(2, 3)).tolist()': (rs) => times(2, () => times(3, () => rs.uniform())),
  'rs.permutation(10)': (rs) => Array.from(rs.permutation(10)),
  'rs.permutation(1000)': (rs) => Array.from(rs.permutation(1000)),
  'a = np.arange(10); rs.shuffle(a); a': (rs) => rs.shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
  '[rs.choice(10, 4, replace=False).tolist() for _ in range(3)]': (rs) =>
    times(3, () => Array.from(rs.choice(10, 4))),
  'rs.choice(10, 4)': (rs) => Array.from(rs.choice(10, 4, true)),
};

/** Exact comparison of nested number arrays (Object.is on every number). */
function expectExactlyEqual(actual: unknown, expected: unknown): void {
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  const flatA = [actual].flat(Infinity) as unknown[];
  const flatE = [expected].flat(Infinity) as unknown[];
  expect(flatA.length).toBe(flatE.length);
  flatA.forEach((v, i) => expect(Object.is(v, flatE[i])).toBe(true));
}

describe('RandomState against numpy fixtures', () => {
  it('has a TypeScript equivalent for every recorded numpy call', () => {
    for (const entry of fixture.entries) expect(CALLS[entry.call], entry.call).toBeTypeOf('function');
  });

  it.each(fixture.entries.map((e) => [e.seed, e.call.split('\n')[0]!, e] as const))(
    'reproduces numpy exactly for seed %i: %s',
    (_seed, _call, entry) => {
      const rs = new RandomState(entry.seed);
      expectExactlyEqual(CALLS[entry.call]!(rs), entry.values);
    },
  );
});

describe('RandomState', () => {
  it('starts from numpy init_genrand key words', () => {
    expect(Array.from(new RandomState(0).getState().key.subarray(0, 3))).toEqual([0, 1, 1812433255]);
    expect(new RandomState(0).getState().pos).toBe(624);
  });

  it('draws numpy values for ranges wider than 32 bits', () => {
    const rs = new RandomState(0);
    expect(times(3, () => rs.randint(2 ** 40))).toEqual([741280623151, 506137267392, 291447657211]);
    expect(times(2, () => rs.randint(2 ** 53 - 1))).toEqual([8293357854227815, 5809860774059731]);
    expect(rs.randint(-(2 ** 52), 2 ** 52)).toBe(2622427077465842);
  });

  it('consumes no draws for a randint range of one value', () => {
    const a = new RandomState(5);
    const b = new RandomState(5);
    expect(a.randint(7, 8)).toBe(7);
    expect(a.randint(1)).toBe(0);
    expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('consumes no draws when shuffling fewer than two elements', () => {
    const a = new RandomState(9);
    const b = new RandomState(9);
    expect(Array.from(a.permutation(1))).toEqual([0]);
    expect(Array.from(a.permutation(0))).toEqual([]);
    expect(a.randomSample()).toBe(b.randomSample());
  });

  it('keeps the second polar-method value for the next standardNormal call', () => {
    const rs = new RandomState(0);
    rs.standardNormal();
    expect(rs.getState().hasGauss).toBe(true);
    const cached = rs.getState().gauss;
    expect(rs.standardNormal()).toBe(cached);
    expect(rs.getState().hasGauss).toBe(false);
  });

  it('drops the cached normal value when reseeded', () => {
    const rs = new RandomState(0);
    rs.standardNormal();
    rs.seed(0);
    expect(rs.standardNormal()).toBe(1.764052345967664);
  });

  it('matches numpy for uniform, shuffle, permutation and choice examples', () => {
    expect(new RandomState(42).randomSample()).toBe(0.3745401188473625);
    expect(new RandomState(0).uniform(-1, 1)).toBe(0.0976270078546495);
    expect(new RandomState(0).shuffle([0, 1, 2, 3, 4])).toEqual([2, 0, 1, 3, 4]);
    expect(Array.from(new RandomState(0).permutation(5))).toEqual([2, 0, 1, 3, 4]);
    expect(Array.from(new RandomState(0).choice(5, 2))).toEqual([2, 0]);
    const rs = new RandomState(42);
    expect([rs.randint(10), rs.randint(5, 10)]).toEqual([6, 8]);
  });

  it('shuffles typed arrays in place', () => {
    const a = Float64Array.from([0, 1, 2, 3, 4]);
    expect(new RandomState(0).shuffle(a)).toBe(a);
    expect(Array.from(a)).toEqual([2, 0, 1, 3, 4]);
  });

  it('rejects seeds outside [0, 2^32 - 1]', () => {
    for (const seed of [-1, 2 ** 32, 1.5, Number.NaN]) {
      expect(() => new RandomState(seed)).toThrow(RangeError);
    }
    expect(() => new RandomState(-1)).toThrow(
      'RandomState: seed must be an integer in [0, 4294967295]; got -1',
    );
  });

  it('accepts the largest seed', () => {
    expect(new RandomState(4294967295).nextUint32()).toBe(new RandomState(4294967295).nextUint32());
  });

  it('rejects an empty randint range', () => {
    expect(() => new RandomState(0).randint(3, 3)).toThrow(
      'RandomState.randint: low >= high (low=3, high=3)',
    );
  });

  it('rejects non-integer randint bounds', () => {
    expect(() => new RandomState(0).randint(2.5)).toThrow(TypeError);
  });

  it('rejects a choice larger than the population', () => {
    expect(() => new RandomState(0).choice(3, 4)).toThrow(
      'RandomState.choice: cannot take a larger sample than the population without replacement (size=4 > n=3)',
    );
  });

  it('rejects an infinite uniform range', () => {
    expect(() => new RandomState(0).uniform(-Infinity, 0)).toThrow(RangeError);
  });
});

describe('checkRandomState', () => {
  it('seeds a new generator from an integer', () => {
    expect(checkRandomState(7).randomSample()).toBe(new RandomState(7).randomSample());
  });

  it('returns a RandomState instance unchanged', () => {
    const rs = new RandomState(1);
    expect(checkRandomState(rs)).toBe(rs);
  });

  it('seeds unpredictably from null or undefined', () => {
    expect(checkRandomState(null)).toBeInstanceOf(RandomState);
    expect(checkRandomState(undefined)).toBeInstanceOf(RandomState);
  });

  it('rejects invalid seeds and other values', () => {
    expect(() => checkRandomState(-3)).toThrow(
      'randomState must be an integer in [0, 4294967295], a RandomState or null; got -3',
    );
    expect(() => checkRandomState('42' as unknown as number)).toThrow(TypeError);
  });
});
