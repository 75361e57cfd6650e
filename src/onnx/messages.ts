/**
 * The subset of ONNX's messages (onnx.proto3) that a linear classifier needs: ModelProto,
 * OperatorSetIdProto, GraphProto, NodeProto, AttributeProto, ValueInfoProto with
 * TypeProto (tensor, sequence, map) and StringStringEntryProto. Encoding writes them;
 * decoding reads them into plain objects, skipping fields it does not use, with counts
 * bounded so hostile bytes cannot request large structures.
 *
 * Decoding is lazy where sizes are the input's to choose: an attribute is read as its
 * name and type only, and its values are materialised when the importer asks for them by
 * name, after their count has been checked against the caller's cap and against one
 * budget for the whole file. An attribute nobody asks for costs a scan of its tags.
 * @module
 */
import { LEN, ProtoError, ProtoReader, ProtoWriter, countRepeated, readRepeated, type RepeatedKind } from './protobuf.js';

/** TensorProto.DataType values used here. */
export const ELEM_FLOAT = 1;
export const ELEM_INT64 = 7;
export const ELEM_STRING = 8;
export const ELEM_DOUBLE = 11;

/** AttributeProto.AttributeType values. */
export const ATTR = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

/**
 * Bounds on what a decoded model may hold. `values` is one budget for the whole file:
 * every number or string materialised from attributes counts against it.
 */
export const LIMITS = { bytes: 256 * 1024 * 1024, nodes: 64, attributes: 64, edges: 64, values: 64 * 1024 * 1024, metadata: 64 };

export interface OnnxAttribute {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: string;
  floats?: number[];
  ints?: number[];
  strings?: string[];
}

export interface OnnxNode {
  opType: string;
  domain: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
}

/** A value's type: a tensor (element type and dims, null for a symbolic dim) or other. */
export type OnnxType =
  | { kind: 'tensor'; elemType: number; shape: (number | null)[] | null }
  | { kind: 'sequence'; elem: OnnxType | null }
  | { kind: 'map'; keyType: number; value: OnnxType | null }
  | { kind: 'other' };

export interface OnnxValueInfo {
  name: string;
  type: OnnxType;
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  initializers: number;
}

export interface OnnxModel {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  opsets: { domain: string; version: number }[];
  graph: OnnxGraph;
  metadata: Record<string, string>;
}

// ---- encoding ----

export function writeAttribute(a: OnnxAttribute): ProtoWriter {
  const w = new ProtoWriter().string(1, a.name);
  if (a.f !== undefined) w.float(2, a.f);
  if (a.i !== undefined) w.int(3, a.i);
  if (a.s !== undefined) w.string(4, a.s);
  if (a.floats !== undefined) w.packedFloats(7, a.floats);
  if (a.ints !== undefined) w.packedInts(8, a.ints);
  if (a.strings !== undefined) for (const s of a.strings) w.string(9, s);
  return w.int(20, a.type);
}

function writeNode(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const a of n.attributes) w.message(5, writeAttribute(a));
  if (n.domain !== '') w.string(7, n.domain);
  return w;
}

function writeType(t: OnnxType): ProtoWriter {
  const w = new ProtoWriter();
  if (t.kind === 'tensor') {
    const tensor = new ProtoWriter().int(1, t.elemType);
    if (t.shape !== null) {
      const shape = new ProtoWriter();
      for (const d of t.shape) shape.message(1, d === null ? new ProtoWriter().string(2, 'N') : new ProtoWriter().int(1, d));
      tensor.message(2, shape);
    }
    w.message(1, tensor);
  } else if (t.kind === 'sequence') {
    const seq = new ProtoWriter();
    if (t.elem !== null) seq.message(1, writeType(t.elem));
    w.message(4, seq);
  } else if (t.kind === 'map') {
    const map = new ProtoWriter().int(1, t.keyType);
    if (t.value !== null) map.message(2, writeType(t.value));
    w.message(5, map);
  }
  return w;
}

function writeValueInfo(v: OnnxValueInfo): ProtoWriter {
  return new ProtoWriter().string(1, v.name).message(2, writeType(v.type));
}

