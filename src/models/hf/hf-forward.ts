// One forward pass of a batch of tokenized texts through a transformers.js model: the hidden state of
// every layer (and the logits of a causal model), right-padded, with the padding masked out.
import { Tensor, type PreTrainedModel } from '@huggingface/transformers';

/** A tokenized text: token ids and which of them the tokenizer added as special tokens. */
export interface EncodedText {
  ids: number[];
  special: boolean[];
}

/** What a batch gives back: per layer a batch × seq × hidden float32 array; logits (batch × seq × vocab) if asked. */
export interface BatchOutput {
  states: Float32Array[];
  seq: number;
  hidden: number;
  logits?: Float32Array;
  vocab?: number;
}

interface OutputTensor {
  data: unknown;
  dims: number[];
}

/** Run `texts` (at least one) as one right-padded batch; `hiddenStates` are the output names in layer order. */
export async function forwardBatch(
  model: PreTrainedModel,
  texts: readonly EncodedText[],
  padId: number,
  hiddenStates: readonly string[],
  wantLogits: boolean,
): Promise<BatchOutput> {
  const batch = texts.length;
  const seq = Math.max(...texts.map((t) => t.ids.length));
  const ids = new BigInt64Array(batch * seq).fill(BigInt(padId));
  const mask = new BigInt64Array(batch * seq);
  texts.forEach((text, b) => {
    text.ids.forEach((id, t) => {
      ids[b * seq + t] = BigInt(id);
      mask[b * seq + t] = 1n;
    });
  });
  const outputs = (await model({
    input_ids: new Tensor('int64', ids, [batch, seq]),
    attention_mask: new Tensor('int64', mask, [batch, seq]),
  })) as Record<string, OutputTensor>;
  let hidden = 0;
  const states = hiddenStates.map((name) => {
    const out = outputs[name];
    if (!out) throw new Error(`the model gave no output '${name}' (a hidden state it should expose)`);
    if (out.dims.length !== 3 || out.dims[0] !== batch || out.dims[1] !== seq) {
      throw new Error(`hidden state '${name}' has shape [${out.dims.join(', ')}], expected [${batch}, ${seq}, hidden]`);
    }
    hidden = out.dims[2];
    return float32(out, name);
  });
  const result: BatchOutput = { states, seq, hidden };
  if (wantLogits) {
    const logits = outputs.logits;
    if (!logits || logits.dims.length !== 3) throw new Error('the model gave no logits [batch, seq, vocab]; surprisal needs a causal language-model export');
    result.logits = float32(logits, 'logits');
    result.vocab = logits.dims[2];
  }
  return result;
}

function float32(out: OutputTensor, name: string): Float32Array {
  if (!(out.data instanceof Float32Array)) throw new Error(`output '${name}' is not float32; Attune loads fp32 exports`);
  return out.data;
}
