// The language localizer as a measure any multi-layer model can run: Welch's t of every unit (layer ×
// dimension, embeddings excluded) for sentences against non-word lists, the top fraction of units over all
// layers kept, and a view of the model restricted to those units for the other benchmarks.
import { matrix } from '../core/matrix.ts';
import { localizerStimuli } from '../data/datasets/localizer-stimuli.ts';
import { topUnits, welchT } from '../measures/localizer.ts';
import type { EmbeddingModel, ItemVectors } from '../models/word-model.ts';

/** The units selected in one layer, with their t values. */
export interface LayerUnits {
  layer: number;
  name: string;
  units: number[];
  t: number[];
}

/** What the localizer found. */
export interface LanguageUnits {
  measure: string;
  fraction: number;
  /** Units considered (layers × dimensions) and selected. */
  n_units: number;
  n_selected: number;
  /** Smallest t among the selected units. */
  threshold: number;
  n_sentences: number;
  dataset: { id: string; checksum: string };
  layers: LayerUnits[];
}

/** Localize the language-selective units of `model` (the top `fraction` by t, sentences > non-word lists). */
export async function localizeLanguageUnits(model: EmbeddingModel, fraction = 0.01, seed = 0): Promise<LanguageUnits> {
  const stimuli = localizerStimuli(120, seed);
  const first = model.layers.length > 1 ? 1 : 0;
  const tAll: number[] = [];
  const owner: { layer: number; unit: number }[] = [];
  for (let layer = first; layer < model.layers.length; layer++) {
    const t = welchT((await model.vectors(stimuli.sentences, layer)).matrix, (await model.vectors(stimuli.nonWordLists, layer)).matrix);
    t.forEach((value, unit) => {
      tAll.push(value);
      owner.push({ layer, unit });
    });
  }
  const chosen = topUnits(tAll, fraction);
  const layers: LayerUnits[] = [];
  for (let layer = first; layer < model.layers.length; layer++) {
    const picked = chosen.filter((k) => owner[k].layer === layer);
    layers.push({ layer, name: model.layers[layer], units: picked.map((k) => owner[k].unit), t: picked.map((k) => tAll[k]) });
  }
  return {
    measure: `localizer:welch-t:top${fraction}`,
    fraction, n_units: tAll.length, n_selected: chosen.length, threshold: Math.min(...chosen.map((k) => tAll[k])),
    n_sentences: stimuli.sentences.length, dataset: stimuli.dataset, layers,
  };
}

/** The model seen through the localized units only: one layer, the selected units of every layer side by side. */
export function restrictToUnits(model: EmbeddingModel, selection: LanguageUnits): EmbeddingModel {
  const width = selection.n_selected;
  return {
    kind: 'embedding', id: model.id, revision: `${model.revision}#${selection.measure}`, dimensions: width,
    layers: ['language units'], defaultLayer: 0, modalities: model.modalities,
    async vectors(items): Promise<ItemVectors> {
      const data = new Float32Array(items.length * width);
      let offset = 0;
      let covered: boolean[] = items.map(() => true);
      let first: ItemVectors | undefined;
      for (const { layer, units } of selection.layers) {
        if (units.length === 0) continue;
        const v = await model.vectors(items, layer);
        first ??= v;
        covered = covered.map((c, i) => c && v.covered[i]);
        for (let i = 0; i < items.length; i++) units.forEach((u, k) => (data[i * width + offset + k] = v.matrix.data[i * v.matrix.cols + u]));
        offset += units.length;
      }
      return { matrix: matrix(items.length, width, data), covered, multiWord: first?.multiWord ?? 0, missingWords: first?.missingWords ?? [] };
    },
  };
}
