// A loaded `hf:` model: the transformers.js tokenizer and model class on a prepared folder, with what the
// adapters need to know (layers, hidden size, whether it is causal, its context length, special tokens).
import { AutoModel, AutoModelForCausalLM, AutoTokenizer, type PreTrainedModel, type PreTrainedTokenizer } from '@huggingface/transformers';
import { existsSync, readFileSync } from 'node:fs';
import { InputError } from '../../core/input-error.ts';
import { join } from 'node:path';
import type { EncodedText } from './hf-forward.ts';
import type { PreparedModel } from './hf-prepare.ts';

/** The tokenizer, the model and their facts. */
export interface HfRuntime {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  prepared: PreparedModel;
  /** A causal language model (its export gives logits; surprisal works). */
  causal: boolean;
  /** Width of the hidden states. */
  hidden: number;
  /** Longest input in tokens (the model's positions, else the tokenizer's limit, else 512). */
  maxTokens: number;
  padId: number;
  /** The token put before a text for surprisal (BOS, else EOS), or undefined when the tokenizer has neither. */
  startId?: number;
  /** Tokenize a text with the tokenizer's special tokens, truncated to maxTokens. */
  encode(text: string): EncodedText & { truncated: boolean };
}

interface ModelConfig {
  model_type?: string;
  architectures?: string[];
  is_decoder?: boolean;
  max_position_embeddings?: number;
  hidden_size?: number;
  n_embd?: number;
  d_model?: number;
  n_positions?: number;
  n_ctx?: number;
  pad_token_id?: number | null;
  bos_token_id?: number | null;
  eos_token_id?: number | number[] | null;
}

/** The tokenizer files transformers.js reads from a text model's folder. */
const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json'];

/** Whether a config describes a causal language model (decoder-only architecture). */
export function isCausalConfig(config: ModelConfig): boolean {
  if (config.architectures?.some((a) => /ForCausalLM$|LMHeadModel$/.test(a))) return true;
  return config.is_decoder === true;
}

/**
 * Load the tokenizer from `tokenizerFolder` and the model class from the prepared folder (fp32, CPU); `file` is
 * the ONNX file's base name ('model', or a two-tower model's 'text_model', whose sizes are in config.text_config).
 */
export async function loadRuntime(tokenizerFolder: string, prepared: PreparedModel, file = 'model'): Promise<HfRuntime> {
  const full = JSON.parse(readFileSync(join(prepared.folder, 'config.json'), 'utf8')) as ModelConfig & { text_config?: ModelConfig };
  const config: ModelConfig = file === 'text_model' ? { ...full, ...full.text_config, architectures: [] } : full;
  const causal = isCausalConfig(config);
  for (const name of TOKENIZER_FILES) {
    if (!existsSync(join(tokenizerFolder, name))) throw new InputError(`${tokenizerFolder}: the model folder has no ${name}; a text model needs ${TOKENIZER_FILES.join(' and ')} (as Optimum exports them)`, { file: '--model' });
  }
  const tokenizer = await AutoTokenizer.from_pretrained(tokenizerFolder);
  const loader = causal ? AutoModelForCausalLM : AutoModel;
  // local_files_only: the folder is on disk, and an optional file it lacks (generation_config.json, which many
  // causal exports omit) is then skipped; otherwise transformers.js treats the path as a hub id and fails.
  const model = await loader.from_pretrained(prepared.folder, { dtype: 'fp32', device: 'cpu', local_files_only: true, ...(file !== 'model' ? { model_file_name: file } : {}) });
  const positions = config.max_position_embeddings ?? config.n_positions ?? config.n_ctx;
  const tokenizerLimit = Number.isFinite(tokenizer.model_max_length) && tokenizer.model_max_length < 1e6 ? tokenizer.model_max_length : undefined;
  const maxTokens = positions ?? tokenizerLimit ?? 512;
  const eos = Array.isArray(config.eos_token_id) ? config.eos_token_id[0] : config.eos_token_id;
  const startId = tokenizer.bos_token_id ?? config.bos_token_id ?? tokenizer.eos_token_id ?? eos ?? undefined;
  const padId = tokenizer.pad_token_id ?? config.pad_token_id ?? eos ?? 0;
  // tokens the tokenizer adds around a text ([CLS], [SEP], <s>, …); the unknown token stands for a word and stays,
  // unless it is also a framing token (CLIP's <|endoftext|> is its unk, eos and pad token at once)
  const framing = new Set([tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token_id]);
  const specials = new Set(tokenizer.all_special_ids.filter((id) => id !== tokenizer.unk_token_id || framing.has(id)));
  const hidden = config.hidden_size ?? config.n_embd ?? config.d_model;
  if (hidden === undefined) throw new Error(`${join(prepared.folder, 'config.json')}: no hidden_size (or n_embd, d_model)`);
  return {
    tokenizer, model, prepared, causal, hidden, maxTokens, padId, startId: startId ?? undefined,
    encode(text) {
      const all = tokenizer.encode(text);
      const ids = all.length > maxTokens ? all.slice(0, maxTokens) : all;
      return { ids, special: ids.map((id) => specials.has(id)), truncated: ids.length < all.length };
    },
  };
}
