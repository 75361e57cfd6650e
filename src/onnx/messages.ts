/**
 * The subset of ONNX's messages (onnx.proto3) that a linear classifier needs: ModelProto,
 * OperatorSetIdProto, GraphProto, NodeProto, AttributeProto, ValueInfoProto with
 * TypeProto (tensor, sequence, map) and StringStringEntryProto. Encoding writes them;
 * decoding reads them into plain objects, ignoring fields it does not use, with counts
 * bounded so hostile bytes cannot request large structures.
 * @module
 */
import {
  LEN,
  ProtoError,
  ProtoWriter,
  appendFloats,
  appendInts,
  fieldFloat,
  fieldInt,
  fieldString,
  readFields,
} from './protobuf.js';

/** TensorProto.DataType values used here. */
export const ELEM_FLOAT = 1;
export const ELEM_INT64 = 7;
export const ELEM_STRING = 8;
export const ELEM_DOUBLE = 11;

/** AttributeProto.AttributeType values. */
export const ATTR = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

/** Bounds on what a decoded model may hold. */
export const LIMITS = { bytes: 256 * 1024 * 1024, nodes: 64, attributes: 64, values: 64 * 1024 * 1024, strings: 1 << 20, metadata: 64 };

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

function readAttribute(bytes: Uint8Array, where: string): OnnxAttribute {
  const a: OnnxAttribute = { name: '', type: 0 };
  for (const f of readFields(bytes, where)) {
    if (f.field === 1) a.name = fieldString(f, where);
    else if (f.field === 2) a.f = fieldFloat(f, where);
    else if (f.field === 3) a.i = fieldInt(f, where);
    else if (f.field === 4) a.s = fieldString(f, where);
    else if (f.field === 7) appendFloats(f, (a.floats ??= []), LIMITS.values, `${where}.floats`);
    else if (f.field === 8) appendInts(f, (a.ints ??= []), LIMITS.values, `${where}.ints`);
    else if (f.field === 9) {
      a.strings ??= [];
      if (a.strings.length >= LIMITS.strings) throw new ProtoError(`${where}.strings: more than ${LIMITS.strings} values`);
      a.strings.push(fieldString(f, where));
    } else if (f.field === 20) a.type = fieldInt(f, where);
    else if (f.field === 5 || f.field === 6 || f.field === 10 || f.field === 11) {
      throw new ProtoError(`${where}: attribute holds a tensor or graph, which a linear classifier never uses`);
    }
  }
  return a;
}

function readNode(bytes: Uint8Array, where: string): OnnxNode {
  const n: OnnxNode = { opType: '', domain: '', name: '', inputs: [], outputs: [], attributes: [] };
  for (const f of readFields(bytes, where)) {
    if (f.field === 1) n.inputs.push(fieldString(f, where));
    else if (f.field === 2) n.outputs.push(fieldString(f, where));
    else if (f.field === 3) n.name = fieldString(f, where);
    else if (f.field === 4) n.opType = fieldString(f, where);
    else if (f.field === 7) n.domain = fieldString(f, where);
    else if (f.field === 5) {
      if (n.attributes.length >= LIMITS.attributes) throw new ProtoError(`${where}: more than ${LIMITS.attributes} attributes`);
      n.attributes.push(readAttribute(f.value as Uint8Array, `${where}.attribute[${n.attributes.length}]`));
    }
  }
  return n;
}

function readType(bytes: Uint8Array, where: string, depth: number): OnnxType {
  if (depth > 8) throw new ProtoError(`${where}: types nested more than 8 deep`);
  for (const f of readFields(bytes, where, 16)) {
    if (f.wire !== LEN) continue;
    if (f.field === 1) {
      let elemType = 0;
      let shape: (number | null)[] | null = null;
      for (const g of readFields(f.value, where, 16)) {
        if (g.field === 1) elemType = fieldInt(g, where);
        else if (g.field === 2 && g.wire === LEN) {
          shape = [];
          for (const d of readFields(g.value, where, 16)) {
            if (d.field !== 1 || d.wire !== LEN) continue;
            let dim: number | null = null;
            for (const e of readFields(d.value, where, 8)) if (e.field === 1) dim = fieldInt(e, where);
            shape.push(dim);
          }
        }
      }
      return { kind: 'tensor', elemType, shape };
    }
    if (f.field === 4) {
      let elem: OnnxType | null = null;
      for (const g of readFields(f.value, where, 8)) if (g.field === 1 && g.wire === LEN) elem = readType(g.value, where, depth + 1);
      return { kind: 'sequence', elem };
    }
    if (f.field === 5) {
      let keyType = 0;
      let value: OnnxType | null = null;
      for (const g of readFields(f.value, where, 8)) {
        if (g.field === 1) keyType = fieldInt(g, where);
        else if (g.field === 2 && g.wire === LEN) value = readType(g.value, where, depth + 1);
      }
      return { kind: 'map', keyType, value };
    }
  }
  return { kind: 'other' };
}

