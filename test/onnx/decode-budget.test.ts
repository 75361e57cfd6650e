// The ONNX decoder's work is bounded by what the importer reads: attributes it does not
// use are never decoded, every count is checked against its cap before values are
// materialised, and one value budget covers the whole file.
import { afterEach, describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../src/index.js';
import { ATTR, LIMITS, writeAttribute } from '../../src/onnx/messages.js';
import { ProtoWriter } from '../../src/onnx/protobuf.js';
import { classifierModel, packedVarints, rawAttribute } from './crafted.js';

/** The varint of 2^60: valid int64, but beyond what a JS number holds exactly. */
const TWO_TO_60 = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10];

/** The importer's cap on class labels. */
const MAX_CLASSES = 1 << 16;

const X = [[1, 1], [-2, 0.5], [0, -3]];
const reference = LogisticRegression.fromOnnx(classifierModel());

describe('attributes the importer does not read', () => {
  it('reads the crafted reference model (classes 0 and 1, two features)', () => {
    expect(reference.classes).toEqual([0, 1]);
    expect(reference.coef.toArray()).toEqual([[1, -2]]);
  });

  it('are skipped undecoded: int64 values beyond 2^53 in an unknown attribute do not stop the import', () => {
    const junk = rawAttribute('unknown_ints', ATTR.INTS, 8, Uint8Array.from([1, 2, ...TWO_TO_60, 3]));
    const model = LogisticRegression.fromOnnx(classifierModel({ extra: [junk] }));
    expect(model.predictProba(X).toArray()).toEqual(reference.predictProba(X).toArray());
  });

  it('are skipped undecoded on the other nodes too (a ZipMap whose classlabels_int64s the importer never needs)', () => {
    const zipmap = new ProtoWriter()
      .string(1, 'probabilities')
      .string(2, 'zipped')
      .string(4, 'ZipMap')
      .message(5, rawAttribute('classlabels_int64s', ATTR.INTS, 8, Uint8Array.from([...TWO_TO_60, ...TWO_TO_60])))
      .string(7, 'ai.onnx.ml');
    const model = LogisticRegression.fromOnnx(classifierModel({ extraNodes: [zipmap] }));
    expect(model.predict(X)).toEqual(reference.predict(X));
  });

  it('cost nothing from the value budget: 8 million unread packed values next to a budget of 16', () => {
    const saved = LIMITS.values;
    LIMITS.values = 16;
    try {
      const junk = rawAttribute('unknown_ints', ATTR.INTS, 8, packedVarints(8 << 20));
      expect(LogisticRegression.fromOnnx(classifierModel({ extra: [junk] })).predict(X)).toEqual(reference.predict(X));
    } finally {
      LIMITS.values = saved;
    }
  });
});

describe('counts checked before values are decoded', () => {
  it(`rejects more than ${MAX_CLASSES} integer class labels without reading past the cap`, () => {
    // 2^16 + 1 labels, then a truncated varint: counting stops at the cap, before the damage.
    const labels = rawAttribute('classlabels_ints', ATTR.INTS, 8, packedVarints(MAX_CLASSES + 1, 1, [0x80]));
    expect(() => LogisticRegression.fromOnnx(classifierModel({ labels }))).toThrow(
      `LogisticRegression.fromOnnx: LinearClassifier has more than ${MAX_CLASSES} class labels; at most ${MAX_CLASSES} are read`,
    );
  });

  it(`rejects more than ${MAX_CLASSES} string class labels`, () => {
    const strings = Array.from({ length: MAX_CLASSES + 1 }, (_, i) => `c${i}`);
    const labels = writeAttribute({ name: 'classlabels_strings', type: ATTR.STRINGS, strings });
    expect(() => LogisticRegression.fromOnnx(classifierModel({ labels }))).toThrow(`more than ${MAX_CLASSES} class labels`);
  });

  it('stops counting intercepts past the class count (a damaged value after them is never reached)', () => {
    // Three unpacked float intercepts for two classes, then field 7 with the wrong wire type.
    const intercepts = new ProtoWriter().string(1, 'intercepts').float(7, 0.5).float(7, 0.5).float(7, 0.5).int(7, 1).int(20, ATTR.FLOATS);
    expect(() => LogisticRegression.fromOnnx(classifierModel({ intercepts }))).toThrow(
      'LogisticRegression.fromOnnx: LinearClassifier has more than 2 intercepts for 2 classes',
    );
  });

  it('checks the coefficient count against the stated input width before decoding any coefficient', () => {
    // Six coefficients (two rows of three, the first NaN) for an input of width 2.
    const coefficients = writeAttribute({ name: 'coefficients', type: ATTR.FLOATS, floats: [NaN, 1, 2, 3, 4, 5] });
    expect(() => LogisticRegression.fromOnnx(classifierModel({ coefficients }))).toThrow(
      "LogisticRegression.fromOnnx: the graph input 'X' has 2 features; the coefficients have 3",
    );
  });
});

describe('one value budget for the whole file', () => {
  afterEach(() => {
    LIMITS.values = 64 * 1024 * 1024;
  });

  it('counts the values of every attribute read against one budget, not each attribute against its own', () => {
    // Labels (2), coefficients (4) and intercepts (2): each within a budget of 5, together 8.
    LIMITS.values = 5;
    expect(() => LogisticRegression.fromOnnx(classifierModel())).toThrow(/more than 5 values in all/);
    LIMITS.values = 8;
    expect(LogisticRegression.fromOnnx(classifierModel()).predict(X)).toEqual(reference.predict(X));
  });
});
