// Hand-built ONNX bytes for the decoder's hostile-input tests: a LinearClassifier graph
// written field by field with the library's own protobuf writer, so a test can add raw
// attributes (packed varints of any size, values no encoder API would write).
import { ATTR, ELEM_FLOAT, writeAttribute } from '../../src/onnx/messages.js';
import { ProtoWriter } from '../../src/onnx/protobuf.js';

/** An AttributeProto whose field `field` holds `payload` as raw bytes (a packed repeated field). */
export function rawAttribute(name: string, type: number, field: number, payload: Uint8Array): ProtoWriter {
  return new ProtoWriter().string(1, name).bytes(field, payload).int(20, type);
}

/** Packed varints: `count` copies of the one-byte varint `byte` (< 0x80), then `tail`. */
export function packedVarints(count: number, byte = 1, tail: number[] = []): Uint8Array {
  const out = new Uint8Array(count + tail.length).fill(byte, 0, count);
  out.set(tail, count);
  return out;
}

function tensorInfo(name: string, elemType: number, dims: (number | null)[]): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of dims) shape.message(1, d === null ? new ProtoWriter().string(2, 'N') : new ProtoWriter().int(1, d));
  const tensor = new ProtoWriter().int(1, elemType).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
}

/** Attributes and nodes that replace or extend {@link classifierModel}'s. */
export interface CraftedParts {
  /** Replaces classlabels_ints [0, 1]. */
  labels?: ProtoWriter;
  /** Replaces coefficients [−1, 2, 1, −2]. */
  coefficients?: ProtoWriter;
  /** Replaces intercepts [−0.5, 0.5]. */
  intercepts?: ProtoWriter;
  /** Replaces post_transform 'LOGISTIC'. */
  postTransform?: string;
  /** Appended to the classifier's attributes. */
  extra?: ProtoWriter[];
  /** Appended to the graph's nodes. */
  extraNodes?: ProtoWriter[];
}

/**
 * A binary LinearClassifier model as skl2onnx lays one out (classes 0 and 1, input X of
 * N×2 floats, mirrored rows, post_transform LOGISTIC), with parts replaced or added.
 */
export function classifierModel(options: CraftedParts = {}): Uint8Array {
  const node = new ProtoWriter().string(1, 'X').string(2, 'label').string(2, 'probabilities').string(3, 'lc').string(4, 'LinearClassifier');
  node.message(5, options.labels ?? writeAttribute({ name: 'classlabels_ints', type: ATTR.INTS, ints: [0, 1] }));
  node.message(5, options.coefficients ?? writeAttribute({ name: 'coefficients', type: ATTR.FLOATS, floats: [-1, 2, 1, -2] }));
  node.message(5, options.intercepts ?? writeAttribute({ name: 'intercepts', type: ATTR.FLOATS, floats: [-0.5, 0.5] }));
  node.message(5, writeAttribute({ name: 'post_transform', type: ATTR.STRING, s: options.postTransform ?? 'LOGISTIC' }));
  for (const a of options.extra ?? []) node.message(5, a);
  node.string(7, 'ai.onnx.ml');
  const graph = new ProtoWriter().message(1, node);
  for (const n of options.extraNodes ?? []) graph.message(1, n);
  graph.string(2, 'g').message(11, tensorInfo('X', ELEM_FLOAT, [null, 2])).message(12, tensorInfo('probabilities', ELEM_FLOAT, [null, 2]));
  return new ProtoWriter()
    .int(1, 8)
    .message(7, graph)
    .message(8, new ProtoWriter().int(2, 17))
    .message(8, new ProtoWriter().string(1, 'ai.onnx.ml').int(2, 1))
    .finish();
}
