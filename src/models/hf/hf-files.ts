// The files of an `hf:` model on disk: a local folder as given, or a hub model fetched by transformers.js
// into Attune's cache folder (hf-hub/<owner>/<name>/…), which then serves offline.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AutoConfig, AutoModel, AutoTokenizer, env } from '@huggingface/transformers';
import { ExternalError } from '../../core/external-error.ts';
import { InputError } from '../../core/input-error.ts';
import { ONNX_MODEL_FILE, type HfSource } from './hf-source.ts';

/** Point transformers.js at Attune's cache folder and allow or forbid the network. */
export function configureTransformers(cacheDir: string, offline: boolean): void {
  env.allowLocalModels = true;
  env.allowRemoteModels = !offline;
  env.useFSCache = true;
  env.cacheDir = join(cacheDir, 'hf-hub');
}

/**
 * The folder holding config.json, the tokenizer files and onnx/model.onnx of a source. A hub model is
 * downloaded on first use (transformers.js writes it under cacheDir/hf-hub); offline, it must already be there.
 */
export async function modelFolder(source: HfSource, cacheDir: string, offline: boolean): Promise<string> {
  if (source.kind === 'folder') return source.path;
  configureTransformers(cacheDir, offline);
  const folder = join(env.cacheDir as string, source.repo);
  if (existsSync(join(folder, ONNX_MODEL_FILE)) && existsSync(join(folder, 'config.json'))) return folder;
  if (offline) {
    throw new InputError(`hf:${source.repo}: not in the cache (${folder}) and offline (--offline or ATTUNE_OFFLINE=1); run once with network access or give a local folder`, { file: '--model' });
  }
  try {
    await AutoConfig.from_pretrained(source.repo);
    await AutoTokenizer.from_pretrained(source.repo);
    const model = await AutoModel.from_pretrained(source.repo, { dtype: 'fp32' });
    await model.dispose();
  } catch (error) {
    const text = (error as Error).message;
    if (/could not locate|404|not found/i.test(text)) throw new InputError(`hf:${source.repo}: not found on the hub (${text})`, { file: '--model' });
    throw new ExternalError(`hf:${source.repo}: could not download from the hub: ${text}`);
  }
  if (!existsSync(join(folder, ONNX_MODEL_FILE))) throw new InputError(`hf:${source.repo}: the hub model has no onnx/model.onnx`, { file: '--model' });
  return folder;
}
