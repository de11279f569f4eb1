// Finding the residual stream of a transformer's ONNX export (embeddings output, then each block's
// output), from declared `hidden_states.N` outputs or from the graph's structure, and exposing those
// tensors as extra graph outputs in a copy of the model.
import onnxProto from 'onnx-proto';
import { appendGraphOutputs } from './onnx-wire.ts';

const { onnx } = onnxProto;

/** The residual-stream tensors of a model: embeddings output, then the output of each block. */
export interface HiddenStates {
  names: string[];
  /** Whether the graph already declares them as outputs. */
  declared: boolean;
  /** The block scopes in order (e.g. `/encoder/layer.0`); empty when declared outputs exist but no scopes are recognisable. */
  layerScopes: string[];
}

/** The parts of a graph this file reads. */
interface Graph {
  nodes: { name: string; op: string; inputs: string[]; outputs: string[] }[];
  outputs: string[];
  /** value_info entries with a tensor type: element type and rank (0 when the shape is unknown). */
  valueInfo: Map<string, { elemType: number; rank: number }>;
}

const DECLARED = /^(?:all_)?hidden_states[._](\d+)$/;
/** A block scope in a node name; the leftmost match is the outermost stack (a CNN's stages.N before its layers.M). */
const BLOCK = /(?:^|[^A-Za-z0-9])(?:stages|stage|layers|layer|blocks|block|blk|h)\.(\d+)(?![0-9])/;
/** Operators whose outputs are constants or shapes, never activations. */
const SHAPE_OPS = new Set(['Constant', 'ConstantOfShape', 'Shape', 'Size', 'Range']);
const HINT = 'export the model with its hidden states as outputs (e.g. Optimum with output_hidden_states=True)';

function decodeGraph(modelBytes: Uint8Array, caller: string): Graph {
  const graph = onnx.ModelProto.decode(modelBytes).graph;
  if (!graph) throw new Error(`${caller}: the model has no graph`);
  const valueInfo = new Map<string, { elemType: number; rank: number }>();
  for (const v of graph.valueInfo ?? []) {
    const t = v.type?.tensorType;
    if (v.name && t?.elemType) valueInfo.set(v.name, { elemType: t.elemType, rank: t.shape?.dim?.length ?? 0 });
  }
  return {
    nodes: (graph.node ?? []).map((n) => ({ name: n.name ?? '', op: n.opType ?? '', inputs: n.input ?? [], outputs: n.output ?? [] })),
    outputs: (graph.output ?? []).map((o) => o.name ?? ''),
    valueInfo,
  };
}

function declaredStates(graph: Graph): string[] | undefined {
  const byIndex = new Map<number, string>();
  for (const name of graph.outputs) {
    const m = DECLARED.exec(name);
    if (m) byIndex.set(Number(m[1]), name);
  }
  if (byIndex.size === 0) return undefined;
  const names = Array.from({ length: byIndex.size }, (_, i) => byIndex.get(i));
  if (names.some((n) => n === undefined)) throw new Error(`findHiddenStates: the declared hidden-state outputs are not numbered 0..${byIndex.size - 1}`);
  return names as string[];
}

