// Flag values a user can get wrong: each refused in the CLI's own words (exit 2 and the
// command's usage), never passed to the estimator or parseArgs unchecked, and the
// split flags explained in terms of the rows they leave.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../src/index.js';
import { cli, scratch, type CliResult } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

const DATA = tmp.file('data.csv', `a,b,y\n${Array.from({ length: 60 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2}`).join('\n')}\n`);

function usageError(r: CliResult, message: string | RegExp, usage = 'train'): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const first = r.stderr.split('\n')[0] as string;
  if (typeof message === 'string') expect(first).toBe(`logreg-wasm: ${message}`);
  else expect(first).toMatch(message);
  expect(r.stderr).toContain(`Usage: logreg-wasm ${usage}`);
}

const train = (...args: string[]) => cli(['train', DATA, '--target', 'y', '--quiet', ...args]);

describe("parseArgs's refusals in the CLI's words", () => {
  it('a switch given a value', async () => {
    usageError(await cli(['predict', 'm.json', DATA, '--proba=yes']), '--proba is a switch; it takes no value', 'predict');
  });

  it('a text flag at the end without its value', async () => {
    usageError(await cli(['predict', 'm.json', DATA, '--out']), '--out needs a value', 'predict');
  });

  it('an unknown letter among combined short flags', async () => {
    usageError(await train('-qx'), "unknown option '-x'");
  });
});

describe('text flags', () => {
  it('given twice with different values are refused, naming both (parseArgs would keep the last silently)', async () => {
    usageError(await cli(['train', DATA, '--target', 'y', '--target', 'a']), "--target is given twice ('y' and 'a'); give it once");
  });

  it('given twice with the same value are accepted', async () => {
    expect((await train('--target', 'y', '--test-size', '0', '--max-iter', '5')).code).toBe(0);
  });

  it('given an empty value are refused', async () => {
    usageError(await cli(['train', DATA, '--target=']), "--target needs a value; got ''");
    usageError(await train('--out', ''), "--out needs a value; got ''");
  });
});

describe('--solver', () => {
  it("accepts every solver the estimator accepts (its list read from the estimator's own refusal)", () => {
    let message = '';
    try {
      new LogisticRegression({ solver: 'none-such' as never });
    } catch (error) {
      message = (error as Error).message;
    }
    const solvers = [...(/solver must be one of (.*), got/.exec(message)?.[1] ?? '').matchAll(/'([\w-]+)'/g)].map((m) => m[1] as string);
    expect(solvers).toContain('lbfgs');
    return Promise.all(
      solvers.map(async (solver) => {
        const r = await train('--solver', solver, '--test-size', '0', '--max-iter', '5');
        expect(r.stderr, solver).not.toMatch(/logreg-wasm:/);
        expect(r.code, solver).toBe(0);
      }),
    );
  });
});

describe('--multi-class', () => {
  const THREE = tmp.file('three.csv', `a,b,y\n${Array.from({ length: 90 }, (_, i) => `${(i % 3) + Math.sin(i)},${Math.cos(i)},${i % 3}`).join('\n')}\n`);
  const savedMode = async (...args: string[]) => {
    const out = tmp.path(`mode-${args.join('-')}.json`);
    const r = await cli(['train', THREE, '--target', 'y', '--quiet', '--test-size', '0', '--out', out, ...args]);
    expect(r.stderr).toBe('');
    return (JSON.parse(readFileSync(out, 'utf8')) as { estimator: { model: { mode: string } } }).estimator.model.mode;
  };

  it("is checked by the estimator's own rule, its refusal in the flag's terms", async () => {
    usageError(await train('--multi-class', 'ovx'), "--multi-class must be one of 'auto', 'multinomial', 'ovr', got 'ovx'");
  });

  it('ovr fits one binary model per class; auto (the default) and multinomial fit one softmax', async () => {
    expect(await savedMode('--multi-class', 'ovr')).toBe('ovr');
    expect(await savedMode('--multi-class', 'multinomial')).toBe('multinomial');
    expect(await savedMode()).toBe('multinomial');
  });

  it("the estimator's advice to change multiClass names the flag", async () => {
    const r = await cli(['train', THREE, '--target', 'y', '--quiet', '--dtype', 'float32']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/use --multi-class 'ovr' or dtype 'float64'\n$/);
    expect((await cli(['train', THREE, '--target', 'y', '--quiet', '--dtype', 'float32', '--multi-class', 'ovr'])).code).toBe(0);
  });
});

describe('column names given as flags', () => {
  it('--target is trimmed as header names are (a padded name would never match)', async () => {
    const r = await cli(['train', DATA, '--target', ' y ', '--test-size', '0', '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).data.target).toBe('y');
  });
});

describe('numeric flags', () => {
  it('take decimal notation only, as cells of the data do (0x10 is not 16)', async () => {
    usageError(await train('--C', '0x10'), "--C: expected a number > 0, or inf for no penalty, got '0x10'");
    usageError(await train('--max-iter', '0b11'), "--max-iter: expected an integer ≥ 1, got '0b11'");
  });

  it('--C inf trains without a penalty, reports C as Infinity and saves a model predict reads', async () => {
    const out = tmp.path('inf.json');
    const r = await train('--C', 'inf', '--test-size', '0', '--json', '--out', out);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).fit.C).toBe('Infinity');
    const p = await cli(['predict', out, DATA]);
    expect(p.code).toBe(0);
    expect(p.stdout.split('\n')).toHaveLength(62);
  });

  it("the estimator's range errors name the flag", async () => {
    usageError(await train('--threads', '1e9'), /^logreg-wasm: --threads must be an integer from 1 to \d+, got 1000000000$/);
  });
});

describe('the split', () => {
  it('a --test-size that holds out every row says so in flag terms', async () => {
    const r = await train('--test-size', '0.99');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^logreg-wasm: .*data\.csv: --test-size 0\.99 holds out all 60 rows, leaving none to train on; lower --test-size\n$/);
  });

  it('training rows of one class are named as such, with what to change', async () => {
    const r = await cli(['train', tmp.file('two.csv', 'a,y\n1,0\n2,1\n'), '--target', 'y', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^logreg-wasm: .*two\.csv: the 1 training row holds one class \([01]\) after --test-size 0\.2 held out 1; lower --test-size or pass --stratify\n$/);
  });

  it('train --stream holds out the rows train holds out without --stream (ceil(test size × rows), drawn alike)', async () => {
    const file = tmp.file('split.csv', `a,y\n${Array.from({ length: 40 }, (_, i) => `${i},${i % 2}`).join('\n')}\n`);
    for (const testSize of ['0.01', '0.25']) {
      const streamed = JSON.parse((await cli(['train', file, '--target', 'y', '--quiet', '--json', '--stream', '--test-size', testSize])).stdout);
      const inMemory = JSON.parse((await cli(['train', file, '--target', 'y', '--quiet', '--json', '--solver', 'lbfgs', '--test-size', testSize])).stdout);
      expect(streamed.split.test).toBe(inMemory.split.test);
      expect(streamed.test.rows).toBe(inMemory.test.rows);
    }
  });
});
