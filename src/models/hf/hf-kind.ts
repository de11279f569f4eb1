// What an `hf:` model folder holds: a text transformer, a picture model, or a two-tower model (CLIP, SigLIP)
// whose image or text tower is chosen with --tower.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/input-error.ts';
import { ONNX_MODEL_FILE, TOWER_FILES } from './hf-source.ts';

/** Which tower of a two-tower model to load. */
export type Tower = 'image' | 'text';

/** What to load: the modality, the ONNX file's base name under onnx/, and the tower when the model has two. */
export interface HfKind {
  modality: 'text' | 'image';
  file: 'model' | 'vision_model' | 'text_model';
  tower?: Tower;
}

const TWO_TOWER_TYPES = new Set(['clip', 'siglip', 'chinese_clip']);

/** Parse a --tower value (InputError otherwise); undefined when not given. */
export function parseTower(text: string | undefined): Tower | undefined {
  if (text === undefined) return undefined;
  if (text === 'image' || text === 'text') return text;
  throw new InputError(`--tower takes image or text, not '${text}'`, { file: '--tower' });
}

/**
 * The kind of the model in `folder`: a two-tower model when it has onnx/vision_model.onnx or onnx/text_model.onnx
 * (the image tower unless `tower` is 'text'); otherwise a picture model when it has preprocessor_config.json and
 * no tokenizer, else a text model. --tower on a one-tower model is an InputError.
 */
export function hfModelKind(folder: string, spec: string, tower?: Tower): HfKind {
  const has = (f: string) => existsSync(join(folder, f));
  if (has(TOWER_FILES.image) || has(TOWER_FILES.text)) {
    const chosen = tower ?? (has(TOWER_FILES.image) ? 'image' : 'text');
    if (!has(TOWER_FILES[chosen])) throw new InputError(`hf:${spec} has no ${TOWER_FILES[chosen]} (its ${chosen} tower)`, { file: '--tower' });
    return chosen === 'image' ? { modality: 'image', file: 'vision_model', tower: 'image' } : { modality: 'text', file: 'text_model', tower: 'text' };
  }
  const type = modelType(folder);
  if (type !== undefined && TWO_TOWER_TYPES.has(type)) {
    throw new InputError(`hf:${spec} is a ${type} model exported as one graph (${ONNX_MODEL_FILE}); Attune reads its towers separately: export onnx/vision_model.onnx and onnx/text_model.onnx`, { file: '--model' });
  }
  if (tower !== undefined) throw new InputError(`hf:${spec} has one tower; --tower applies to two-tower models (CLIP, SigLIP) with ${TOWER_FILES.image} and ${TOWER_FILES.text}`, { file: '--tower' });
  const picture = has('preprocessor_config.json') && !has('tokenizer.json') && !has('tokenizer_config.json');
  return { modality: picture ? 'image' : 'text', file: 'model' };
}

function modelType(folder: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as { model_type?: string }).model_type;
  } catch {
    return undefined;
  }
}
