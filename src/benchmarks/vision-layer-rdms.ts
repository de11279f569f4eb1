// A model's RDM at each of its layers over a list of pictures: 1 − Pearson r between the pictures' activation
// vectors (the dissimilarity of the brain RDMs it is compared with, and of the recorded CNN RDMs).
import { InputError } from '../core/input-error.ts';
import { toFloat64, type Matrix } from '../core/matrix.ts';
import type { Stimulus } from '../core/stimulus.ts';
import { stimulusName } from '../core/stimulus.ts';
import { rdmVector } from '../measures/rdm.ts';
import type { EmbeddingModel } from '../models/word-model.ts';

/** The dissimilarity of every model RDM of the vision benchmarks (as the Algonauts kit and the recorded RDMs). */
export const VISION_RDM_METHOD = 'correlation';

/** The condensed correlation-distance RDM of `model` at each of `layers` over `stimuli`. */
export async function modelLayerRdms(model: EmbeddingModel, stimuli: readonly Stimulus[], layers: readonly number[]): Promise<Float64Array[]> {
  const out: Float64Array[] = [];
  for (const layer of layers) {
    const vectors = await model.vectors(stimuli, layer);
    const missing = stimuli.filter((_, i) => !vectors.covered[i]).map(stimulusName);
    if (missing.length > 0) {
      throw new InputError(`${model.id} has no activations for ${missing.length} of ${stimuli.length} stimuli (e.g. ${missing.slice(0, 5).join(', ')})`, { file: '--model' });
    }
    checkRows(vectors.matrix, model, layer, stimuli);
    // float64 first: the float32 Gram route sums in float32 (about 1e-7 off); widened, the RDM equals numpy's to ~1e-14.
    out.push(await rdmVector(toFloat64(vectors.matrix), VISION_RDM_METHOD));
  }
  return out;
}

/** A constant activation row (e.g. a layer silent for a picture) has no correlation distance: an error naming it, never a dropped row. */
function checkRows(m: Matrix, model: EmbeddingModel, layer: number, stimuli: readonly Stimulus[]): void {
  for (let i = 0; i < m.rows; i++) {
    const base = i * m.cols;
    const first = m.data[base];
    let constant = true;
    for (let j = 1; j < m.cols && constant; j++) constant = m.data[base + j] === first;
    if (constant) {
      throw new Error(`${model.id}, layer '${model.layers[layer]}': the activations of ${stimulusName(stimuli[i])} are constant (every unit ${first}), so its correlation distance to the other pictures is undefined`);
    }
  }
}
