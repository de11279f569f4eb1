// The tiny CLIP's text tower (CLIPTextModelWithProjection as Optimum exports it to onnx/text_model.onnx):
// token and position embeddings, 2 causal encoder layers that also mask padding, final_layer_norm, the state
// at the end-of-text token (the argmax of input_ids, as CLIP pools) and the text projection.
import type { Rng } from '../../src/core/random.ts';
import { GraphBuilder } from './onnx-build.ts';
import { f32, i64, layerNorm, MASK_MIN, positions, randn } from './layers.ts';
import { CLIP, clipEncoderLayer, declareHiddenStates, projection } from './clip-layers.ts';

/** Positions of the text tower (its longest input in tokens). */
export const CLIP_TEXT_POSITIONS = 16;

/**
 * The additive attention mask [batch, 1, seq, seq]: the causal mask (key ≤ query) and the padding mask (key
 * real), each 0 or float32's lowest, combined by their minimum; in scope `/text_model`.
 */
function causalPaddingMask(b: GraphBuilder, ids: string, mask: string): string {
  const s = '/text_model';
  const { range } = positions(b, s, ids);
  const keyBeforeQuery = b.node(s, 'LessOrEqual', [b.node(s, 'Unsqueeze', [range, i64(b, s, [0])]), b.node(s, 'Unsqueeze', [range, i64(b, s, [1])])]);
  const causal = b.node(s, 'Where', [keyBeforeQuery, f32(b, s, 0), f32(b, s, MASK_MIN)]);
  const padded = b.node(s, 'Equal', [b.node(s, 'Unsqueeze', [mask, i64(b, s, [1, 2])]), i64(b, s, [0], true)]);
  const padding = b.node(s, 'Where', [padded, f32(b, s, MASK_MIN), f32(b, s, 0)]);
  return b.node(s, 'Min', [causal, padding]);
}

/** Each sequence's state at the argmax of its input_ids (the end-of-text token, the largest id): [batch, hidden]. */
function endOfTextState(b: GraphBuilder, ids: string, states: string): string {
  const s = '/text_model';
  const eot = b.node(s, 'ArgMax', [b.node(s, 'Cast', [ids], { to: { int: 6 } })], { axis: { int: -1 }, keepdims: { int: 0 } });
  const batch = b.node(s, 'Gather', [b.node(s, 'Shape', [ids]), i64(b, s, [0], true)], { axis: { int: 0 } });
  const rows = b.node(s, 'Range', [i64(b, s, [0], true), batch, i64(b, s, [1], true)]);
  const where = b.node(s, 'Concat', [b.node(s, 'Unsqueeze', [rows, i64(b, s, [1])]), b.node(s, 'Unsqueeze', [eot, i64(b, s, [1])])], { axis: { int: 1 } });
  return b.node(s, 'GatherND', [states, where]);
}

/**
 * The text tower's bytes and its hidden-state tensors (Hugging Face's hidden_states: token + position
 * embeddings, then each layer's output, before final_layer_norm).
 */
export function clipTextGraph(rng: Rng, vocabSize: number, declare = false): { model: Uint8Array; hiddenNames: string[] } {
  const { hidden, layers, projection: projectionDim, eps } = CLIP;
  const b = new GraphBuilder();
  const dyn = ['batch_size', 'sequence_length'];
  const ids = b.input('input_ids', 'int64', dyn);
  const mask = b.input('attention_mask', 'int64', dyn);

  const e = '/text_model/embeddings';
  const tokenTable = b.init('text_model.embeddings.token_embedding.weight', randn(rng, vocabSize * hidden, 1), [vocabSize, hidden]);
  const posTable = b.init('text_model.embeddings.position_embedding.weight', randn(rng, CLIP_TEXT_POSITIONS * hidden, 0.5), [CLIP_TEXT_POSITIONS, hidden]);
  const tokens = b.node(`${e}/token_embedding`, 'Gather', [tokenTable, ids]);
  const places = b.node(`${e}/position_embedding`, 'Gather', [posTable, positions(b, e, ids).range]);
  let x = b.node(e, 'Add', [tokens, places]);
  const hiddenNames = [x];
  const additive = causalPaddingMask(b, ids, mask);

  for (let l = 0; l < layers; l++) {
    x = clipEncoderLayer(b, rng, 'text_model', l, x, additive);
    hiddenNames.push(x);
  }

  const last = layerNorm(b, rng, '/text_model/final_layer_norm', 'text_model.final_layer_norm', x, hidden, eps, 'last_hidden_state');
  projection(b, rng, '/text_projection', 'text_projection', endOfTextState(b, ids, last), hidden, projectionDim, 'text_embeds');

  b.output('text_embeds', 'float32', ['batch_size', projectionDim]);
  b.output('last_hidden_state', 'float32', [...dyn, hidden]);
  if (declare) declareHiddenStates(b, hiddenNames);
  return { model: b.toBytes('main_graph'), hiddenNames };
}
