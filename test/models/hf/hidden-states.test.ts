// findHiddenStates / exposeOutputs on the tiny BERT and GPT-2: the residual stream is found from the
// graph's structure, and exposing it gives, bit for bit, what a model that declares it returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { exposeOutputs, findHiddenStates } from '../../../src/models/hf/hidden-states.ts';
import { buildModel } from '../../../src/core/onnx-graph.ts';
import { buildTinyBert } from '../../../test-support/tiny-models/tiny-bert.ts';
import { buildTinyGpt2 } from '../../../test-support/tiny-models/tiny-gpt2.ts';
import { GraphBuilder } from '../../../test-support/tiny-models/onnx-build.ts';
import { referenceBert, referenceGpt2 } from '../../../test-support/tiny-models/reference.ts';

const { onnx } = onnxProto;
type Graph = ReturnType<typeof onnx.GraphProto.decode>;
const root = mkdtempSync(join(tmpdir(), 'attune-hidden-states-'));
test.after(() => rmSync(root, { recursive: true, force: true }));

const modelBytes = (dir: string) => new Uint8Array(readFileSync(join(dir, 'onnx', 'model.onnx')));
const bytesOf = (t: ort.Tensor) => {
  const d = t.data as Float32Array;
  return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
};
const int64 = (rows: number[][]) => new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, rows[0].length]);

/** Two rows, the second right-padded: ids, mask, and 0..seq-1 positions. */
function feeds(ids: number[][], real: number[], extra: string[]): Record<string, ort.Tensor> {
  const seq = ids[0].length;
  const out: Record<string, ort.Tensor> = {
    input_ids: int64(ids),
    attention_mask: int64(real.map((n) => Array.from({ length: seq }, (_, i) => (i < n ? 1 : 0)))),
  };
  if (extra.includes('token_type_ids')) out.token_type_ids = int64(ids.map((r) => r.map(() => 0)));
  if (extra.includes('position_ids')) out.position_ids = int64(ids.map((r) => r.map((_, i) => i)));
  return out;
}

const cases = [
  { kind: 'bert', build: buildTinyBert, ids: [[2, 5, 13, 15, 3], [2, 14, 3, 0, 0]], real: [5, 3], extra: ['token_type_ids'], out: 'last_hidden_state',
    scopes: ['/encoder/layer.0', '/encoder/layer.1'], reference: (bytes: Uint8Array, ids: number[]) => referenceBert(bytes, ids) },
  { kind: 'gpt2', build: buildTinyGpt2, ids: [[40, 258, 261, 264, 266], [304, 272, 309, 309, 309]], real: [5, 2], extra: ['position_ids'], out: 'logits',
    scopes: ['/transformer/h.0', '/transformer/h.1'], reference: (bytes: Uint8Array, ids: number[]) => referenceGpt2(bytes, ids).states },
];

for (const c of cases) {
  test(`${c.kind}: the residual stream is found from the structure, and exposing it matches the declared model bit for bit`, async () => {
    const plain = c.build(join(root, `${c.kind}-plain`), { seed: 11 });
    const declared = c.build(join(root, `${c.kind}-declared`), { seed: 11, declareHiddenStates: true });
    const plainBytes = modelBytes(plain.dir);
    const found = findHiddenStates(plainBytes);
    assert.deepEqual(found, { names: plain.internalHiddenStateNames, declared: false, layerScopes: c.scopes });
    assert.equal(found.names.length, plain.layers + 1);
    const names = ['hidden_states.0', 'hidden_states.1', 'hidden_states.2'];
    assert.deepEqual(findHiddenStates(modelBytes(declared.dir)), { names, declared: true, layerScopes: c.scopes });

    const exposed = await ort.InferenceSession.create(exposeOutputs(plainBytes, found.names));
    const direct = await ort.InferenceSession.create(modelBytes(declared.dir));
    const input = feeds(c.ids, c.real, c.extra);
    const a = await exposed.run(input);
    const b = await direct.run(input);
    const pairs = [[c.out, c.out], ...found.names.map((n, i) => [n, names[i]])];
    for (const [mine, theirs] of pairs) {
      assert.deepEqual(a[mine].dims, b[theirs].dims);
      assert.deepEqual(bytesOf(a[mine]), bytesOf(b[theirs]), `${mine} vs ${theirs}`);
    }
    // And they are the residual stream a plain float64 forward pass computes (row 0 has no padding).
    const ref = c.reference(plainBytes, c.ids[0]);
    found.names.forEach((n, layer) => {
      const data = a[n].data as Float32Array;
      ref[layer].forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(data[i * plain.hidden + j] - v) < 1e-4, `${n}[${i}][${j}]`)));
    });
    await exposed.release();
    await direct.release();
  });
}