/** Each node's block (its index, or -1 outside every block) and the block scopes, from node (or output) names. */
function blocksOf(graph: Graph): { blockOfNode: number[]; scopes: string[] } {
  const found = graph.nodes.map((n) => {
    const name = n.name || n.outputs[0] || '';
    const m = BLOCK.exec(name);
    if (!m) return undefined;
    const scope = name.slice(0, m.index + m[0].length);
    return { scope, index: Number(m[1]), family: scope.replace(/[/.]/g, '/').replace(/^\//, '').replace(/\d+$/, '#') };
  });
  const families = [...new Set(found.flatMap((f) => (f ? [f.family] : [])))];
  if (families.length === 0) throw new Error(`findHiddenStates: no transformer blocks or CNN stages recognised in the graph's node names (layer.N, layers.N, h.N, block.N, blk.N, stages.N); ${HINT}`);
  if (families.length > 1) throw new Error(`findHiddenStates: ambiguous structure, several block stacks (${families.join(', ')}); ${HINT}`);
  const scopes: string[] = [];
  for (const f of found) if (f && scopes[f.index] === undefined) scopes[f.index] = f.scope;
  for (let i = 0; i < scopes.length; i++) {
    if (scopes[i] === undefined) throw new Error(`findHiddenStates: block ${i} is missing (blocks are not numbered 0..${scopes.length - 1}); ${HINT}`);
  }
  return { blockOfNode: found.map((f) => (f ? f.index : -1)), scopes };
}

function structuralStates(graph: Graph): { names: string[]; scopes: string[] } {
  const { blockOfNode, scopes } = blocksOf(graph);
  const layers = scopes.length;
  const producer = new Map<string, { block: number; op: string }>();
  const consumers = new Map<string, Set<number>>();
  graph.nodes.forEach((n, i) => {
    for (const t of n.outputs) if (t) producer.set(t, { block: blockOfNode[i], op: n.op });
    for (const t of n.inputs) {
      if (!t) continue;
      const set = consumers.get(t) ?? new Set<number>();
      consumers.set(t, set.add(blockOfNode[i]));
    }
  });
  const outputs = new Set(graph.outputs.filter((n) => !n.startsWith('present')));
  const usedBy = (t: string) => consumers.get(t) ?? new Set<number>();
  const pick = (what: string, candidates: string[]): string => {
    if (candidates.length === 1) return candidates[0];
    const detail = candidates.length === 0 ? 'no candidate tensor' : `candidates ${candidates.join(', ')}`;
    throw new Error(`findHiddenStates: ambiguous structure, cannot tell the ${what} (${detail}); ${HINT}`);
  };

  const embeddings = [...producer].filter(([t, p]) => p.block === -1 && !SHAPE_OPS.has(p.op) && usedBy(t).has(0) && !(layers > 1 && usedBy(t).has(1)));
  const names = [pick('embeddings output', embeddings.map(([t]) => t))];
  for (let b = 0; b < layers; b++) {
    let leaving = [...producer].filter(([t, p]) => p.block === b && !SHAPE_OPS.has(p.op) && ([...usedBy(t)].some((c) => c !== b) || outputs.has(t))).map(([t]) => t);
    // Tensors computed once in a block and reused by every later block (e.g. rotary tables) are not the residual stream.
    if (leaving.length > 1) leaving = leaving.filter((t) => ![...usedBy(t)].some((c) => c > b + 1));
    names.push(pick(`output of block ${scopes[b]}`, leaving));
  }
  return { names, scopes };
}

/** The residual-stream tensors of an ONNX transformer: declared `hidden_states.N` outputs, else found from the block structure (throws when ambiguous). */
export function findHiddenStates(modelBytes: Uint8Array): HiddenStates {
  const graph = decodeGraph(modelBytes, 'findHiddenStates');
  const declared = declaredStates(graph);
  if (declared) {
    let layerScopes: string[] = [];
    try {
      layerScopes = blocksOf(graph).scopes;
    } catch {
      // Declared outputs need no recognisable scopes.
    }
    return { names: declared, declared: true, layerScopes };
  }
  const { names, scopes } = structuralStates(graph);
  return { names, declared: false, layerScopes: scopes };
}

/** A copy of the model with the named tensors added as graph outputs (element type and rank from value_info, else float32 and no shape; symbolic dims); everything else is kept byte for byte. */
export function exposeOutputs(modelBytes: Uint8Array, names: string[]): Uint8Array {
  const graph = decodeGraph(modelBytes, 'exposeOutputs');
  const produced = new Set(graph.nodes.flatMap((n) => n.outputs));
  const already = new Set(graph.outputs);
  const added: Uint8Array[] = [];
  for (const name of names) {
    if (already.has(name)) continue;
    if (!produced.has(name)) throw new Error(`exposeOutputs: no node of the graph produces the tensor "${name}"`);
    const known = graph.valueInfo.get(name);
    // Without a known rank the output is declared with no shape (token states are rank 3, feature maps rank 4).
    const shape = known?.rank ? { shape: { dim: Array.from({ length: known.rank }, (_, i) => ({ dimParam: `${name}_dim_${i}` })) } } : {};
    const info = onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: known?.elemType ?? 1, ...shape } } });
    added.push(onnx.ValueInfoProto.encode(info).finish());
    already.add(name);
  }
  return appendGraphOutputs(modelBytes, added);
}
