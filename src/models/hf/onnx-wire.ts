// Editing an ONNX model at the protobuf wire level, so that every byte we do not change (initializers,
// external-data references, opsets, fields newer than our schema) is kept exactly: appending to a
// repeated field is appending bytes to the enclosing message, whose length prefix is then rewritten.

const MODEL_GRAPH = 7; // ModelProto.graph
const GRAPH_OUTPUT = 12; // GraphProto.output

function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length && i < at + 10; i++) {
    value += (bytes[i] & 0x7f) * scale;
    scale *= 128;
    if ((bytes[i] & 0x80) === 0) return { value, next: i + 1 };
  }
  throw new Error('onnx: malformed model (a varint runs past the end)');
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 128) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** The byte range of the last length-delimited field `field` of the top-level message (tag start, payload start, payload end). */
function findField(bytes: Uint8Array, field: number): { tag: number; start: number; end: number } | undefined {
  let found: { tag: number; start: number; end: number } | undefined;
  let at = 0;
  while (at < bytes.length) {
    const tag = readVarint(bytes, at);
    const wire = tag.value % 8;
    let next: number;
    if (wire === 0) next = readVarint(bytes, tag.next).next;
    else if (wire === 1) next = tag.next + 8;
    else if (wire === 5) next = tag.next + 4;
    else if (wire === 2) {
      const len = readVarint(bytes, tag.next);
      next = len.next + len.value;
      if (Math.floor(tag.value / 8) === field) found = { tag: at, start: len.next, end: next };
    } else throw new Error(`onnx: malformed model (wire type ${wire} at byte ${at})`);
    if (next > bytes.length) throw new Error('onnx: malformed model (a field runs past the end)');
    at = next;
  }
  return found;
}

/** Append encoded ValueInfoProto messages to the model's graph outputs, leaving every other byte as it was. */
export function appendGraphOutputs(modelBytes: Uint8Array, valueInfos: Uint8Array[]): Uint8Array {
  if (valueInfos.length === 0) return modelBytes.slice();
  const graph = findField(modelBytes, MODEL_GRAPH);
  if (!graph) throw new Error('onnx: the model has no graph');
  const extra: number[] = [];
  for (const info of valueInfos) extra.push(...varint(GRAPH_OUTPUT * 8 + 2), ...varint(info.length), ...info);
  const graphLength = graph.end - graph.start + extra.length;
  const head = [...varint(MODEL_GRAPH * 8 + 2), ...varint(graphLength)];
  const out = new Uint8Array(graph.tag + head.length + graphLength + (modelBytes.length - graph.end));
  out.set(modelBytes.subarray(0, graph.tag), 0);
  out.set(head, graph.tag);
  out.set(modelBytes.subarray(graph.start, graph.end), graph.tag + head.length);
  out.set(extra, graph.tag + head.length + graph.end - graph.start);
  out.set(modelBytes.subarray(graph.end), graph.tag + head.length + graphLength);
  return out;
}
