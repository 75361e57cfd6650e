// The constructor's contract: every option's default, the values it accepts, and ONE table of
// the options it refuses with the exact error (the same checks guard fromJSON's options).
import { describe, expect, it } from 'vitest';
import { LogisticRegression, type LogisticRegressionOptions, RandomState } from '../../src/index.js';
import { expectError } from '../assertions.js';

const LIST = 'penalty, C, l1Ratio, fitIntercept, tol, maxIter, solver, multiClass, warmStart, classWeight, learningRate, recordLoss, batchSize, shuffle, randomState, threads, dtype, simd, onIteration, onWarning';

/** How a value reads in a test's name. */
function shown(value: unknown): string {
  if (value instanceof RandomState) return 'a RandomState';
  if (value instanceof Map) return 'a Map';
  if (typeof value === 'string') return `'${value}'`;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

describe('new LogisticRegression() defaults', () => {
  const defaults: [keyof LogisticRegressionOptions, unknown][] = [
    ['penalty', 'l2'],
    ['C', 1],
    ['l1Ratio', null],
    ['fitIntercept', true],
    ['tol', 1e-4],
    ['maxIter', 100],
    ['solver', 'lbfgs'],
    ['multiClass', 'auto'],
    ['warmStart', false],
    ['classWeight', null],
    ['learningRate', 0.01],
    ['recordLoss', false],
    ['batchSize', 32],
    ['shuffle', true],
    ['randomState', null],
    ['threads', 'auto'],
    ['dtype', 'float64'],
    ['simd', 'standard'],
    ['onIteration', null],
  ];
  for (const [option, value] of defaults) {
    it(`defaults ${option} to ${shown(value)}`, () => {
      expect(new LogisticRegression()[option as keyof LogisticRegression]).toEqual(value);
    });
  }

  it('defaults onWarning to a function', () => {
    expect(new LogisticRegression().onWarning).toBeTypeOf('function');
  });
});

describe('new LogisticRegression(options) accepts', () => {
  it("chooses 'newton-cd' for penalties l1 and elasticnet when no solver is given, and 'lbfgs' otherwise", () => {
    expect(new LogisticRegression({ penalty: 'l1' }).solver).toBe('newton-cd');
    expect(new LogisticRegression({ penalty: 'elasticnet', l1Ratio: 0.5 }).solver).toBe('newton-cd');
    expect(new LogisticRegression({ penalty: 'l2' }).solver).toBe('lbfgs');
    expect(new LogisticRegression({ penalty: 'none' }).solver).toBe('lbfgs');
  });

  const kept: [keyof LogisticRegressionOptions, unknown, LogisticRegressionOptions][] = [
    ['penalty', 'none', {}],
    ['C', Infinity, {}],
    ['C', 0.5, {}],
    ['l1Ratio', 0, { penalty: 'elasticnet' }],
    ['fitIntercept', false, {}],
    ['tol', 0, {}],
    ['maxIter', 1, {}],
    ['solver', 'newton', {}],
    ['multiClass', 'ovr', {}],
    ['multiClass', 'multinomial', {}],
    ['warmStart', true, {}],
    ['classWeight', 'balanced', {}],
    ['classWeight', { a: 2 }, {}],
    ['classWeight', new Map([[1, 2]]), {}],
    ['learningRate', 0.5, {}],
    ['recordLoss', true, { solver: 'gd' }],
    ['batchSize', 1, {}],
    ['shuffle', false, {}],
    ['randomState', 7, {}],
    ['randomState', new RandomState(3), {}],
    ['threads', 1, {}],
    ['dtype', 'float32', {}],
    ['simd', 'relaxed', {}],
  ];
  for (const [option, value, others] of kept) {
    it(`keeps ${option} = ${shown(value)} as given`, () => {
      expect(new LogisticRegression({ ...others, [option]: value })[option as keyof LogisticRegression]).toBe(value);
    });
  }

  it('accepts every penalty with newton-cd, owlqn and gd', () => {
    for (const solver of ['newton-cd', 'owlqn', 'gd'] as const) {
      for (const penalty of ['l2', 'l1', 'elasticnet', 'none'] as const) {
        expect(() => new LogisticRegression({ solver, penalty, l1Ratio: penalty === 'elasticnet' ? 0.5 : null })).not.toThrow();
      }
    }
  });
});

describe('new LogisticRegression(options) rejects', () => {
  const cases: [string, unknown, ErrorConstructor, string][] = [
    ['C = 0', { C: 0 }, RangeError, 'LogisticRegression: C must be a number > 0 (Infinity for no penalty), got 0'],
    ['C < 0', { C: -1 }, RangeError, 'LogisticRegression: C must be a number > 0 (Infinity for no penalty), got -1'],
    ['C = -Infinity', { C: -Infinity }, RangeError, 'LogisticRegression: C must be a number > 0 (Infinity for no penalty), got -Infinity'],
    ['C = NaN', { C: NaN }, RangeError, 'LogisticRegression: C must be a number > 0 (Infinity for no penalty), got NaN'],
    ['C that is a string', { C: '1' }, TypeError, 'LogisticRegression: C must be a number, got a string'],
    ['l1Ratio > 1', { solver: 'owlqn', penalty: 'elasticnet', l1Ratio: 1.5 }, RangeError, 'LogisticRegression: l1Ratio must be in [0, 1], got 1.5'],
    ['l1Ratio < 0', { solver: 'owlqn', penalty: 'elasticnet', l1Ratio: -0.1 }, RangeError, 'LogisticRegression: l1Ratio must be in [0, 1], got -0.1'],
    ['l1Ratio = NaN', { solver: 'owlqn', penalty: 'elasticnet', l1Ratio: NaN }, RangeError, 'LogisticRegression: l1Ratio must be in [0, 1], got NaN'],
    ['elasticnet without l1Ratio', { solver: 'owlqn', penalty: 'elasticnet' }, RangeError, "LogisticRegression: penalty 'elasticnet' needs l1Ratio, a number in [0, 1]"],
    ['tol < 0', { tol: -1e-4 }, RangeError, 'LogisticRegression: tol must be a finite number ≥ 0, got -0.0001'],
    ['a negative tol', { tol: -1 }, RangeError, 'LogisticRegression: tol must be a finite number ≥ 0, got -1'],
    ['tol = NaN', { tol: NaN }, RangeError, 'LogisticRegression: tol must be a finite number ≥ 0, got NaN'],
    ['learningRate 0', { learningRate: 0 }, RangeError, 'LogisticRegression: learningRate must be a finite number > 0, got 0'],
    ['a negative learningRate', { learningRate: -1 }, RangeError, 'LogisticRegression: learningRate must be a finite number > 0, got -1'],
    ['learningRate NaN', { learningRate: NaN }, RangeError, 'LogisticRegression: learningRate must be a finite number > 0, got NaN'],
    ['learningRate Infinity', { learningRate: Infinity }, RangeError, 'LogisticRegression: learningRate must be a finite number > 0, got Infinity'],
    ['learningRate as a string', { learningRate: '0.1' }, TypeError, 'LogisticRegression: learningRate must be a number, got a string'],
    ['maxIter 0', { maxIter: 0 }, RangeError, 'LogisticRegression: maxIter must be an integer from 1 to 2147483647, got 0'],
    ['a fractional maxIter', { maxIter: 2.5 }, RangeError, 'LogisticRegression: maxIter must be an integer from 1 to 2147483647, got 2.5'],
    ['fitIntercept as a number', { fitIntercept: 1 }, TypeError, 'LogisticRegression: fitIntercept must be a boolean, got a number'],
    ['an unknown solver', { solver: 'adam' }, RangeError, "LogisticRegression: solver must be one of 'lbfgs', 'newton', 'newton-cd', 'owlqn', 'gd', 'sgd', got 'adam'"],
    ['an unknown penalty', { penalty: 'l3' }, RangeError, "LogisticRegression: penalty must be one of 'l2', 'l1', 'elasticnet', 'none', got 'l3'"],
    ['penalty l1 with solver lbfgs', { solver: 'lbfgs', penalty: 'l1' }, RangeError, "LogisticRegression: solver 'lbfgs' does not support penalty 'l1'; use one of 'newton-cd', 'owlqn', 'gd', 'sgd'"],
    ['penalty elasticnet with solver newton', { solver: 'newton', penalty: 'elasticnet', l1Ratio: 0.5 }, RangeError, "LogisticRegression: solver 'newton' does not support penalty 'elasticnet'; use one of 'newton-cd', 'owlqn', 'gd', 'sgd'"],
    ['more than 64 threads', { threads: 65 }, RangeError, 'LogisticRegression: threads must be an integer from 1 to 64, got 65'],
    ['an unknown simd value', { simd: 'fma' }, RangeError, "LogisticRegression: simd must be one of 'standard', 'relaxed', got 'fma'"],
    ["simd 'relaxed' with more than one thread", { simd: 'relaxed', threads: 2 }, RangeError, "LogisticRegression: simd 'relaxed' trains on one thread; got threads 2 (use threads 1 or 'auto', or simd 'standard')"],
    ["dtype 'float32' with solver 'sgd'", { dtype: 'float32', solver: 'sgd' }, RangeError, "LogisticRegression: dtype 'float32' is not available with solver 'sgd'; use a full-batch solver or dtype 'float64'"],
    ['tol = Infinity', { tol: Infinity }, RangeError, 'LogisticRegression: tol must be a finite number ≥ 0, got Infinity'],
    ['maxIter above 2³¹ − 1', { maxIter: 2 ** 31 }, RangeError, 'LogisticRegression: maxIter must be an integer from 1 to 2147483647, got 2147483648'],
    ['l1Ratio as a string', { penalty: 'elasticnet', l1Ratio: '0.5' }, TypeError, 'LogisticRegression: l1Ratio must be a number, got a string'],
    ['an unknown multiClass', { multiClass: 'ovo' }, RangeError, "LogisticRegression: multiClass must be one of 'auto', 'multinomial', 'ovr', got 'ovo'"],
    ['warmStart as a number', { warmStart: 1 }, TypeError, 'LogisticRegression: warmStart must be a boolean, got a number'],
    ['classWeight as a string other than balanced', { classWeight: 'even' }, TypeError, "LogisticRegression: classWeight must be 'balanced', a Map or an object of label → weight, got a string"],
    ['classWeight as a number', { classWeight: 2 }, TypeError, "LogisticRegression: classWeight must be 'balanced', a Map or an object of label → weight, got a number"],
    ['a NaN classWeight', { classWeight: { a: NaN } }, RangeError, "LogisticRegression: classWeight for 'a' must be a finite number ≥ 0, got NaN"],
    ['recordLoss with a solver other than gd and sgd', { recordLoss: true }, RangeError, "LogisticRegression: recordLoss is only available with solvers 'gd' and 'sgd'; use onIteration to follow other solvers"],
    ['recordLoss as a string', { solver: 'gd', recordLoss: 'yes' }, TypeError, 'LogisticRegression: recordLoss must be a boolean, got a string'],
    ['batchSize 0', { batchSize: 0 }, RangeError, 'LogisticRegression: batchSize must be an integer from 1 to 2147483647, got 0'],
    ['a fractional batchSize', { batchSize: 1.5 }, RangeError, 'LogisticRegression: batchSize must be an integer from 1 to 2147483647, got 1.5'],
    ['shuffle as a number', { shuffle: 1 }, TypeError, 'LogisticRegression: shuffle must be a boolean, got a number'],
    ['a negative randomState', { randomState: -1 }, RangeError, 'LogisticRegression: randomState must be an integer from 0 to 4294967295, got -1'],
    ['a fractional randomState', { randomState: 1.5 }, RangeError, 'LogisticRegression: randomState must be an integer from 0 to 4294967295, got 1.5'],
    ['randomState as a string', { randomState: 'a' }, TypeError, 'LogisticRegression: randomState must be a number, got a string'],
    ['threads 0', { threads: 0 }, RangeError, 'LogisticRegression: threads must be an integer from 1 to 64, got 0'],
    ['a fractional threads', { threads: 1.5 }, RangeError, 'LogisticRegression: threads must be an integer from 1 to 64, got 1.5'],
    ['threads as a string other than auto', { threads: 'all' }, TypeError, 'LogisticRegression: threads must be a number, got a string'],
    ['an unknown dtype', { dtype: 'float16' }, RangeError, "LogisticRegression: dtype must be one of 'float64', 'float32', got 'float16'"],
    ['onIteration as a string', { onIteration: 'f' }, TypeError, 'LogisticRegression: onIteration must be a function or null, got a string'],
    ['onWarning as a number', { onWarning: 1 }, TypeError, 'LogisticRegression: onWarning must be a function or null, got a number'],
    ['options that are not an object', 5, TypeError, 'LogisticRegression: options must be an object, got a number'],
    ['an unknown option', { maxIterations: 5 }, TypeError, `LogisticRegression: unknown option 'maxIterations' (known options: ${LIST})`],
    ["scikit-learn's snake_case spelling", { max_iter: 5 }, TypeError, `LogisticRegression: unknown option 'max_iter'; did you mean 'maxIter'? (known options: ${LIST})`],
  ];
  for (const [what, options, kind, message] of cases) {
    it(`rejects ${what} with a ${kind.name} naming the option`, () => {
      expectError(() => new LogisticRegression(options as never), kind, message);
    });
  }
});
