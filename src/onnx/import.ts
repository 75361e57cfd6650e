/**
 * Reads an ONNX-ML linear classifier back into model parameters. The bytes are treated
 * as hostile: the decoder bounds every size by the bytes present; here only the
 * operators a logistic regression graph uses are accepted (LinearClassifier, and
 * Normalizer, ZipMap, Identity, Cast around it), and the coefficients, intercepts,
 * labels and input shape must agree and be finite before a model is built.
 *
 * Only the attributes read here are ever decoded, each after its count is checked
 * against what the model can need: at most 65,536 labels, as many intercepts as labels,
 * and coefficients a whole number of rows of the input's width.
 * @module
 */
import { compareLabels, type Label } from '../validate/labels.js';
import type { ModelMode } from '../estimator/model-json.js';
import { META_CLASSES } from './export.js';
import { ELEM_DOUBLE, ELEM_FLOAT, decodeModel, type AttributeValues, type DecodedAttribute, type DecodedModel, type DecodedNode } from './messages.js';
import { ProtoError } from './protobuf.js';

const WHERE = 'LogisticRegression.fromOnnx';
const KNOWN = new Set(['LinearClassifier', 'Normalizer', 'ZipMap', 'Identity', 'Cast']);
/** The most class labels read. */
const MAX_CLASSES = 1 << 16;
/** Longer string attributes (post_transform, norm) are not an operator's options. */
const MAX_OPTION_BYTES = 64;

/** What an ONNX linear classifier holds, in this library's terms. */
export interface OnnxParameters {
  mode: ModelMode;
  classes: Label[];
  coef: number[][];
  intercept: number[];
  /** The model's metadata_props. */
  metadata: Record<string, string>;
}

function fail(message: string): never {
  throw new RangeError(`${WHERE}: ${message}`);
}

function attribute(node: DecodedNode, name: string): DecodedAttribute | undefined {
  const found = node.attributes.filter((a) => a.name === name);
  if (found.length > 1) fail(`${node.opType} has attribute '${name}' ${found.length} times`);
  return found[0];
}

/** A string attribute's value (an operator option such as post_transform), or null. */
function option(values: AttributeValues, node: DecodedNode, name: string): string | null {
  const a = attribute(node, name);
  return a === undefined ? null : values.string(a, MAX_OPTION_BYTES);
}

function finite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) fail(`${what}[${i}] is ${values[i]}; values must be finite`);
  }
}

/**
 * Decodes and checks an ONNX model holding one LinearClassifier.
 * @throws TypeError when `bytes` is not a Uint8Array; RangeError for malformed bytes, an
 * unsupported operator (named), a classifier without probabilities, inconsistent shapes
 * or non-finite numbers.
 */
export function readOnnx(bytes: Uint8Array): OnnxParameters {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${WHERE}: expected the model's bytes as a Uint8Array`);
  try {
    return fromGraph(decodeModel(bytes));
  } catch (error) {
    if (error instanceof ProtoError) fail(`not a readable ONNX model (${error.message})`);
    throw error;
  }
}

