/**
 * A fitted model as an ONNX-ML graph, laid out as skl2onnx lays out scikit-learn's
 * LogisticRegression: input `X` (float, N×d), a `LinearClassifier` (domain ai.onnx.ml)
 * whose post_transform turns scores into probabilities — LOGISTIC for binary (two rows,
 * −w and w, so the two sigmoids sum to 1) and one-vs-rest, SOFTMAX for multinomial (two
 * classes: the rows −w and w, so the probabilities are softmax(−d, d) as scikit-learn's) — a
 * `Normalizer` (L1) after one-vs-rest so each row sums to 1, and outputs `label` and
 * `probabilities` (N×K float), or a `ZipMap` of the probabilities when asked for.
 * @module
 */
import type { ModelParameters } from '../estimator/model-json.js';
import { ATTR, ELEM_FLOAT, ELEM_INT64, ELEM_STRING, encodeModel, type OnnxNode, type OnnxType } from './messages.js';

/** Metadata keys written next to the graph. */
export const META_CLASSES = 'logreg-wasm:classes';
export const META_MODE = 'logreg-wasm:mode';

export interface OnnxExportOptions {
  /**
   * Add a ZipMap node, so `probabilities` is a sequence of {label: probability} maps as
   * skl2onnx emits by default; otherwise it is an N×K float tensor (skl2onnx's
   * `zipmap=False`), which every runtime reads.
   * @default false
   */
  zipmap?: boolean;
  /** Extra metadata_props entries (string to string). */
  metadata?: Record<string, string>;
  /** The producer_version field. */
  producerVersion?: string;
}

/** Encodes fitted parameters (as {@link LogisticRegression.toJSON} stores them) as ONNX bytes. */
export function parametersToOnnx(p: ModelParameters, options: OnnxExportOptions = {}): Uint8Array {
  const d = (p.coef[0] as number[]).length;
  const K = p.classes.length;
  const coefficients: number[] = [];
  const intercepts: number[] = [];
  if (p.coef.length === 1) {
    // Binary (LOGISTIC) and two-class multinomial (SOFTMAX) models alike: rows −w and w,
    // whose sigmoids sum to 1 and whose softmax is softmax(−d, d).
    const w = p.coef[0] as number[];
    const b = p.intercept[0] as number;
    coefficients.push(...w.map((x) => -x), ...w);
    intercepts.push(-b, b);
  } else {
    for (const row of p.coef) coefficients.push(...row);
    intercepts.push(...p.intercept);
  }
  for (const x of coefficients) {
    if (Math.abs(x) > 3.4028234663852886e38) throw new RangeError(`LogisticRegression.toOnnx: a coefficient (${x}) does not fit in a float32`);
  }
  const intLabels = p.classes.every((c) => typeof c === 'number' && Number.isSafeInteger(c));
  const metadata: Record<string, string> = { ...options.metadata, [META_MODE]: p.mode };
  if (!intLabels) metadata[META_CLASSES] = JSON.stringify(p.classes);
  const labelType = intLabels ? ELEM_INT64 : ELEM_STRING;
  const classifier: OnnxNode = {
    opType: 'LinearClassifier',
    domain: 'ai.onnx.ml',
    name: 'LinearClassifier',
    inputs: ['X'],
    outputs: ['label', p.mode === 'ovr' ? 'scores' : options.zipmap ? 'probability_tensor' : 'probabilities'],
    attributes: [
      intLabels
        ? { name: 'classlabels_ints', type: ATTR.INTS, ints: p.classes as number[] }
        : { name: 'classlabels_strings', type: ATTR.STRINGS, strings: p.classes.map(String) },
      { name: 'coefficients', type: ATTR.FLOATS, floats: coefficients },
      { name: 'intercepts', type: ATTR.FLOATS, floats: intercepts },
      { name: 'multi_class', type: ATTR.INT, i: p.mode === 'multinomial' ? 1 : 0 },
      { name: 'post_transform', type: ATTR.STRING, s: p.mode === 'multinomial' ? 'SOFTMAX' : 'LOGISTIC' },
    ],
  };
  const nodes: OnnxNode[] = [classifier];
  if (p.mode === 'ovr') {
    nodes.push({
      opType: 'Normalizer',
      domain: 'ai.onnx.ml',
      name: 'Normalizer',
      inputs: ['scores'],
      outputs: [options.zipmap ? 'probability_tensor' : 'probabilities'],
      attributes: [{ name: 'norm', type: ATTR.STRING, s: 'L1' }],
    });
  }
  let probaType: OnnxType = { kind: 'tensor', elemType: ELEM_FLOAT, shape: [null, K] };
  if (options.zipmap) {
    nodes.push({
      opType: 'ZipMap',
      domain: 'ai.onnx.ml',
      name: 'ZipMap',
      inputs: ['probability_tensor'],
      outputs: ['output_probability'],
      attributes: [
        intLabels
          ? { name: 'classlabels_int64s', type: ATTR.INTS, ints: p.classes as number[] }
          : { name: 'classlabels_strings', type: ATTR.STRINGS, strings: p.classes.map(String) },
      ],
    });
    probaType = { kind: 'sequence', elem: { kind: 'map', keyType: labelType, value: { kind: 'tensor', elemType: ELEM_FLOAT, shape: null } } };
  }
  return encodeModel({
    irVersion: 8,
    producerName: 'logreg-wasm',
    producerVersion: options.producerVersion ?? '',
    opsets: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 1 },
    ],
    metadata,
    graph: {
      name: 'logreg_wasm_logistic_regression',
      nodes,
      inputs: [{ name: 'X', type: { kind: 'tensor', elemType: ELEM_FLOAT, shape: [null, d] } }],
      outputs: [
        { name: 'label', type: { kind: 'tensor', elemType: labelType, shape: [null] } },
        { name: options.zipmap ? 'output_probability' : 'probabilities', type: probaType },
      ],
      initializers: 0,
    },
  });
}