export function encodeModel(m: OnnxModel): Uint8Array {
  const graph = new ProtoWriter();
  for (const n of m.graph.nodes) graph.message(1, writeNode(n));
  graph.string(2, m.graph.name);
  for (const v of m.graph.inputs) graph.message(11, writeValueInfo(v));
  for (const v of m.graph.outputs) graph.message(12, writeValueInfo(v));
  const model = new ProtoWriter().int(1, m.irVersion).string(2, m.producerName).string(3, m.producerVersion);
  model.message(7, graph);
  for (const o of m.opsets) {
    const op = new ProtoWriter();
    if (o.domain !== '') op.string(1, o.domain);
    model.message(8, op.int(2, o.version));
  }
  for (const [key, value] of Object.entries(m.metadata)) model.message(14, new ProtoWriter().string(1, key).string(2, value));
  return model.finish();
}

// ---- decoding ----

/** A decoded attribute: its name and type; its values stay in `bytes` until asked for. */
export interface DecodedAttribute {
  readonly name: string;
  readonly type: number;
  /** The AttributeProto's bytes (a view into the model's). */
  readonly bytes: Uint8Array;
  /** Where it sits, for messages (`graph.node[0].attribute[2]`). */
  readonly where: string;
}

export interface DecodedNode {
  opType: string;
  domain: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: DecodedAttribute[];
}

export interface DecodedGraph {
  name: string;
  nodes: DecodedNode[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  initializers: number;
}

export interface DecodedModel {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  opsets: { domain: string; version: number }[];
  graph: DecodedGraph;
  metadata: Record<string, string>;
  /** Materialises attribute values against the file's budget. */
  values: AttributeValues;
}

/** AttributeProto field numbers. */
const A_NAME = 1;
const A_F = 2;
const A_I = 3;
const A_S = 4;
const A_FLOATS = 7;
const A_INTS = 8;
const A_STRINGS = 9;
const A_TYPE = 20;

/**
 * Reads attribute values on demand. Every count is checked against the caller's cap
 * before any value is decoded (a count stops as soon as it passes the cap), and
 * everything materialised from one file shares one budget of {@link LIMITS}.values.
 */
export class AttributeValues {
  #budget: number;

  constructor(budget: number) {
    this.#budget = budget;
  }

  #spend(n: number, where: string): void {
    if (n > this.#budget) throw new ProtoError(`${where}: the model holds more than ${LIMITS.values} values in all`);
    this.#budget -= n;
  }

  /**
   * How many values the repeated field holds, counting no further than `cap + 1`
   * (so a result above `cap` means "more than cap"); nothing is decoded.
   */
  count(a: DecodedAttribute, kind: 'ints' | 'floats' | 'strings', cap: number): number {
    if (kind === 'strings') {
      const reader = new ProtoReader(a.bytes, a.where, Infinity);
      let n = 0;
      while (n <= cap && reader.next()) if (reader.field === A_STRINGS) n++;
      return n;
    }
    return countRepeated(a.bytes, kind === 'ints' ? A_INTS : A_FLOATS, kind === 'ints' ? 'int' : 'float', cap, `${a.where}.${kind}`);
  }

  /**
   * The repeated int64 or float values (at most `cap`; more is a ProtoError naming the cap).
   * @returns null when the attribute has none.
   */
  numbers(a: DecodedAttribute, kind: 'ints' | 'floats', cap: number): Float64Array | null {
    const where = `${a.where}.${kind}`;
    const n = this.count(a, kind, cap);
    if (n > cap) throw new ProtoError(`${where}: more than ${cap} values`);
    if (n === 0) return null;
    this.#spend(n, where);
    const out = new Float64Array(n);
    const repeated: RepeatedKind = kind === 'ints' ? 'int' : 'float';
    readRepeated(a.bytes, kind === 'ints' ? A_INTS : A_FLOATS, repeated, out, where);
    return out;
  }

  /** The repeated strings (at most `cap`), or null when the attribute has none. */
  strings(a: DecodedAttribute, cap: number): string[] | null {
    const where = `${a.where}.strings`;
    const n = this.count(a, 'strings', cap);
    if (n > cap) throw new ProtoError(`${where}: more than ${cap} values`);
    if (n === 0) return null;
    this.#spend(n, where);
    const out: string[] = [];
    const reader = new ProtoReader(a.bytes, a.where, Infinity);
    while (reader.next()) if (reader.field === A_STRINGS) out.push(reader.string(where));
    return out;
  }

  /** The single string value (field s), or null; at most `maxBytes` bytes of UTF-8. */
  string(a: DecodedAttribute, maxBytes: number): string | null {
    let value: string | null = null;
    const reader = new ProtoReader(a.bytes, a.where, Infinity);
    while (reader.next()) {
      if (reader.field !== A_S) continue;
      if (reader.wire === LEN && reader.payload().length > maxBytes) throw new ProtoError(`${a.where}.s: longer than ${maxBytes} bytes`);
      value = reader.string(`${a.where}.s`);
    }
    return value;
  }

