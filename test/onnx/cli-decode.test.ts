// The CLI reads an ONNX model file with one decode: parameters and metadata come from the
// same pass, and the model it builds is the one fromOnnx builds.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type Label, LogisticRegression } from '../../src/index.js';
import { readOnnxFile } from '../../src/cli/onnx-file.js';
import * as messages from '../../src/onnx/messages.js';
import { scratch } from '../cli/helpers.js';

vi.mock('../../src/onnx/messages.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/onnx/messages.js')>();
  return { ...original, decodeModel: vi.fn(original.decodeModel) };
});

const tmp = scratch();
afterAll(() => tmp.remove());
const fixture = (name: string) => readFileSync(new URL(`../fixtures/onnx/${name}.onnx`, import.meta.url));

describe('readOnnxFile', () => {
  it('decodes the file once', async () => {
    const file = tmp.file('binary.onnx', fixture('binary'));
    const decode = vi.mocked(messages.decodeModel);
    decode.mockClear();
    await readOnnxFile(file);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  for (const name of ['binary', 'multinomial', 'ovr']) {
    it(`builds the same model as fromOnnx (${name})`, async () => {
      const bytes = fixture(name);
      const { model } = await readOnnxFile(tmp.file(`${name}.onnx`, bytes));
      expect(model.toJSON().model).toEqual(LogisticRegression.fromOnnx(bytes).toJSON().model);
    });
  }

  it('builds the same model as fromOnnx for string and boolean labels', async () => {
    for (const classes of [['bird', 'cat', 'dog'], [false, true]] as Label[][]) {
      const coef = classes.length === 2 ? [[0.5, -1]] : [[0.5, -1], [2, 0.25], [-1, 1]];
      const bytes = LogisticRegression.fromSklearn({ coef, intercept: coef.map((_, k) => k - 1), classes }).toOnnx();
      const { model } = await readOnnxFile(tmp.file('labels.onnx', bytes));
      expect(model.classes).toEqual(classes);
      expect(model.toJSON().model).toEqual(LogisticRegression.fromOnnx(bytes).toJSON().model);
    }
  });
});
