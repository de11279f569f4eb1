// Scoring a multi-layer model by layer: the default (last) layer, a given layer, every layer (a layer
// profile), or the best layer chosen on a seeded half of the items and scored on the other half only.
import { InputError } from '../core/input-error.ts';
import { createRng } from '../core/random.ts';
import type { EmbeddingModel, WordModel } from '../models/word-model.ts';
import type { BenchmarkOutcome, LayerChoice, LayerScore } from './benchmark.ts';

type Outcome = Omit<BenchmarkOutcome, 'dataset'>;

/** Parse a --layers value: all, best, or a layer number (0 = embeddings); InputError otherwise. */
export function parseLayerChoice(text: string | undefined): LayerChoice {
  if (text === undefined) return 'default';
  if (text === 'all' || text === 'best') return text;
  if (/^\d+$/.test(text)) return Number(text);
  throw new InputError(`--layers takes all, best or a layer number (0 = embeddings), not '${text}'`, { file: '--layers' });
}

/** The model seen at one layer only (same id; the revision names the layer). */
export function atLayer(model: EmbeddingModel, layer: number): EmbeddingModel {
  return { ...model, revision: `${model.revision}#layer${layer}`, layers: [model.layers[layer]], defaultLayer: 0, vectors: (items) => model.vectors(items, layer) };
}

/**
 * Score `items` with `run` at the layer(s) `choice` asks for. Models that are not multi-layer embeddings are
 * scored as they are (a layer number other than 0 is then an InputError). 'best' splits the items in two
 * halves with `seed`: the layer with the highest value on the first half is scored on the second.
 */
export async function scoreByLayer<T>(
  model: WordModel,
  choice: LayerChoice | undefined,
  items: readonly T[],
  seed: number,
  run: (model: WordModel, items: readonly T[]) => Promise<Outcome>,
): Promise<Outcome> {
  if (model.kind !== 'embedding') return run(model, items);
  const count = model.layers.length;
  if (typeof choice === 'number') {
    if (choice >= count) throw new InputError(`--layers ${choice}: ${model.id} has layers 0…${count - 1}`, { file: '--layers' });
    const outcome = await run(atLayer(model, choice), items);
    return { ...outcome, layer: { layer: choice, name: model.layers[choice], chosen: 'given' } };
  }
  const last = model.defaultLayer;
  if (choice === 'all') {
    const outcomes: Outcome[] = [];
    for (let layer = 0; layer < count; layer++) outcomes.push(await run(atLayer(model, layer), items));
    return { ...outcomes[last], layer: { layer: last, name: model.layers[last], chosen: 'default' }, layers: outcomes.map((o, layer) => layerScore(model, layer, o)) };
  }
  if (choice === 'best') {
    const { selection, evaluation } = halves(items, seed);
    const profile: LayerScore[] = [];
    for (let layer = 0; layer < count; layer++) profile.push(layerScore(model, layer, await run(atLayer(model, layer), selection)));
    const best = profile.reduce((a, b) => (b.value > a.value || (Number.isNaN(a.value) && !Number.isNaN(b.value)) ? b : a));
    const outcome = await run(atLayer(model, best.layer), evaluation);
    return {
      ...outcome,
      layer: { layer: best.layer, name: best.name, chosen: 'best', selection_items: selection.length, evaluation_items: evaluation.length },
      layers: profile,
    };
  }
  const outcome = await run(count > 1 ? atLayer(model, last) : model, items);
  return count > 1 ? { ...outcome, layer: { layer: last, name: model.layers[last], chosen: 'default' } } : outcome;
}

/** A seeded split of the items into a selection half (the first ⌊n/2⌋ of a shuffle) and an evaluation half. */
export function halves<T>(items: readonly T[], seed: number): { selection: T[]; evaluation: T[] } {
  const order = Array.from(createRng(seed).permutation(items.length));
  const cut = Math.floor(order.length / 2);
  const pick = (idx: number[]) => idx.sort((a, b) => a - b).map((i) => items[i]);
  return { selection: pick(order.slice(0, cut)), evaluation: pick(order.slice(cut)) };
}

function layerScore(model: EmbeddingModel, layer: number, outcome: Outcome): LayerScore {
  const s = outcome.score;
  return { layer, name: model.layers[layer], value: s.value, ...(s.ci95 ? { ci95: s.ci95 } : {}), n: s.n };
}
