// A tiny CLIP (two towers of 2 pre-LayerNorm layers, hidden 16, 2 heads, intermediate 32, quick GELU,
// projections to 8) with seeded random weights, written as a Hugging Face model folder the way Optimum exports
// CLIP for transformers.js: onnx/vision_model.onnx, onnx/text_model.onnx, a CLIPImageProcessor config and a
// CLIPTokenizer (the tiny GPT-2 byte-level BPE, lower-cased, wrapped in <|startoftext|> … <|endoftext|>).
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../src/core/random.ts';
import { CLIP } from './clip-layers.ts';
import { CLIP_TEXT_POSITIONS, clipTextGraph } from './clip-text.ts';
import { CLIP_VISION, clipVisionGraph } from './clip-vision.ts';
import { writeModelFolder, type TinyModelOptions } from './folder.ts';
import { gpt2TokenizerJson, gpt2Vocab } from './tokenizers.ts';

const START = '<|startoftext|>';
const END = '<|endoftext|>';

/** What `buildTinyClip` produced. */
export interface TinyClipInfo {
  dir: string;
  /** Encoder layers per tower; each tower has `layers + 1` hidden states. */
  layers: number;
  hidden: number;
  /** Width of image_embeds and text_embeds. */
  projectionDim: number;
  imageSize: number;
  patchSize: number;
  numChannels: number;
  /** Tokens per image: the CLS token and the patches (17). */
  visionSequenceLength: number;
  vocabSize: number;
  /** The text tower's positions (longest input in tokens). */
  maxPositions: number;
  /** Ids of <|startoftext|> and <|endoftext|> (also the padding and unknown token, and the largest id). */
  startId: number;
  endId: number;
  /** Each tower's hidden-state tensors inside its graph (Hugging Face's hidden_states). */
  internalHiddenStateNames: { vision: string[]; text: string[] };
}

/** The vocabulary: the tiny GPT-2's byte symbols and merges, then <|startoftext|> and <|endoftext|> (the largest id, as in CLIP). */
export function clipVocab(): string[] {
  return [...gpt2Vocab().filter((t) => t !== END), START, END];
}

/** tokenizer.json: the byte-level BPE with CLIP's normalizer (NFC, whitespace runs to one space, lower case) and its start/end wrapping. */
function clipTokenizerJson(vocab: string[]): object {
  const [start, end] = [vocab.indexOf(START), vocab.indexOf(END)];
  const bpe = gpt2TokenizerJson(vocab) as { model: object };
  const added = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    ...bpe,
    added_tokens: [added(start, START), added(end, END)],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFC' }, { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' }, { type: 'Lowercase' }] },
    post_processor: { type: 'RobertaProcessing', sep: [END, end], cls: [START, start], trim_offsets: false, add_prefix_space: false },
    model: { ...bpe.model, unk_token: END },
  };
}

/** Build the tiny CLIP folder in `dir` (config, preprocessor and tokenizer files, both towers) and describe it. */
export function buildTinyClip(dir: string, options: TinyModelOptions = {}): TinyClipInfo {
  const vocab = clipVocab();
  const [startId, endId] = [vocab.indexOf(START), vocab.indexOf(END)];
  const rng = createRng(options.seed ?? 1);
  const vision = clipVisionGraph(rng, options.declareHiddenStates);
  const text = clipTextGraph(rng, vocab.length, options.declareHiddenStates);
  const { hidden, layers, heads, intermediate, projection, eps } = CLIP;
  const tower = { hidden_size: hidden, num_hidden_layers: layers, num_attention_heads: heads, intermediate_size: intermediate, hidden_act: 'quick_gelu', layer_norm_eps: eps, projection_dim: projection, attention_dropout: 0, dropout: 0 };
  const config = {
    architectures: ['CLIPModel'], model_type: 'clip', projection_dim: projection, logit_scale_init_value: 2.6592,
    text_config: { ...tower, model_type: 'clip_text_model', vocab_size: vocab.length, max_position_embeddings: CLIP_TEXT_POSITIONS, bos_token_id: startId, eos_token_id: endId, pad_token_id: endId },
    vision_config: { ...tower, model_type: 'clip_vision_model', image_size: CLIP_VISION.imageSize, patch_size: CLIP_VISION.patchSize, num_channels: CLIP_VISION.channels },
  };
  const preprocessor = {
    image_processor_type: 'CLIPImageProcessor', do_resize: true, size: { shortest_edge: CLIP_VISION.imageSize }, resample: 3,
    do_center_crop: true, crop_size: { height: CLIP_VISION.imageSize, width: CLIP_VISION.imageSize },
    do_rescale: true, rescale_factor: 0.00392156862745098, do_normalize: true, do_convert_rgb: true,
    image_mean: [0.48145466, 0.4578275, 0.40821073], image_std: [0.26862954, 0.26130258, 0.27577711],
  };
  const specialTokens = { bos_token: START, eos_token: END, unk_token: END, pad_token: END };
  const tokenizerConfig = { tokenizer_class: 'CLIPTokenizer', do_lower_case: true, add_prefix_space: false, model_max_length: CLIP_TEXT_POSITIONS, ...specialTokens, clean_up_tokenization_spaces: false };
  // writeModelFolder writes onnx/model.onnx; each tower is written there and renamed to its own file.
  const onnx = (file: string) => join(dir, 'onnx', file);
  writeModelFolder(dir, {
    'config.json': config, 'preprocessor_config.json': preprocessor, 'tokenizer.json': clipTokenizerJson(vocab),
    'tokenizer_config.json': tokenizerConfig, 'special_tokens_map.json': specialTokens,
  }, vision.model);
  renameSync(onnx('model.onnx'), onnx('vision_model.onnx'));
  writeModelFolder(dir, {}, text.model);
  renameSync(onnx('model.onnx'), onnx('text_model.onnx'));
  return {
    dir, layers, hidden, projectionDim: projection, imageSize: CLIP_VISION.imageSize, patchSize: CLIP_VISION.patchSize,
    numChannels: CLIP_VISION.channels, visionSequenceLength: CLIP_VISION.tokens, vocabSize: vocab.length,
    maxPositions: CLIP_TEXT_POSITIONS, startId, endId,
    internalHiddenStateNames: { vision: vision.hiddenNames, text: text.hiddenNames },
  };
}