function fromGraph(model: DecodedModel): OnnxParameters {
  const { values } = model;
  const { nodes } = model.graph;
  for (const n of nodes) {
    if (!KNOWN.has(n.opType) || (n.domain !== '' && n.domain !== 'ai.onnx' && n.domain !== 'ai.onnx.ml')) {
      fail(`unsupported operator '${n.domain === '' ? '' : `${n.domain}.`}${n.opType}'; a logistic regression graph holds LinearClassifier, Normalizer, ZipMap, Identity or Cast`);
    }
  }
  const classifiers = nodes.filter((n) => n.opType === 'LinearClassifier');
  if (classifiers.length !== 1) fail(`the graph holds ${classifiers.length} LinearClassifier nodes; exactly one is read`);
  const lc = classifiers[0] as DecodedNode;
  if (lc.domain !== 'ai.onnx.ml') fail(`LinearClassifier must be in domain ai.onnx.ml, not '${lc.domain}'`);

  // Labels, counted against the cap before any is decoded.
  const intsAttribute = attribute(lc, 'classlabels_ints');
  const stringsAttribute = attribute(lc, 'classlabels_strings');
  const labelCount = (a: DecodedAttribute | undefined, kind: 'ints' | 'strings') => (a === undefined ? 0 : values.count(a, kind, MAX_CLASSES));
  const nInts = labelCount(intsAttribute, 'ints');
  const nStrings = labelCount(stringsAttribute, 'strings');
  if ((nInts === 0) === (nStrings === 0)) fail('LinearClassifier needs exactly one of classlabels_ints and classlabels_strings');
  if (nInts + nStrings > MAX_CLASSES) fail(`LinearClassifier has more than ${MAX_CLASSES} class labels; at most ${MAX_CLASSES} are read`);
  const ints = nInts === 0 ? undefined : Array.from(values.numbers(intsAttribute as DecodedAttribute, 'ints', MAX_CLASSES) as Float64Array);
  const strings = nStrings === 0 ? undefined : (values.strings(stringsAttribute as DecodedAttribute, MAX_CLASSES) as string[]);
  let labels: Label[] = ints ?? (strings as string[]);
  const K = labels.length;
  if (K < 2) fail(`LinearClassifier has ${K} class label(s); at least 2 are needed`);
  const stored = model.metadata[META_CLASSES];
  if (stored !== undefined && strings !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(stored);
    } catch {
      fail(`metadata '${META_CLASSES}' is not JSON`);
    }
    const ok =
      Array.isArray(parsed) &&
      parsed.length === K &&
      parsed.every((c, i) => (typeof c === 'number' || typeof c === 'string' || typeof c === 'boolean') && String(c) === strings[i]);
    if (!ok) fail(`metadata '${META_CLASSES}' does not match classlabels_strings`);
    labels = parsed as Label[];
  }
  if (new Set(labels).size !== K) fail('LinearClassifier class labels repeat');

  // Intercepts (one per row, so at most K) and coefficients (rows × d), each count
  // checked before the values are decoded.
  const interceptsAttribute = attribute(lc, 'intercepts');
  const coefficientsAttribute = attribute(lc, 'coefficients');
  const nIntercepts = interceptsAttribute === undefined ? 0 : values.count(interceptsAttribute, 'floats', K);
  if (nIntercepts > K) fail(`LinearClassifier has more than ${K} intercepts for ${K} classes`);
  const nCoefficients = coefficientsAttribute === undefined ? 0 : values.count(coefficientsAttribute, 'floats', Number.MAX_SAFE_INTEGER);
  if (nCoefficients === 0) fail('LinearClassifier has no coefficients');
  const rows = K === 2 && nCoefficients % 2 !== 0 ? 1 : K === 2 ? (nIntercepts === 1 ? 1 : 2) : K;
  if (nCoefficients % rows !== 0) fail(`${nCoefficients} coefficients do not split into ${rows} rows (one per class)`);
  const d = nCoefficients / rows;
  if (nIntercepts !== 0 && nIntercepts !== rows) fail(`LinearClassifier has ${nIntercepts} intercepts for ${rows} coefficient rows`);

  // The input: one float tensor whose last dimension, when stated, is d.
  if (model.graph.inputs.length !== 1) fail(`the graph has ${model.graph.inputs.length} inputs; a linear classifier has 1`);
  const input = model.graph.inputs[0]!;
  if (lc.inputs[0] !== input.name) fail(`LinearClassifier reads '${lc.inputs[0]}', not the graph input '${input.name}'`);
  if (input.type.kind !== 'tensor' || (input.type.elemType !== ELEM_FLOAT && input.type.elemType !== ELEM_DOUBLE)) {
    fail(`the graph input '${input.name}' must be a float or double tensor`);
  }
  const shape = input.type.shape;
  if (shape !== null) {
    if (shape.length !== 2) fail(`the graph input '${input.name}' has ${shape.length} dimensions; expected 2 (rows × features)`);
    if (shape[1] !== null && shape[1] !== d) fail(`the graph input '${input.name}' has ${shape[1]} features; the coefficients have ${d}`);
  }

  const coefficients = values.numbers(coefficientsAttribute as DecodedAttribute, 'floats', nCoefficients) as Float64Array;
  finite(coefficients, 'coefficients');
  const intercepts = nIntercepts === 0 ? new Float64Array(rows) : (values.numbers(interceptsAttribute as DecodedAttribute, 'floats', rows) as Float64Array);
  finite(intercepts, 'intercepts');
  const row = (k: number) => Array.from(coefficients.subarray(k * d, (k + 1) * d));

  // How scores become probabilities.
  const post = option(values, lc, 'post_transform') ?? 'NONE';
  const probaOut = lc.outputs[1];
  const normalizer = nodes.find((n) => n.opType === 'Normalizer');
  if (normalizer !== undefined) {
    const norm = option(values, normalizer, 'norm');
    if (norm !== 'L1') fail(`Normalizer norm '${norm ?? 'MAX'}' is not a probability normalisation; only L1 is read`);
    if (probaOut === undefined || normalizer.inputs[0] !== probaOut) fail("the Normalizer does not read the LinearClassifier's scores");
  }
  let mode: ModelMode;
  let coef: number[][];
  let intercept: number[];
  if (post === 'SOFTMAX' || post === 'SOFTMAX_ZERO') {
    if (rows === 1) fail('a SOFTMAX LinearClassifier needs one coefficient row per class');
    if (K === 2) {
      // Two-class softmax: scikit-learn's multinomial model with one row w and
      // probabilities softmax(−d, d), so 2w is the difference of the rows (w itself for
      // the rows −w, w that toOnnx writes).
      const w0 = row(0);
      mode = 'multinomial';
      coef = [row(1).map((x, j) => (x - (w0[j] as number)) / 2)];
      intercept = [((intercepts[1] as number) - (intercepts[0] as number)) / 2];
    } else {
      mode = 'multinomial';
      coef = Array.from({ length: K }, (_, k) => row(k));
      intercept = [...intercepts];
    }
  } else if (post === 'LOGISTIC') {
    if (K === 2) {
      mode = 'binary';
      if (rows === 2) {
        const w0 = row(0);
        const w1 = row(1);
        const mirrored = w1.every((x, j) => x === -(w0[j] as number)) && intercepts[1] === -(intercepts[0] as number);
        if (!mirrored) fail('a binary LOGISTIC LinearClassifier must hold mirrored rows (−w, w) so its probabilities sum to 1');
        coef = [w1];
        intercept = [intercepts[1] as number];
      } else {
        coef = [row(0)];
        intercept = [intercepts[0] as number];
      }
    } else {
      if (normalizer === undefined) fail('a LOGISTIC LinearClassifier with more than 2 classes needs a Normalizer (L1) to give probabilities');
      mode = 'ovr';
      coef = Array.from({ length: K }, (_, k) => row(k));
      intercept = [...intercepts];
    }
  } else {
    fail(`LinearClassifier post_transform '${post}' gives no probabilities; expected LOGISTIC or SOFTMAX`);
  }

  // Classes sorted as this library keeps them, rows permuted along.
  const kinds = new Set(labels.map((l) => typeof l));
  if (kinds.size !== 1) fail('class labels are of mixed kinds');
  const order = labels.map((_, i) => i).sort((a, b) => compareLabels(labels[a] as Label, labels[b] as Label));
  if (coef.length === 1) {
    // One row (binary, or two-class multinomial) scores the second class: swapping the
    // classes negates it.
    if (order[0] === 1) {
      coef = [(coef[0] as number[]).map((x) => -x)];
      intercept = [-(intercept[0] as number)];
    }
  } else {
    coef = order.map((k) => coef[k] as number[]);
    intercept = order.map((k) => intercept[k] as number);
  }
  return { mode, classes: order.map((k) => labels[k] as Label), coef, intercept, metadata: { ...model.metadata } };
}
