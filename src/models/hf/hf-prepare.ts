// Make every layer of an ONNX export readable: when the export does not declare its hidden states as
// outputs, a copy with them exposed is written once to the cache (models/hf/<sha256>/) and loaded instead.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { exposeOutputs, findHiddenStates } from './hidden-states.ts';
import { onnxPath } from './hf-source.ts';

/** A model ready to load: the folder transformers.js reads, the ONNX file's sha256, and the hidden-state outputs. */
export interface PreparedModel {
  folder: string;
  /** sha256 (hex) of the original onnx/model.onnx: the model's revision in every cache key. */
  sha256: string;
  /** Output names of the residual stream: embeddings, then the output of each block. */
  hiddenStates: string[];
  /** Whether the export declared them itself (else Attune exposed them in its copy). */
  declared: boolean;
}

const INDEX_FILE = 'attune-hidden-states.json';
const COPIED = ['config.json', 'generation_config.json', 'preprocessor_config.json'];

/**
 * Prepare the model in `folder` (see the file comment); `cacheDir` is Attune's cache folder; `file` is the ONNX
 * file's base name under onnx/ ('model', or a two-tower model's 'vision_model' / 'text_model').
 */
export async function prepareModel(folder: string, cacheDir: string, file = 'model'): Promise<PreparedModel> {
  const onnxFile = onnxPath(file);
  const bytes = new Uint8Array(await readFile(join(folder, onnxFile)));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const target = join(cacheDir, 'models', 'hf', sha256);
  const index = join(target, INDEX_FILE);
  if (existsSync(index)) {
    const known = JSON.parse(readFileSync(index, 'utf8')) as { declared: boolean; hiddenStates: string[] };
    if (known.declared || existsSync(join(target, onnxFile))) {
      return { folder: known.declared ? folder : target, sha256, hiddenStates: known.hiddenStates, declared: known.declared };
    }
  }
  const found = findHiddenStates(bytes);
  mkdirSync(join(target, 'onnx'), { recursive: true });
  if (!found.declared) {
    for (const name of COPIED) if (existsSync(join(folder, name))) copyFileSync(join(folder, name), join(target, name));
    for (const name of [`${file}.onnx_data`, `${file}.onnx.data`]) {
      const source = join(folder, 'onnx', name);
      if (existsSync(source) && !existsSync(join(target, 'onnx', name))) symlinkSync(source, join(target, 'onnx', name));
    }
    await writeFileAtomic(join(target, onnxFile), exposeOutputs(bytes, found.names));
  }
  await writeFileAtomic(index, JSON.stringify({ declared: found.declared, hiddenStates: found.names }));
  return { folder: found.declared ? folder : target, sha256, hiddenStates: found.names, declared: found.declared };
}