test('block scopes come from output tensor names when the nodes have no names', () => {
  const info = buildTinyGpt2(join(root, 'gpt2-unnamed'));
  const model = onnx.ModelProto.decode(modelBytes(info.dir));
  for (const node of (model.graph as Graph).node) node.name = '';
  const found = findHiddenStates(onnx.ModelProto.encode(model).finish());
  assert.deepEqual(found.names, info.internalHiddenStateNames);
  assert.deepEqual(found.layerScopes, ['/transformer/h.0', '/transformer/h.1']);
});

test('exposeOutputs only appends outputs: every other byte, unknown fields and external-data references are kept', () => {
  const b = new GraphBuilder();
  b.input('x', 'float32', ['n', 4]);
  const y = b.node('/layers.0', 'Add', ['x', b.init('w', new Float32Array(4), [4])]);
  b.output(b.node('/layers.1', 'Mul', [y, 'w'], {}, 'out'), 'float32', ['n', 4]);
  const model = onnx.ModelProto.decode(b.toBytes('g'));
  const w = (model.graph as Graph).initializer[0];
  w.rawData = new Uint8Array(0);
  w.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
  w.externalData = [['location', 'model.onnx_data'], ['offset', '0'], ['length', '16']].map(([key, value]) => onnx.StringStringEntryProto.create({ key, value }));
  const unknown = Uint8Array.of(0xa0, 0x06, 0x2a); // field 100, varint 42: unknown to every ONNX schema
  const original = new Uint8Array([...onnx.ModelProto.encode(model).finish(), ...unknown]);

  const exposed = exposeOutputs(original, [y, 'out']);
  assert.deepEqual([...exposed.subarray(exposed.length - 3)], [...unknown]);
  const decoded = onnx.ModelProto.decode(exposed);
  const graph = decoded.graph as Graph;
  assert.deepEqual(graph.output.map((o) => o.name), ['out', y]);
  const added = graph.output[1].type?.tensorType;
  assert.equal(added?.elemType, 1);
  // No value_info for y: declared without a shape (its rank is not known to the graph).
  assert.equal(added?.shape, null);
  assert.deepEqual(graph.initializer[0].externalData?.map((e) => [e.key, e.value]), [['location', 'model.onnx_data'], ['offset', '0'], ['length', '16']]);
  graph.output.pop();
  const reencoded = onnx.ModelProto.encode(decoded).finish();
  assert.deepEqual(Buffer.from(reencoded), Buffer.from(onnx.ModelProto.encode(model).finish()));
  assert.throws(() => exposeOutputs(original, ['nope']), /no node of the graph produces the tensor "nope"/);
});

test('shapes, and tensors computed in one block and reused by all later ones, are not taken for a block\'s output', () => {
  const b = new GraphBuilder();
  b.input('x', 'float32', ['n', 4]);
  const e = b.node('/embed', 'Mul', ['x', b.init('two', Float32Array.of(2), [])]);
  const t0 = b.node('/model/layers.0', 'Add', [e, 'two']);
  const table = b.node('/model/layers.0/rotary', 'Cos', ['x']);
  const shape = b.node('/model/layers.0', 'Shape', [t0]);
  const t1 = b.node('/model/layers.1', 'Reshape', [b.node('/model/layers.1', 'Add', [t0, table]), shape]);
  const t2 = b.node('/model/layers.2', 'Add', [t1, table]);
  b.output(b.node('/model/norm', 'Neg', [t2], {}, 'out'), 'float32', ['n', 4]);
  const found = findHiddenStates(b.toBytes('g'));
  assert.deepEqual(found.names, ['/embed/Mul_output_0', '/model/layers.0/Add_output_0', '/model/layers.1/Reshape_output_0', '/model/layers.2/Add_output_0']);
  assert.deepEqual(found.layerScopes, ['/model/layers.0', '/model/layers.1', '/model/layers.2']);
});

test('a graph without recognisable blocks, or with two block stacks, gets a clear error', () => {
  const flat = buildModel([{ op: 'Relu', inputs: ['x'], outputs: ['y'] }], [{ name: 'x', type: 'float32', rank: 3 }], [{ name: 'y', type: 'float32', rank: 3 }]);
  assert.throws(() => findHiddenStates(flat), /no transformer blocks or CNN stages recognised.*export the model with its hidden states as outputs/);
  const b = new GraphBuilder();
  b.input('x', 'float32', ['n', 4]);
  const enc = b.node('/encoder/layer.0', 'Relu', ['x']);
  b.output(b.node('/decoder/layer.0', 'Relu', [enc], {}, 'y'), 'float32', ['n', 4]);
  assert.throws(() => findHiddenStates(b.toBytes('g')), /ambiguous structure, several block stacks.*hidden states as outputs/);
});
