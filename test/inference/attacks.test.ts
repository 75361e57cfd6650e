// An attacker's review of LogisticRegression#summary and the tests built on it: hostile names
// and group labels, degenerate cluster layouts, every kind of X a fit accepts (CSR, float32,
// no intercept), weights against the data they stand for, re-entry from a running fit, and
// sizes at the edges. Each test is what the summary must do.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PARAMETERS } from '../../src/inference/summary.js';
import { type CovType, CsrMatrix, likelihoodRatioTest, LogisticRegression, type LogisticRegressionSummary, makeClassification, Matrix } from '../../src/index.js';

/** The MLE to rounding: what every summary here describes. */
const mle = { penalty: 'none', solver: 'newton', tol: 1e-12, maxIter: 500, onWarning: null } as const;

const { X, y } = makeClassification({ nSamples: 60, nFeatures: 4, nInformative: 2, nRedundant: 0, randomState: 0 });
const rows = X.toArray();
const model = new LogisticRegression(mle).fit(X, y);

/** Standard errors over every equation, in the table's order. */
function stdErrs(summary: LogisticRegressionSummary): number[] {
  return summary.equations.flatMap((eq) => eq.coefficients.map((row) => row.stdErr));
}

/** max |a − b| / |b| over the entries. */
function relative(actual: readonly number[], expected: readonly number[]): number {
  expect(actual).toHaveLength(expected.length);
  return Math.max(...expected.map((b, i) => Math.abs((actual[i] as number) - b) / Math.abs(b)));
}

/** The covariance types that take no groups. */
const PLAIN: CovType[] = ['nonrobust', 'HC0', 'HC1', 'HC2', 'HC3'];

describe('summary({ featureNames }) with hostile names', () => {
  const names = ['__proto__', 'constructor', '', `${'é'.repeat(120)}🙂`];

  it('prints the table with __proto__, constructor, an empty and a long Unicode name, shortening the long one whole code points at a time', () => {
    const table = String(model.summary({ featureNames: names }));
    const lines = table.split('\n');
    expect(lines.filter((line) => line.startsWith('__proto__ '))).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('constructor '))).toHaveLength(2);
    expect(lines.filter((line) => /^éé+\.\.\.é+🙂 /.test(line))).toHaveLength(2);
    // No half of a surrogate pair is left by the shortening.
    expect(table).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(lines).toHaveLength(String(model.summary()).split('\n').length);
  });

  it('keeps the table one line per parameter when a name holds a newline or a tab', () => {
    const table = String(model.summary({ featureNames: ['a\nb', 'c\td', 'e\r\nf', 'g'] }));
    expect(table.split('\n')).toHaveLength(String(model.summary()).split('\n').length);
  });

  it('keeps the names as given in the rows, toJSON() and JSON.stringify', () => {
    const summary = model.summary({ featureNames: names });
    expect(summary.equations[0]?.coefficients.map((row) => row.name)).toEqual(['const', ...names]);
    const parsed = JSON.parse(JSON.stringify(summary)) as { equations: { coefficients: { name: string }[] }[] };
    expect(parsed.equations[0]?.coefficients.map((row) => row.name)).toEqual(['const', ...names]);
  });

  it('pollutes no prototype through toJSON(), JSON.stringify, waldTest or marginalEffects', () => {
    const summary = model.summary({ featureNames: names });
    const json = summary.toJSON();
    JSON.parse(JSON.stringify(summary));
    summary.waldTest(['__proto__', 'constructor']);
    summary.marginalEffects();
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(json.equations[0]?.coefficients[1])).toBe(Object.prototype);
    const probe: Record<string, unknown> = {};
    for (const key of ['estimate', 'stdErr', 'name', 'x1', '']) expect(probe[key], key).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('tests __proto__ and the empty name by name in waldTest, as their columns by position', () => {
    const summary = model.summary({ featureNames: names });
    expect(summary.waldTest(['__proto__'])).toEqual(summary.waldTest([[0, 1, 0, 0, 0]]));
    expect(summary.waldTest([''])).toEqual(summary.waldTest([[0, 0, 0, 1, 0]]));
  });

  it('names the features of marginalEffects as given', () => {
    expect(model.summary({ featureNames: names }).marginalEffects().effects.map((e) => e.name)).toEqual(names);
  });

  // A sparse array's holes are names too: each is checked.
  it('rejects featureNames with holes, naming the first hole', () => {
    expect(() => model.summary({ featureNames: new Array<string>(4) })).toThrow(new TypeError('LogisticRegression.summary: featureNames[0] must be a string, got undefined'));
  });

  // Names identify features in the nesting check of likelihoodRatioTest, so they must be distinct.
  it('refuses duplicate featureNames, which would let likelihoodRatioTest take models that are not nested', () => {
    const noise = rows.map((_, i) => Math.sin(i * 12.9898) * 3);
    const notNested = new LogisticRegression(mle).fit(rows.map((r, i) => [noise[i] as number, r[1] as number]), y);
    expect(() => likelihoodRatioTest(notNested.summary({ featureNames: ['b', 'b'] }), model.summary({ featureNames: ['a', 'b', 'c', 'd'] }))).toThrow(RangeError);
  });
});