  /** The single int value (field i), or null. */
  int(a: DecodedAttribute): number | null {
    let value: number | null = null;
    const reader = new ProtoReader(a.bytes, a.where, Infinity);
    while (reader.next()) if (reader.field === A_I) value = reader.int(`${a.where}.i`);
    return value;
  }

  /** The single float value (field f), or null. */
  float(a: DecodedAttribute): number | null {
    let value: number | null = null;
    const reader = new ProtoReader(a.bytes, a.where, Infinity);
    while (reader.next()) if (reader.field === A_F) value = reader.float(`${a.where}.f`);
    return value;
  }
}

/** Attribute names longer than this are not an operator's; they are rejected unread. */
const MAX_NAME_BYTES = 1024;

function readAttribute(bytes: Uint8Array, where: string): DecodedAttribute {
  let name = '';
  let type = 0;
  // One field per value in an unpacked repeated attribute: no bound but the bytes.
  const reader = new ProtoReader(bytes, where, Infinity);
  while (reader.next()) {
    if (reader.field === A_NAME) {
      if (reader.wire === LEN && reader.payload().length > MAX_NAME_BYTES) throw new ProtoError(`${where}: a name longer than ${MAX_NAME_BYTES} bytes`);
      name = reader.string(`${where}.name`);
    } else if (reader.field === A_TYPE) type = reader.int(`${where}.type`);
    else if (reader.field === 5 || reader.field === 6 || reader.field === 10 || reader.field === 11) {
      throw new ProtoError(`${where}: attribute holds a tensor or graph, which a linear classifier never uses`);
    }
  }
  return { name, type, bytes, where };
}

function readNode(bytes: Uint8Array, where: string): DecodedNode {
  const n: DecodedNode = { opType: '', domain: '', name: '', inputs: [], outputs: [], attributes: [] };
  const reader = new ProtoReader(bytes, where);
  while (reader.next()) {
    const f = reader.field;
    if (f === 1 || f === 2) {
      const list = f === 1 ? n.inputs : n.outputs;
      if (list.length >= LIMITS.edges) throw new ProtoError(`${where}: more than ${LIMITS.edges} ${f === 1 ? 'inputs' : 'outputs'}`);
      list.push(reader.string(where));
    } else if (f === 3) n.name = reader.string(where);
    else if (f === 4) n.opType = reader.string(where);
    else if (f === 7) n.domain = reader.string(where);
    else if (f === 5) {
      if (n.attributes.length >= LIMITS.attributes) throw new ProtoError(`${where}: more than ${LIMITS.attributes} attributes`);
      n.attributes.push(readAttribute(reader.bytes(where), `${where}.attribute[${n.attributes.length}]`));
    }
  }
  return n;
}

function readDims(bytes: Uint8Array, where: string): (number | null)[] {
  const shape: (number | null)[] = [];
  const dims = new ProtoReader(bytes, where, 16);
  while (dims.next()) {
    if (dims.field !== 1 || dims.wire !== LEN) continue;
    let dim: number | null = null;
    const d = new ProtoReader(dims.payload(), where, 8);
    while (d.next()) if (d.field === 1) dim = d.int(where);
    shape.push(dim);
  }
  return shape;
}

function readType(bytes: Uint8Array, where: string, depth: number): OnnxType {
  if (depth > 8) throw new ProtoError(`${where}: types nested more than 8 deep`);
  const reader = new ProtoReader(bytes, where, 16);
  while (reader.next()) {
    if (reader.wire !== LEN) continue;
    if (reader.field === 1) {
      let elemType = 0;
      let shape: (number | null)[] | null = null;
      const g = new ProtoReader(reader.payload(), where, 16);
      while (g.next()) {
        if (g.field === 1) elemType = g.int(where);
        else if (g.field === 2 && g.wire === LEN) shape = readDims(g.payload(), where);
      }
      return { kind: 'tensor', elemType, shape };
    }
    if (reader.field === 4) {
      let elem: OnnxType | null = null;
      const g = new ProtoReader(reader.payload(), where, 8);
      while (g.next()) if (g.field === 1 && g.wire === LEN) elem = readType(g.payload(), where, depth + 1);
      return { kind: 'sequence', elem };
    }
    if (reader.field === 5) {
      let keyType = 0;
      let value: OnnxType | null = null;
      const g = new ProtoReader(reader.payload(), where, 8);
      while (g.next()) {
        if (g.field === 1) keyType = g.int(where);
        else if (g.field === 2 && g.wire === LEN) value = readType(g.payload(), where, depth + 1);
      }
      return { kind: 'map', keyType, value };
    }
  }
  return { kind: 'other' };
}

function readValueInfo(bytes: Uint8Array, where: string): OnnxValueInfo {
  const v: OnnxValueInfo = { name: '', type: { kind: 'other' } };
  const reader = new ProtoReader(bytes, where, 16);
  while (reader.next()) {
    if (reader.field === 1) v.name = reader.string(where);
    else if (reader.field === 2 && reader.wire === LEN) v.type = readType(reader.payload(), `${where}.type`, 0);
  }
  return v;
}

function readGraph(bytes: Uint8Array): DecodedGraph {
  const g: DecodedGraph = { name: '', nodes: [], inputs: [], outputs: [], initializers: 0 };
  const reader = new ProtoReader(bytes, 'graph');
  while (reader.next()) {
    const f = reader.field;
    if (f === 1) {
      if (g.nodes.length >= LIMITS.nodes) throw new ProtoError(`graph: more than ${LIMITS.nodes} nodes`);
      g.nodes.push(readNode(reader.bytes('graph.node'), `graph.node[${g.nodes.length}]`));
    } else if (f === 2) g.name = reader.string('graph.name');
    else if (f === 5 || f === 15) g.initializers++;
    else if (f === 11 || f === 12) {
      const list = f === 11 ? g.inputs : g.outputs;
      if (list.length >= LIMITS.nodes) throw new ProtoError(`graph: more than ${LIMITS.nodes} inputs or outputs`);
      const what = `graph.${f === 11 ? 'input' : 'output'}[${list.length}]`;
      list.push(readValueInfo(reader.bytes(what), what));
    }
  }
  return g;
}

/**
 * Decodes a ModelProto: the structure (nodes, attribute names, inputs, outputs,
 * metadata) at once; attribute values on demand through the result's `values`.
 * @throws ProtoError (a RangeError) for malformed or oversized bytes, or a model without a graph.
 */
export function decodeModel(bytes: Uint8Array): DecodedModel {
  if (bytes.length > LIMITS.bytes) throw new ProtoError(`the model is ${bytes.length} bytes; at most ${LIMITS.bytes} are read`);
  const m: DecodedModel = {
    irVersion: 0,
    producerName: '',
    producerVersion: '',
    opsets: [],
    graph: null as unknown as DecodedGraph,
    metadata: {},
    values: new AttributeValues(LIMITS.values),
  };
  let graph: Uint8Array | null = null;
  let nMeta = 0;
  const reader = new ProtoReader(bytes, 'model');
  while (reader.next()) {
    const f = reader.field;
    if (f === 1) m.irVersion = reader.int('model.ir_version');
    else if (f === 2) m.producerName = reader.string('model.producer_name');
    else if (f === 3) m.producerVersion = reader.string('model.producer_version');
    else if (f === 7) {
      if (reader.wire !== LEN) throw new ProtoError('model.graph: expected a message');
      graph = reader.payload();
    } else if (f === 8 && reader.wire === LEN) {
      if (m.opsets.length >= 16) throw new ProtoError('model: more than 16 opset imports');
      const o = { domain: '', version: 0 };
      const g = new ProtoReader(reader.payload(), 'model.opset_import', 8);
      while (g.next()) {
        if (g.field === 1) o.domain = g.string('model.opset_import.domain');
        else if (g.field === 2) o.version = g.int('model.opset_import.version');
      }
      m.opsets.push(o);
    } else if (f === 14 && reader.wire === LEN) {
      if (++nMeta > LIMITS.metadata) throw new ProtoError(`model: more than ${LIMITS.metadata} metadata entries`);
      let key = '';
      let value = '';
      const g = new ProtoReader(reader.payload(), 'model.metadata_props', 8);
      while (g.next()) {
        if (g.field === 1) key = g.string('model.metadata_props.key');
        else if (g.field === 2) value = g.string('model.metadata_props.value');
      }
      if (key !== '__proto__') m.metadata[key] = value;
    }
  }
  if (graph === null) throw new ProtoError('the bytes hold no ONNX graph (ModelProto field 7 is missing); is this an ONNX model?');
  m.graph = readGraph(graph);
  return m;
}
