// The model options shared by the verbs that score a model (run, wordsim, norms): --model, --layers,
// --pooling, --offline; the model opens with the SQLite cache as its store for activations and answers.
import { localizeLanguageUnits, restrictToUnits } from '../benchmarks/language-localizer.ts';
import { parseLayerChoice } from '../benchmarks/layers.ts';
import { InputError } from '../core/input-error.ts';
import type { LayerChoice } from '../benchmarks/benchmark.ts';
import { memoryStore, type AnswerStore } from '../models/answer-store.ts';
import { parsePooling, resolveModel, type PoolingChoice } from '../models/resolve-model.ts';
import { parseTower, type Tower } from '../models/hf/hf-kind.ts';
import type { WordModel } from '../models/word-model.ts';
import { openCache, type Cache } from '../run/cache.ts';
import { note } from './output.ts';
import { textProgress } from './text-progress.ts';

/** parseArgs specs of the model options. */
export const MODEL_OPTION_SPECS = {
  model: { type: 'string' },
  layers: { type: 'string' },
  pooling: { type: 'string' },
  tower: { type: 'string' },
  offline: { type: 'boolean' },
  localize: { type: 'string' },
} as const;

/** Help lines of the model options. */
export const MODEL_OPTIONS_HELP = `  --model ID           glove (default), vectors:<file>, recorded:<file>, hf:<hub-id-or-folder>, openai:<model>,
                       features:<dir> (thingsvision layout), gabor, pixels (picture baselines)
  --layers L           for multi-layer models (hf:, features:): all (a per-layer profile), best (chosen on a seeded
                       half of the items, scored on the other half), or N (0 = embeddings); default: the last layer
  --pooling P          hf: text models: mean (default; the item's own tokens), first (CLS), last; picture models:
                       cls or mean (of the patch tokens) for token layers, flatten (default) or avgpool for feature maps
  --tower T            two-tower hf: models (CLIP, SigLIP): image (default) or text
  --offline            never reach the network for models (also ATTUNE_OFFLINE=1)
  --localize P         restrict a multi-layer model to its language-selective units: the top P (e.g. 1% or
                       0.01) of units by Welch t, sentences > non-word lists (see 'attune localize')`;

/** The parsed model options. */
export interface ModelChoice {
  id: string;
  layers: LayerChoice;
  pooling?: PoolingChoice;
  tower?: Tower;
  offline?: boolean;
  /** Fraction of units to keep by the language localizer (undefined: all units). */
  localize?: number;
}

/** Parse a fraction written as '1%' or '0.01' (in (0, 1]); InputError on `flag` otherwise. */
export function parseFraction(text: string, flag: string): number {
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text) / (percent ? 100 : 1);
  if (!(value > 0 && value <= 1)) throw new InputError(`${flag} takes a fraction in (0, 1] or a percentage such as 1%, not '${text}'`, { file: flag });
  return value;
}

/** Read the model options from parsed values. */
export function modelChoice(values: Record<string, string | boolean | undefined>): ModelChoice {
  return {
    id: typeof values.model === 'string' ? values.model : 'glove',
    layers: parseLayerChoice(typeof values.layers === 'string' ? values.layers : undefined),
    ...optional('pooling', parsePooling(typeof values.pooling === 'string' ? values.pooling : undefined)),
    ...optional('tower', parseTower(typeof values.tower === 'string' ? values.tower : undefined)),
    ...(values.offline ? { offline: true } : {}),
    ...(typeof values.localize === 'string' ? { localize: parseFraction(values.localize, '--localize') } : {}),
  };
}

/** Open the chosen model with a store (the cache, or memory when `noCache`); close() releases both. */
export async function openModel(choice: ModelChoice, noCache = false): Promise<{ model: WordModel; store: AnswerStore; close(): void }> {
  const cache: Cache | undefined = noCache ? undefined : openCache();
  const store = cache ?? memoryStore();
  const progress = textProgress('model activations');
  try {
    let model = await resolveModel(choice.id, { store, pooling: choice.pooling, tower: choice.tower, offline: choice.offline, onProgress: progress });
    if (choice.localize !== undefined) {
      if (model.kind !== 'embedding' || model.layers.length < 2) throw new InputError(`--localize needs a multi-layer model (hf:…); ${model.id} has none`, { file: '--localize' });
      const units = await localizeLanguageUnits(model, choice.localize);
      note(`attune: --localize kept ${units.n_selected} of ${units.n_units} units (t ≥ ${units.threshold.toFixed(2)})`);
      model = restrictToUnits(model, units);
    }
    return { model, store, close: () => cache?.close() };
  } catch (error) {
    cache?.close();
    throw error;
  }
}

/** `{ [key]: value }` when the value is defined, else nothing (so absent options stay absent). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
