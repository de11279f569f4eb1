// A weight-free picture baseline as an EmbeddingModel: pictures only, one layer, and every picture's features
// computed once per model instance (memoised by its sha256, in-flight work shared), in batches, one batch at a time.
import { matrix } from '../../core/matrix.ts';
import type { ImageStimulus } from '../../core/stimulus.ts';
import { imagesOnly, type EmbeddingModel } from '../word-model.ts';

/** What a baseline computes and how it describes itself. */
export interface PictureBaselineSpec {
  id: string;
  /** Every parameter of the features, spelled out (part of every cache key). */
  revision: string;
  /** The name of its one layer. */
  layer: string;
  /** Features per picture. */
  width: number;
  preprocessing: Record<string, unknown>;
  /** Pictures handed to `compute` at once (loaded together, then one numeric step). */
  batchSize: number;
  /** One float32 row of `width` features per picture, in order. */
  compute(pictures: readonly ImageStimulus[]): Promise<Float32Array[]>;
}

/** The baseline as a model whose `vectors` computes each distinct picture (by sha256) once per instance. */
export function pictureBaseline(spec: PictureBaselineSpec): EmbeddingModel {
  const memo = new Map<string, Promise<Float32Array>>();
  let queue: Promise<unknown> = Promise.resolve();
  const schedule = (pictures: readonly ImageStimulus[]): void => {
    for (let start = 0; start < pictures.length; start += spec.batchSize) {
      const batch = pictures.slice(start, start + spec.batchSize);
      const rows = queue.then(() => spec.compute(batch));
      queue = rows.catch(() => undefined);
      batch.forEach((picture, k) => {
        const row = rows.then((computed) => computed[k]);
        memo.set(picture.sha256, row);
        row.catch(() => {
          if (memo.get(picture.sha256) === row) memo.delete(picture.sha256); // a failed picture is tried again next time
        });
      });
    }
  };
  return {
    kind: 'embedding',
    id: spec.id,
    revision: spec.revision,
    dimensions: spec.width,
    layers: [spec.layer],
    defaultLayer: 0,
    modalities: ['image'],
    preprocessing: spec.preprocessing,
    async vectors(items, layer = 0) {
      if (layer !== 0) throw new RangeError(`layer ${layer} is out of range (${spec.id} has one layer, 0: ${spec.layer})`);
      const pictures = imagesOnly(items, spec.id);
      const fresh = new Map<string, ImageStimulus>();
      for (const picture of pictures) if (!memo.has(picture.sha256)) fresh.set(picture.sha256, picture);
      schedule([...fresh.values()]);
      const rows = await Promise.all(pictures.map((picture) => memo.get(picture.sha256) as Promise<Float32Array>));
      const data = new Float32Array(pictures.length * spec.width);
      rows.forEach((row, i) => {
        if (row.length !== spec.width) throw new Error(`${spec.id}: ${row.length} features for ${pictures[i].name}, expected ${spec.width}`);
        data.set(row, i * spec.width);
      });
      return { matrix: matrix(pictures.length, spec.width, data), covered: pictures.map(() => true), multiWord: 0, missingWords: [] };
    },
  };
}
