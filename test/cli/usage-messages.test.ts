// Messages that help a user fix a command line: the nearest flag, value, command or
// column to a misspelt one; what a flag expects when its value starts with '-'; the usage
// of the command at hand; the estimator's warnings in flag terms.
import { afterAll, describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/cli/flags.js';
import { USAGE } from '../../src/cli/usage.js';
import { BREAST_CANCER, cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

const TRAIN_USAGE = 'Usage: logreg-wasm train <data.csv>';
const GENERAL_USAGE = 'Usage: logreg-wasm <command>';

describe('a flag value that starts with -', () => {
  it('--C -1 says what C must be and how to write such a value', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--C', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: --C: expected a number > 0, or inf for no penalty, got '-1' \(write --C=-1 for a value that starts with '-'\)\n/);
    expect(r.stderr).not.toContain('ambiguous');
    expect(r.stderr).toContain(TRAIN_USAGE);
  });

  it('--C=-1 says what C must be', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--C=-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: --C: expected a number > 0, or inf for no penalty, got '-1'\n/);
  });

  it('a text flag followed by an option-like word says how to pass it as a value', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', '-x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: --target needs a value; got the option-like '-x' \(write --target=-x for a value that starts with '-'\)/);
  });

  it('--target=-x takes -x as the column name', async () => {
    const r = await cli(['train', tmp.file('dash.csv', '-x,a\n0,1\n1,0\n0,1\n1,0\n'), '--target=-x', '--test-size', '0', '--quiet', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).data.target).toBe('-x');
  });
});

describe('suggestions', () => {
  it('an unknown flag gets the nearest flag of the command', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--standardise']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: unknown option '--standardise' \(did you mean --standardize\?\)/);
  });

  it('an unknown flag with = and a value is named without its value', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--maxiter=5']);
    expect(r.stderr).toMatch(/^logreg-wasm: unknown option '--maxiter' \(did you mean --max-iter\?\)/);
  });

  it('a long flag written with one dash gets the flag', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '-standardize']);
    expect(r.stderr).toMatch(/^logreg-wasm: unknown option '-standardize' \(did you mean --standardize\?\)/);
  });

  it('a flag with nothing near it gets no suggestion', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--zzzzzz']);
    expect(r.stderr).toMatch(/^logreg-wasm: unknown option '--zzzzzz'\n/);
  });

  it('a misspelt choice gets the nearest choice', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--solver', 'newtn']);
    expect(r.stderr).toMatch(/^logreg-wasm: --solver: expected lbfgs, newton, newton-cd, owlqn, gd, sgd; got 'newtn' \(did you mean newton\?\)/);
  });

  it('a misspelt command gets the nearest command', async () => {
    const r = await cli(['trian', BREAST_CANCER]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: unknown command 'trian' \(did you mean train\?\)/);
  });

  it('a misspelt column gets the nearest column', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosys', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no target column 'diagnosys' \(did you mean 'diagnosis'\?\); the columns are 'mean radius', .*, … \(31 in all\)\n$/);
  });

  it('a file with few columns has them all listed', async () => {
    const header = Array.from({ length: 12 }, (_, j) => `c${j}`);
    const r = await cli(['train', tmp.file('few.csv', `${header.join(',')}\n${header.map(() => 0).join(',')}\n`), '--target', 'label', '--quiet']);
    expect(r.stderr).toMatch(new RegExp(`no target column 'label'; the columns are ${header.map((h) => `'${h}'`).join(', ')}\\n$`));
  });
});

describe('the usage printed with a usage error', () => {
  for (const [what, args] of [
    ['an unknown solver', ['--solver', 'liblinear']],
    ['--test-size 1', ['--test-size', '1']],
    ['a bad --max-iter', ['--max-iter', '0']],
  ] as const) {
    it(`is train's for ${what}`, async () => {
      const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(TRAIN_USAGE);
      expect(r.stderr).not.toContain(GENERAL_USAGE);
    });
  }

  it("is predict's for a bad predict --delimiter", async () => {
    const r = await cli(['predict', 'm.json', BREAST_CANCER, '--delimiter', '|']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: logreg-wasm predict');
  });
});

describe("the estimator's warnings", () => {
  it('name flags, and suggest --standardize when it is off', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--max-iter', '3', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*--max-iter 3.*; increase --max-iter or pass --standardize\n$/);
    expect(r.stderr).not.toMatch(/maxIter|StandardScaler|LogisticRegression/);
  });

  it('do not suggest scaling when --standardize is on', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--standardize', '--max-iter', '2', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*--max-iter 2/);
    expect(r.stderr).not.toMatch(/standardi[sz]e|scal(e|ing)|StandardScaler/i);
  });
});

describe('help <command>', () => {
  it("prints the command's usage, as <command> --help does", async () => {
    const r = await cli(['help', 'predict']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await cli(['predict', '--help'])).stdout);
    expect(r.stdout).toMatch(/^Usage: logreg-wasm predict/);
  });

  it('names an unknown topic with the nearest command', async () => {
    const r = await cli(['help', 'trian']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("logreg-wasm: no help for 'trian': not a command (did you mean train?)");
  });
});

describe('each command\'s usage', () => {
  it('names every flag the command takes', () => {
    for (const [command, options] of Object.entries(OPTIONS)) {
      const missing = Object.keys(options).filter((name) => name !== 'help' && !new RegExp(`--${name}\\b`).test(USAGE[command] as string));
      expect({ command, missing }).toEqual({ command, missing: [] });
    }
  });
});
