/** The reference experiment, as the browser and consumer tests run it in Node. */
import type * as Library from '../../src/index.js';

export const REFERENCE_DATA = { nSamples: 1000, nFeatures: 2, nRedundant: 0, nInformative: 2, nClustersPerClass: 1, randomState: 42 } as const;
export const REFERENCE_SPLIT = { testSize: 0.2, randomState: 42 } as const;
export const REFERENCE_PARAMS = { solver: 'gd', penalty: 'none', learningRate: 0.01, maxIter: 1000, tol: 0 } as const;

/** The float64 bit patterns of a model's coefficients then intercepts, as hex. */
export function parameterBits(model: Library.LogisticRegression): string {
  const values = Float64Array.from([...model.coef.data, ...model.intercept]);
  return Buffer.from(values.buffer).toString('hex');
}

/** Fits the reference experiment with a copy of the library (e.g. dist/index.js). */
export function referenceFit(lib: typeof Library): { accuracy: number; bits: string; coef: number[]; intercept: number[] } {
  const { X, y } = lib.makeClassification(REFERENCE_DATA);
  const { XTrain, XTest, yTrain, yTest } = lib.trainTestSplit(X, y, REFERENCE_SPLIT);
  const model = new lib.LogisticRegression(REFERENCE_PARAMS).fit(XTrain, yTrain);
  return { accuracy: model.score(XTest, yTest), bits: parameterBits(model), coef: Array.from(model.coef.data), intercept: Array.from(model.intercept) };
}

/**
 * The same fit as JavaScript for a page: `import`s the library from `indexUrl` (and the
 * worker API from `workerUrl`) and returns the main-thread and worker results.
 */
export const PAGE_FIT = `
const bits = (model) => Array.from(new Uint8Array(Float64Array.from([...model.coef.data, ...model.intercept]).buffer), (b) => b.toString(16).padStart(2, '0')).join('');
export async function referenceFits(lib, workerApi) {
  const { X, y } = lib.makeClassification(${JSON.stringify(REFERENCE_DATA)});
  const { XTrain, XTest, yTrain, yTest } = lib.trainTestSplit(X, y, ${JSON.stringify(REFERENCE_SPLIT)});
  const params = ${JSON.stringify(REFERENCE_PARAMS)};
  const model = new lib.LogisticRegression(params).fit(XTrain, yTrain);
  const out = { main: { accuracy: model.score(XTest, yTest), bits: bits(model) }, isolated: globalThis.crossOriginIsolated === true };
  if (workerApi) {
    const { model: remote } = await workerApi.fitInWorker(XTrain, yTrain, { params });
    out.worker = { accuracy: remote.score(XTest, yTest), bits: bits(remote), sameClass: remote instanceof lib.LogisticRegression };
  }
  return out;
}
`;
