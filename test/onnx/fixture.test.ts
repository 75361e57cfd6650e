// ONNX LinearClassifiers built by tools/make_onnx_fixture.py from scikit-learn models
// (the layout skl2onnx emits, written with the onnx helper API): fromOnnx imports them
// and predicts as scikit-learn does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegression } from '../../src/index.js';

const dir = new URL('../fixtures/onnx/', import.meta.url);

describe('scikit-learn models built with the onnx helper API', () => {
  for (const [name, mode] of [
    ['binary', 'binary'],
    ['multinomial', 'multinomial'],
    ['ovr', 'ovr'],
  ] as const) {
    it(`${name}: imports and predicts like scikit-learn`, () => {
      const expected = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as {
        classes: Label[];
        X: number[][];
        predict: Label[];
        predictProba: number[][];
      };
      const model = LogisticRegression.fromOnnx(readFileSync(new URL(`${name}.onnx`, dir)));
      expect(model.classes).toEqual(expected.classes);
      expect(model.toJSON().model.mode).toBe(mode);
      expect(model.predict(expected.X)).toEqual(expected.predict);
      const proba = model.predictProba(expected.X).toArray();
      let worst = 0;
      proba.forEach((row, i) => row.forEach((p, k) => (worst = Math.max(worst, Math.abs(p - expected.predictProba[i]![k]!)))));
      // scikit-learn computes with float64 coefficients; ONNX stores them as float32.
      expect(worst).toBeLessThan(1e-5);
    });
  }
});