describe("summary({ covType: 'cluster', groups }) with hostile groups", () => {
  const partition = rows.map((_, i) => i % 3);

  it('takes __proto__, constructor and toString as ordinary cluster labels', () => {
    const labels = ['__proto__', 'constructor', 'toString'];
    const named = model.summary({ covType: 'cluster', groups: partition.map((g) => labels[g] as string) });
    const numbered = model.summary({ covType: 'cluster', groups: partition });
    expect(named.nGroups).toBe(3);
    expect(named.covariance).toEqual(numbered.covariance);
    expect(({} as Record<string, unknown>)['__proto__']).toBe(Object.prototype);
  });

  it('tells the number 1 from the string "1", as Python tells 1 from "1"', () => {
    expect(model.summary({ covType: 'cluster', groups: rows.map((_, i) => (i % 2 === 0 ? 1 : '1')) }).nGroups).toBe(2);
  });

  it('rejects NaN in groups with a TypeError naming its position', () => {
    const groups = partition.map((g, i) => (i === 7 ? NaN : g));
    expect(() => model.summary({ covType: 'cluster', groups })).toThrow(TypeError);
    expect(() => model.summary({ covType: 'cluster', groups })).toThrow(/^LogisticRegression\.summary: groups\[7\] must be a finite number or a string/);
    expect(() => model.summary({ covType: 'cluster', groups: Float64Array.from(groups) })).toThrow(/groups\[7\] must be a finite number or a string/);
  });

  it('rejects Infinity, undefined and holes in groups', () => {
    expect(() => model.summary({ covType: 'cluster', groups: partition.map((g, i) => (i === 0 ? Infinity : g)) })).toThrow(/groups\[0\] must be a finite number or a string/);
    expect(() => model.summary({ covType: 'cluster', groups: new Array<number>(60) })).toThrow(/groups\[0\] must be a finite number or a string, got undefined/);
  });

  it('reads groups from a typed array as from an array', () => {
    expect(model.summary({ covType: 'cluster', groups: Int32Array.from(partition) }).covariance).toEqual(model.summary({ covType: 'cluster', groups: partition }).covariance);
  });

  it('gives HC1 when each row is its own cluster: G/(G − 1)·(n − 1)/(n − k) = n/(n − k)', () => {
    const own = model.summary({ covType: 'cluster', groups: rows.map((_, i) => i) });
    expect(own.nGroups).toBe(60);
    expect(relative(stdErrs(own), stdErrs(model.summary({ covType: 'HC1' })))).toBeLessThan(1e-12);
  });

  it('takes 20,000 clusters of one row each', () => {
    const big = makeClassification({ nSamples: 20_000, nFeatures: 4, nInformative: 2, nRedundant: 0, flipY: 0.1, randomState: 4 });
    const fitted = new LogisticRegression(mle).fit(big.X, big.y);
    const own = fitted.summary({ covType: 'cluster', groups: Int32Array.from({ length: 20_000 }, (_, i) => i) });
    expect(own.nGroups).toBe(20_000);
    expect(relative(stdErrs(own), stdErrs(fitted.summary({ covType: 'HC1' })))).toBeLessThan(1e-10);
  });
});

