// Builds small ONNX graphs in process (onnx-proto) and caches their onnxruntime-node sessions.
import { availableParallelism } from 'node:os';
import ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** Element types Attune's graphs use. */
export type ElementType = 'float32' | 'float64' | 'int64';

const ELEMENT_CODE: Record<ElementType, number> = { float32: 1, float64: 11, int64: 7 };

/** A graph input or output: name, element type and rank (every dimension is symbolic). */
export interface TensorSpec {
  name: string;
  type: ElementType;
  rank: number;
}

/** A node attribute: an integer, a list of integers, or a float (`{ float: 1 }` for an integral float such as Gemm's alpha). */
export type AttributeValue = number | number[] | { float: number };

/** One node: operator, inputs, outputs, attributes, optional domain (e.g. 'com.microsoft'). */
export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  /** Plain numbers are INT when integral and FLOAT otherwise; use `{ float: x }` to force FLOAT. */
  attributes?: Record<string, AttributeValue>;
  domain?: string;
}

function attribute(name: string, v: AttributeValue) {
  const { AttributeType } = onnx.AttributeProto;
  if (Array.isArray(v)) return onnx.AttributeProto.create({ name, ints: v, type: AttributeType.INTS });
  if (typeof v === 'object') return onnx.AttributeProto.create({ name, f: v.float, type: AttributeType.FLOAT });
  if (Number.isInteger(v)) return onnx.AttributeProto.create({ name, i: v, type: AttributeType.INT });
  return onnx.AttributeProto.create({ name, f: v, type: AttributeType.FLOAT });
}

/** Serialise a graph to ONNX model bytes (opset 17, plus com.microsoft when a node asks for it). */
export function buildModel(nodes: NodeSpec[], inputs: TensorSpec[], outputs: TensorSpec[]): Uint8Array {
  const valueInfo = (t: TensorSpec) =>
    onnx.ValueInfoProto.create({
      name: t.name,
      type: {
        tensorType: {
          elemType: ELEMENT_CODE[t.type],
          shape: { dim: Array.from({ length: t.rank }, (_, i) => ({ dimParam: `${t.name}_d${i}` })) },
        },
      },
    });
  const nodeProtos = nodes.map((n, i) =>
    onnx.NodeProto.create({
      name: `n${i}_${n.op}`,
      opType: n.op,
      domain: n.domain ?? '',
      input: n.inputs,
      output: n.outputs,
      attribute: Object.entries(n.attributes ?? {}).map(([name, v]) => attribute(name, v)),
    }),
  );
  const opsets = [{ domain: '', version: 17 }];
  if (nodes.some((n) => n.domain === 'com.microsoft')) opsets.push({ domain: 'com.microsoft', version: 1 });
  const graph = onnx.GraphProto.create({
    name: 'attune',
    node: nodeProtos,
    input: inputs.map(valueInfo),
    output: outputs.map(valueInfo),
  });
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: opsets, graph, producerName: 'attune' });
  return onnx.ModelProto.encode(model).finish();
}

const sessions = new Map<string, Promise<ort.InferenceSession>>();

/**
 * Threads onnxruntime may use inside one operator (ATTUNE_THREADS overrides; default: all available cores).
 * Named explicitly: onnxruntime's own default (0) ran one thread on a 2-core VM (2000×4096 Gram panels, float32:
 * 133 ms wall = CPU time; with 2 threads 84 ms wall).
 */
export function intraOpThreads(): number {
  const fromEnv = Number(process.env.ATTUNE_THREADS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism();
}

/** A cached inference session for a graph, built once per key. */
export function cachedSession(key: string, build: () => Uint8Array): Promise<ort.InferenceSession> {
  let s = sessions.get(key);
  if (!s) {
    s = ort.InferenceSession.create(build(), {
      intraOpNumThreads: intraOpThreads(),
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      enableCpuMemArena: false,
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    });
    sessions.set(key, s);
  }
  return s;
}

/** Wrap a typed array as an onnxruntime tensor of the given shape (no copy). */
export function tensor(data: Float64Array | Float32Array | BigInt64Array, dims: number[]): ort.Tensor {
  const type = data instanceof Float64Array ? 'float64' : data instanceof Float32Array ? 'float32' : 'int64';
  return new ort.Tensor(type, data, dims);
}

/** Run a cached session and return its outputs by name; `outputs` pre-allocates some (written in place). */
export async function runSession(
  session: ort.InferenceSession,
  feeds: Record<string, ort.Tensor>,
  outputs?: Record<string, ort.Tensor>,
): Promise<Record<string, ort.Tensor>> {
  return (await (outputs ? session.run(feeds, outputs) : session.run(feeds))) as Record<string, ort.Tensor>;
}