function readValueInfo(bytes: Uint8Array, where: string): OnnxValueInfo {
  const v: OnnxValueInfo = { name: '', type: { kind: 'other' } };
  for (const f of readFields(bytes, where, 16)) {
    if (f.field === 1) v.name = fieldString(f, where);
    else if (f.field === 2 && f.wire === LEN) v.type = readType(f.value, `${where}.type`, 0);
  }
  return v;
}

function readGraph(bytes: Uint8Array): OnnxGraph {
  const g: OnnxGraph = { name: '', nodes: [], inputs: [], outputs: [], initializers: 0 };
  for (const f of readFields(bytes, 'graph')) {
    if (f.field === 1) {
      if (g.nodes.length >= LIMITS.nodes) throw new ProtoError(`graph: more than ${LIMITS.nodes} nodes`);
      g.nodes.push(readNode(f.value as Uint8Array, `graph.node[${g.nodes.length}]`));
    } else if (f.field === 2) g.name = fieldString(f, 'graph.name');
    else if (f.field === 5 || f.field === 15) g.initializers++;
    else if (f.field === 11 || f.field === 12) {
      const list = f.field === 11 ? g.inputs : g.outputs;
      if (list.length >= LIMITS.nodes) throw new ProtoError(`graph: more than ${LIMITS.nodes} inputs or outputs`);
      list.push(readValueInfo(f.value as Uint8Array, `graph.${f.field === 11 ? 'input' : 'output'}[${list.length}]`));
    }
  }
  return g;
}

/**
 * Decodes a ModelProto.
 * @throws ProtoError (a RangeError) for malformed or oversized bytes, or a model without a graph.
 */
export function decodeModel(bytes: Uint8Array): OnnxModel {
  if (bytes.length > LIMITS.bytes) throw new ProtoError(`the model is ${bytes.length} bytes; at most ${LIMITS.bytes} are read`);
  const m: OnnxModel = { irVersion: 0, producerName: '', producerVersion: '', opsets: [], graph: null as unknown as OnnxGraph, metadata: {} };
  let graph: Uint8Array | null = null;
  let nMeta = 0;
  for (const f of readFields(bytes, 'model')) {
    if (f.field === 1) m.irVersion = fieldInt(f, 'model.ir_version');
    else if (f.field === 2) m.producerName = fieldString(f, 'model.producer_name');
    else if (f.field === 3) m.producerVersion = fieldString(f, 'model.producer_version');
    else if (f.field === 7) {
      if (f.wire !== LEN) throw new ProtoError('model.graph: expected a message');
      graph = f.value;
    } else if (f.field === 8 && f.wire === LEN) {
      if (m.opsets.length >= 16) throw new ProtoError('model: more than 16 opset imports');
      const o = { domain: '', version: 0 };
      for (const g of readFields(f.value, 'model.opset_import', 8)) {
        if (g.field === 1) o.domain = fieldString(g, 'model.opset_import.domain');
        else if (g.field === 2) o.version = fieldInt(g, 'model.opset_import.version');
      }
      m.opsets.push(o);
    } else if (f.field === 14 && f.wire === LEN) {
      if (++nMeta > LIMITS.metadata) throw new ProtoError(`model: more than ${LIMITS.metadata} metadata entries`);
      let key = '';
      let value = '';
      for (const g of readFields(f.value, 'model.metadata_props', 8)) {
        if (g.field === 1) key = fieldString(g, 'model.metadata_props.key');
        else if (g.field === 2) value = fieldString(g, 'model.metadata_props.value');
      }
      if (key !== '__proto__') m.metadata[key] = value;
    }
  }
  if (graph === null) throw new ProtoError('the bytes hold no ONNX graph (ModelProto field 7 is missing); is this an ONNX model?');
  m.graph = readGraph(graph);
  return m;
}