describe('summary() on every kind of X a fit accepts', () => {
  /** The rows as CSR, dropping the entries below 0.5 in size so that the matrix is really sparse. */
  const thinned = rows.map((r) => r.map((v) => (Math.abs(v) < 0.5 ? 0 : v)));
  const sparseRows = thinned.map((r) => Object.fromEntries(r.flatMap((v, j) => (v === 0 ? [] : [[j, v]]))));

  it.each([...PLAIN, 'cluster' as const])('gives a CsrMatrix X the summary of the same dense X (%s)', (covType) => {
    const sparse = new LogisticRegression(mle).fit(CsrMatrix.fromRows(sparseRows, { cols: 4 }), y);
    const dense = new LogisticRegression(mle).fit(thinned, y);
    const options = covType === 'cluster' ? { covType, groups: rows.map((_, i) => i % 7) } : { covType };
    const a = sparse.summary(options);
    const b = dense.summary(options);
    expect(relative(stdErrs(a), stdErrs(b))).toBeLessThan(1e-12);
    expect(Math.abs(a.logLikelihood - b.logLikelihood)).toBeLessThan(1e-12 * Math.abs(b.logLikelihood));
  });

  it('gives a CsrMatrix X the average marginal effects of the dense X', () => {
    const sparse = new LogisticRegression(mle).fit(CsrMatrix.fromRows(sparseRows, { cols: 4 }), y).summary().marginalEffects();
    const dense = new LogisticRegression(mle).fit(thinned, y).summary().marginalEffects();
    expect(relative(sparse.effects.map((e) => e.stdErr), dense.effects.map((e) => e.stdErr))).toBeLessThan(1e-12);
  });

  it("gives a float32 CsrMatrix fitted with dtype 'float32' the summary of its values in float64", () => {
    const values = Float32Array.from(X.data);
    const asRows = (data: Float32Array): Record<number, number>[] => rows.map((_, i) => Object.fromEntries(Array.from(data.subarray(i * 4, i * 4 + 4), (v, j) => [j, v])));
    const narrow = new LogisticRegression({ ...mle, dtype: 'float32' }).fit(CsrMatrix.fromRows(asRows(values), { cols: 4, dtype: 'float32' }), y).summary();
    const wide = new LogisticRegression(mle).fit(Matrix.from(Float64Array.from(values), 60, 4), y).summary();
    expect(relative(stdErrs(narrow), stdErrs(wide))).toBeLessThan(1e-12);
    expect(narrow.warnings).toEqual([]);
  });

  it('gives a float32 Matrix fitted in float64 the summary of its values in float64', () => {
    const narrow = Matrix.from(Float32Array.from(X.data), 60, 4);
    const a = new LogisticRegression(mle).fit(narrow, y).summary();
    const b = new LogisticRegression(mle).fit(Matrix.from(Float64Array.from(narrow.data), 60, 4), y).summary();
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  // Dense float32 X is widened for the passes of inference, exactly as the fit read it.
  it("gives a dense X fitted with dtype 'float32' the summary of its values in float64", () => {
    const values = Float32Array.from(X.data);
    const narrow = new LogisticRegression({ ...mle, dtype: 'float32' }).fit(Matrix.from(values, 60, 4), y).summary();
    const wide = new LogisticRegression(mle).fit(Matrix.from(Float64Array.from(values), 60, 4), y).summary();
    expect(Math.abs(narrow.logLikelihood - wide.logLikelihood)).toBeLessThan(1e-9);
    expect(relative(stdErrs(narrow), stdErrs(wide))).toBeLessThan(1e-6);
  });

  it('is internally consistent without an intercept: no const row, k = d, aic = −2·llf + 2k, dfModel = d − 1 (statsmodels)', () => {
    const summary = new LogisticRegression({ ...mle, fitIntercept: false }).fit(X, y).summary();
    const k = 4;
    expect(summary.equations[0]?.coefficients.map((row) => row.name)).toEqual(['x1', 'x2', 'x3', 'x4']);
    expect(summary.covariance).toHaveLength(k);
    expect([summary.dfModel, summary.dfResid]).toEqual([k - 1, 60 - k]);
    expect(summary.aic).toBe(-2 * summary.logLikelihood + 2 * k);
    expect(summary.bic).toBe(-2 * summary.logLikelihood + Math.log(60) * k);
    expect(summary.llr).toBe(2 * (summary.logLikelihood - summary.nullLogLikelihood));
  });

  it('is internally consistent without an intercept on three classes: k = E·d, dfModel = E·(d − 1)', () => {
    const three = makeClassification({ nSamples: 90, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, flipY: 0.1, classSep: 0.7, randomState: 1 });
    const summary = new LogisticRegression({ ...mle, fitIntercept: false }).fit(three.X, three.y).summary();
    const k = 2 * 4;
    expect([summary.dfModel, summary.dfResid]).toEqual([2 * 3, 90 - k]);
    expect(summary.aic).toBe(-2 * summary.logLikelihood + 2 * k);
    expect(summary.equations.map((eq) => eq.coefficients.map((row) => row.name))).toEqual([
      ['x1', 'x2', 'x3', 'x4'],
      ['x1', 'x2', 'x3', 'x4'],
    ]);
  });

  // dfModel = E·(p − 1) = 0: no likelihood-ratio test (statsmodels gives llr_pvalue NaN).
  it('summarises one feature without an intercept (dfModel 0)', () => {
    const summary = new LogisticRegression({ ...mle, fitIntercept: false }).fit(rows.map((r) => [r[1] as number]), y).summary();
    expect(summary.dfModel).toBe(0);
    expect(summary.llrPValue).toBeNaN();
    expect(String(summary)).toContain('Logit Regression Results');
  });
});

describe('summary() on three classes of which two separate', () => {
  // MNLogit data where classes 1 and 2 separate (coefficients ~200) leave the information singular;
  // the reason given is the separation, not collinear columns.
  it('names separation, not collinear columns, as the reason', () => {
    const three = makeClassification({ nSamples: 90, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState: 1 });
    const fitted = new LogisticRegression(mle).fit(three.X, three.y);
    expect(() => fitted.summary()).toThrow(/separat/);
    expect(() => fitted.summary()).not.toThrow(/linear combination/);
  });
});

describe('summary() and the options as fields of the model', () => {
  // The options the constructor checked decide, as in fit, whatever is written to the fields
  // afterwards.
  it('refuses the summary of a fit penalised by its constructor options even when model.penalty was overwritten', () => {
    const fitted = new LogisticRegression({ ...mle, penalty: 'l2', C: 0.01 });
    (fitted as unknown as { penalty: string }).penalty = 'none';
    fitted.fit(X, y);
    expect(() => fitted.summary()).toThrow(RangeError);
  });
});

describe('summary() with sample weights as frequency weights', () => {
  const zero = rows.map((_, i) => (i % 5 === 0 ? 0 : 1));
  const kept = rows.flatMap((_, i) => (zero[i] === 0 ? [] : [i]));
  const weighted = new LogisticRegression(mle).fit(rows, y, { sampleWeight: zero });
  const dropped = new LogisticRegression(mle).fit(
    kept.map((i) => rows[i] as number[]),
    kept.map((i) => y[i] as number),
  );

  it.each(PLAIN)('gives rows of weight 0 the summary of the data without them (%s)', (covType) => {
    const a = weighted.summary({ covType });
    const b = dropped.summary({ covType });
    expect([a.nObs, a.dfResid]).toEqual([b.nObs, b.dfResid]);
    expect(relative(stdErrs(a), stdErrs(b))).toBeLessThan(1e-9);
    expect(relative([a.logLikelihood, a.aic, a.bic, a.llrPValue], [b.logLikelihood, b.aic, b.bic, b.llrPValue])).toBeLessThan(1e-9);
  });

  it("gives rows of weight 0 the cluster summary of the data without them when every cluster keeps a row", () => {
    const groups = rows.map((_, i) => Math.floor(i / 5));
    const a = weighted.summary({ covType: 'cluster', groups });
    const b = dropped.summary({ covType: 'cluster', groups: kept.map((i) => groups[i] as number) });
    expect(a.nGroups).toBe(b.nGroups);
    expect(relative(stdErrs(a), stdErrs(b))).toBeLessThan(1e-9);
  });

  // A cluster of weight-0 rows only is no cluster: G counts clusters of observations.
  it('does not count a cluster whose rows all have weight 0', () => {
    const groups = rows.map((_, i) => (zero[i] === 0 ? 100 : Math.floor(i / 5)));
    const a = weighted.summary({ covType: 'cluster', groups });
    const b = dropped.summary({ covType: 'cluster', groups: kept.map((i) => groups[i] as number) });
    expect(a.nGroups).toBe(b.nGroups);
    expect(relative(stdErrs(a), stdErrs(b))).toBeLessThan(1e-9);
  });

  it('gives integer weights the summary of the data with each row repeated that many times (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 16, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 30, maxLength: 30 }),
        fc.constantFrom<CovType>('nonrobust', 'HC0', 'HC1', 'HC2', 'HC3', 'cluster'),
        (seed, n, draws, covType) => {
          const problem = makeClassification({ nSamples: n, nFeatures: 2, nInformative: 2, nRedundant: 0, nClustersPerClass: 1, flipY: 0.2, classSep: 0.5, randomState: seed });
          const Xs = problem.X.toArray();
          const ys = Array.from(problem.y);
          // At least one row of each class keeps a weight, so both fits see two classes.
          const weights = Xs.map((_, i) => Math.max(draws[i] as number, i < 2 ? 1 : 0));
          const groups = Xs.map((_, i) => i % 4);
          const repeat = <T>(values: readonly T[]): T[] => values.flatMap((v, i) => new Array<T>(weights[i] as number).fill(v));
          if (new Set(repeat(ys)).size < 2) return;
          const options = (g: number[]) => (covType === 'cluster' ? { covType, groups: g } : { covType });
          const outcome = (run: () => LogisticRegressionSummary): LogisticRegressionSummary | string => {
            try {
              return run();
            } catch (error) {
              return (error as Error).message;
            }
          };
          const a = outcome(() => new LogisticRegression(mle).fit(Xs, ys, { sampleWeight: weights }).summary(options(groups)));
          const b = outcome(() => new LogisticRegression(mle).fit(repeat(Xs), repeat(ys)).summary(options(repeat(groups))));
          // Separated draws are refused alike; otherwise the numbers agree.
          if (typeof a === 'string' || typeof b === 'string') {
            expect(typeof a).toBe(typeof b);
            return;
          }
          expect([a.nObs, a.dfResid, a.nGroups]).toEqual([b.nObs, b.dfResid, b.nGroups]);
          expect(relative(stdErrs(a), stdErrs(b))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('summary() called from an onIteration callback', () => {
  const busy = 'LogisticRegression.summary: a fit is running (it was called from an onIteration callback); call it after the fit returns';

  it("refuses another model's summary while a fit runs, and leaves both models usable", () => {
    const other = new LogisticRegression(mle).fit(X, y);
    const before = other.summary().toJSON();
    const seen: unknown[] = [];
    const running = new LogisticRegression({
      ...mle,
      onIteration: () => {
        try {
          other.summary();
          seen.push('returned');
        } catch (error) {
          seen.push(error);
        }
      },
    }).fit(X, y);
    expect(seen.length).toBeGreaterThan(0);
    for (const error of seen) {
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(busy);
    }
    expect(other.summary().toJSON()).toEqual(before);
    expect(running.summary().toJSON()).toEqual(before);
  });

  it('lets the refusal propagate out of fit, and both models still summarise', () => {
    const other = new LogisticRegression(mle).fit(X, y);
    const failing = new LogisticRegression({ ...mle, onIteration: () => void other.summary() });
    expect(() => failing.fit(X, y)).toThrow(new Error(busy));
    expect(other.summary().nObs).toBe(60);
    expect(failing.isFitted).toBe(false);
  });

  it('refuses marginalEffects of an existing summary while a fit runs', () => {
    const summary = new LogisticRegression(mle).fit(X, y).summary();
    const seen: string[] = [];
    new LogisticRegression({
      ...mle,
      onIteration: () => {
        try {
          summary.marginalEffects();
        } catch (error) {
          seen.push((error as Error).message);
        }
      },
    }).fit(X, y);
    expect(seen[0]).toBe('LogisticRegressionSummary.marginalEffects: a fit is running (it was called from an onIteration callback); call it after the fit returns');
    expect(summary.marginalEffects().effects).toHaveLength(4);
  });
});

describe('summary() at the edges of size', () => {
  it('summarises 300 features on 2,000 rows: 301 rows in the table and a Wald test of all 300', () => {
    const wide = makeClassification({ nSamples: 2000, nFeatures: 300, nInformative: 10, nRedundant: 0, classSep: 0.5, randomState: 3 });
    const summary = new LogisticRegression({ ...mle, tol: 1e-8 }).fit(wide.X, wide.y).summary();
    expect(summary.equations[0]?.coefficients).toHaveLength(301);
    expect(summary.covariance).toHaveLength(301);
    expect([summary.dfModel, summary.dfResid]).toEqual([300, 1699]);
    expect(summary.warnings).toEqual([]);
    expect(stdErrs(summary).every((se) => Number.isFinite(se) && se > 0)).toBe(true);
    expect(String(summary).split('\n').filter((line) => /^x\d+ /.test(line))).toHaveLength(600);
    const wald = summary.waldTest(Array.from({ length: 300 }, (_, j) => `x${j + 1}`));
    expect(wald.df).toBe(300);
    expect(wald.pValue).toBeGreaterThanOrEqual(0);
  });

  it('summarises a model of one feature', () => {
    const one = makeClassification({ nSamples: 80, nFeatures: 1, nInformative: 1, nRedundant: 0, nClustersPerClass: 1, flipY: 0.2, randomState: 2 });
    const summary = new LogisticRegression(mle).fit(one.X, one.y).summary({ featureNames: ['dose'] });
    expect(summary.equations[0]?.coefficients.map((row) => row.name)).toEqual(['const', 'dose']);
    expect([summary.dfModel, summary.dfResid]).toEqual([1, 78]);
    expect(summary.llrPValue).toBeGreaterThan(0);
    const fitted = new LogisticRegression(mle).fit(one.X, one.y);
    for (const covType of PLAIN) expect(stdErrs(fitted.summary({ covType })).every((se) => Number.isFinite(se) && se > 0), covType).toBe(true);
    expect(summary.marginalEffects().effects.map((e) => e.name)).toEqual(['dose']);
    expect(String(summary)).toMatch(/^dose\s/m);
  });
});

describe('summary() after the training data changed', () => {
  it('warns that the estimates are not at the maximum when X was changed in place after fit', () => {
    const values = Float64Array.from(X.data);
    const fitted = new LogisticRegression(mle).fit(Matrix.from(values, 60, 4), y);
    expect(fitted.summary().warnings).toEqual([]);
    values[0] = (values[0] as number) + 3;
    expect(fitted.summary().warnings.some((w) => w.startsWith('The estimates are not at the maximum of the likelihood'))).toBe(true);
  });

  // X is kept by reference: a change of its shape after fit is named as such.
  it('says the training X changed when its rows array was shortened after fit', () => {
    const copy = rows.map((r) => [...r]);
    const fitted = new LogisticRegression(mle).fit(copy, y);
    copy.length = 10;
    expect(() => fitted.summary()).toThrow(/LogisticRegression\.summary: .*X/);
    expect(() => fitted.summary()).not.toThrow(/informationPass/);
  });
});


describe('summary() on a model of more parameters than it inverts', () => {
  it('refuses at once, before any pass, with the count and the limit', () => {
    const d = MAX_PARAMETERS;
    const rows = 200;
    const indptr = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < rows; i++) {
      indices.push((i * 13) % d);
      values.push(1);
      indptr.push(indices.length);
    }
    const X = CsrMatrix.from({ rows, cols: d, indptr, indices, values });
    const model = new LogisticRegression({ penalty: 'none', maxIter: 3, onWarning: null }).fit(X, Array.from({ length: rows }, (_, i) => i % 2));
    expect(() => model.summary()).toThrow(
      new RangeError(`LogisticRegression.summary: the model has ${d + 1} parameters; a summary inverts their ${d + 1} × ${d + 1} information matrix (O(p³) work, 32 MiB), which it does up to ${d} parameters; select features first`),
    );
  });
});
