// The `pixels` baseline: a picture's own pixels as its features. The picture is resized to 64 × 64 (aspect ratio
// not kept; Pillow's bilinear resize, see ./resize.ts), and its RGB bytes divided by 255 and stored as float32 in
// height × width × channel order: 64 · 64 · 3 = 12,288 features, one layer named 'pixels'.
import type { ImageStimulus } from '../../core/stimulus.ts';
import type { EmbeddingModel } from '../word-model.ts';
import { pictureBaseline } from './picture-baseline.ts';
import { RESIZE_KERNEL, RESIZER, resizeRgb } from './resize.ts';

/** Side of the square the pixels baseline resizes every picture to. */
export const PIXELS_SIDE = 64;

/** Every parameter of the pixels baseline, spelled out: its revision in every cache key. */
export const PIXELS_REVISION = `pixels:rgb:${PIXELS_SIDE}x${PIXELS_SIDE}:fill:${RESIZE_KERNEL}:hwc:scale1/255:float32`;

/** The pixels baseline (id 'pixels'), with features memoised per picture inside the instance. */
export function pixelsModel(): EmbeddingModel {
  return pictureBaseline({
    id: 'pixels',
    revision: PIXELS_REVISION,
    layer: 'pixels',
    width: PIXELS_SIDE * PIXELS_SIDE * 3,
    preprocessing: {
      colour: 'sRGB bytes, 3 channels',
      size: [PIXELS_SIDE, PIXELS_SIDE],
      fit: 'fill (aspect ratio not kept)',
      kernel: RESIZE_KERNEL,
      resizer: RESIZER,
      order: 'height × width × channel',
      scale: '1/255',
      dtype: 'float32',
    },
    batchSize: 16,
    compute: (pictures) => Promise.all(pictures.map(pixelFeatures)),
  });
}

/** A picture's 12,288 pixel features: resized to 64 × 64, bytes / 255, height × width × channel. */
export async function pixelFeatures(picture: ImageStimulus): Promise<Float32Array> {
  const image = await resizeRgb(await picture.load(), PIXELS_SIDE, PIXELS_SIDE);
  return Float32Array.from(image.data, (byte) => byte / 255);
}
