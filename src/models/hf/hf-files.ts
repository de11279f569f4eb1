// The files of an `hf:` model on disk: a local folder as given, or a hub model (text, picture or two-tower) fetched by transformers.js
// into Attune's cache folder (hf-hub/<owner>/<name>/…), which then serves offline.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AutoConfig, AutoImageProcessor, AutoModel, AutoTokenizer, env } from '@huggingface/transformers';
import { ExternalError } from '../../core/external-error.ts';
import { InputError } from '../../core/input-error.ts';
import type { Tower } from './hf-kind.ts';
import { ONNX_MODEL_FILE, TOWER_FILES, type HfSource } from './hf-source.ts';

/** Point transformers.js at Attune's cache folder and allow or forbid the network. */
export function configureTransformers(cacheDir: string, offline: boolean): void {
  env.allowLocalModels = true;
  env.allowRemoteModels = !offline;
  env.useFSCache = true;
  env.cacheDir = join(cacheDir, 'hf-hub');
}

/**
 * The folder holding config.json, the tokenizer or image-processor files and the ONNX file(s) of a source. A hub
 * model is downloaded on first use (transformers.js writes it under cacheDir/hf-hub); offline, it must already be
 * there. `tower` picks a two-tower model's ONNX file to download (image: onnx/vision_model.onnx, text: onnx/text_model.onnx).
 */
export async function modelFolder(source: HfSource, cacheDir: string, offline: boolean, tower?: Tower): Promise<string> {
  if (source.kind === 'folder') return source.path;
  configureTransformers(cacheDir, offline);
  const folder = join(env.cacheDir as string, source.repo);
  const onnxFiles = [ONNX_MODEL_FILE, TOWER_FILES.image, TOWER_FILES.text];
  if (onnxFiles.some((f) => existsSync(join(folder, f))) && existsSync(join(folder, 'config.json'))) return folder;
  if (offline) {
    throw new InputError(`hf:${source.repo}: not in the cache (${folder}) and offline (--offline or ATTUNE_OFFLINE=1); run once with network access or give a local folder`, { file: '--model' });
  }
  try {
    await AutoConfig.from_pretrained(source.repo);
    // A text model has a tokenizer, a picture model an image processor, a two-tower model both.
    const tokenizer = await AutoTokenizer.from_pretrained(source.repo).then(() => true, () => false);
    const processor = await AutoImageProcessor.from_pretrained(source.repo).then(() => true, () => false);
    if (!tokenizer && !processor) throw new Error('neither a tokenizer nor an image processor (preprocessor_config.json) could be loaded');
    const file = tower === 'text' ? 'text_model' : tower === 'image' ? 'vision_model' : undefined;
    const model = await AutoModel.from_pretrained(source.repo, { dtype: 'fp32', ...(file ? { model_file_name: file } : {}) });
    await model.dispose();
  } catch (error) {
    const text = (error as Error).message;
    if (/could not locate|404|not found/i.test(text)) throw new InputError(`hf:${source.repo}: not found on the hub (${text})`, { file: '--model' });
    throw new ExternalError(`hf:${source.repo}: could not download from the hub: ${text}`);
  }
  if (!onnxFiles.some((f) => existsSync(join(folder, f)))) throw new InputError(`hf:${source.repo}: the hub model has no onnx/model.onnx (nor onnx/vision_model.onnx, onnx/text_model.onnx)`, { file: '--model' });
  return folder;
}
