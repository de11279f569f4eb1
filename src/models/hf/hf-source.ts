// Where an `hf:` model comes from: a local folder (config.json, tokenizer files, onnx/model.onnx) or a
// Hugging Face hub id, fetched by transformers.js into Attune's cache folder unless offline.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../core/input-error.ts';

/** A resolved `hf:` source: a folder on disk, or a hub id (owner/name). */
export type HfSource = { kind: 'folder'; path: string; spec: string } | { kind: 'hub'; repo: string; spec: string };

/** The ONNX file transformers.js loads (fp32), relative to the model folder. */
export const ONNX_MODEL_FILE = join('onnx', 'model.onnx');

/** The ONNX files of a two-tower model (CLIP, SigLIP), relative to the model folder. */
export const TOWER_FILES = { image: join('onnx', 'vision_model.onnx'), text: join('onnx', 'text_model.onnx') } as const;

/** The path of ONNX file `file` ('model', 'vision_model', 'text_model') relative to the model folder. */
export function onnxPath(file: string): string {
  return join('onnx', `${file}.onnx`);
}

const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;

/** Whether Attune must not reach the network for models: --offline or ATTUNE_OFFLINE=1. */
export function offlineFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ATTUNE_OFFLINE === '1' || env.ATTUNE_OFFLINE === 'true' || env.HF_HUB_OFFLINE === '1';
}

/** Resolve the part after `hf:`; a folder must hold config.json and onnx/model.onnx (InputError on '--model'). */
export function resolveHfSource(spec: string): HfSource {
  const where = { file: '--model' };
  if (spec === '') throw new InputError("model id 'hf:' needs a model: hf:<hub-id> or hf:<folder>", where);
  const looksLikePath = spec.startsWith('.') || isAbsolute(spec) || spec.startsWith('~') || existsSync(spec);
  if (looksLikePath) {
    const path = resolve(spec);
    if (!existsSync(path)) throw new InputError(`hf:${spec}: folder not found`, where);
    if (!statSync(path).isDirectory()) throw new InputError(`hf:${spec}: not a folder (an hf: model is a folder with config.json and onnx/model.onnx)`, where);
    if (!existsSync(join(path, 'config.json'))) throw new InputError(`hf:${spec}: the folder has no config.json`, where);
    if (![ONNX_MODEL_FILE, TOWER_FILES.image, TOWER_FILES.text].some((f) => existsSync(join(path, f)))) {
      throw new InputError(`hf:${spec}: the folder has no onnx/model.onnx (nor a two-tower model's onnx/vision_model.onnx or onnx/text_model.onnx); export the model to ONNX, e.g. with Hugging Face Optimum`, where);
    }
    return { kind: 'folder', path, spec };
  }
  if (!HUB_ID.test(spec)) throw new InputError(`hf:${spec}: neither a folder nor a hub model id (owner/name)`, where);
  return { kind: 'hub', repo: spec, spec };
}
