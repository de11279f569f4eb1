// transformers.js's picture type with Pillow's resize: its image processors keep deciding every size, crop and
// normalisation from the model's preprocessor_config.json, while each resize gives Pillow's pixels (the
// processors of Hugging Face's Python library resize with Pillow). Without this, transformers.js resizes with
// sharp's affine transform, which samples a reduced picture without averaging: up to ±120 grey levels apart.
import { RawImage } from '@huggingface/transformers';
import { PIL_RESAMPLE, resizeLikePillow, type ResampleFilter } from '../../core/image-resample.ts';
import type { RgbImage } from '../../core/stimulus.ts';

/** The resample filter of a processor's `resample` (PIL's number or its name). */
export function resampleFilter(resample: number | string | undefined): ResampleFilter {
  if (resample === undefined) return 'bilinear';
  if (typeof resample === 'number' && PIL_RESAMPLE[resample]) return PIL_RESAMPLE[resample];
  if (typeof resample === 'string' && (PIL_RESAMPLE as readonly string[]).includes(resample)) return resample as ResampleFilter;
  throw new Error(`unknown resample filter ${JSON.stringify(resample)} (PIL's 0–5 or ${PIL_RESAMPLE.join(', ')})`);
}

/** An RGB picture for transformers.js whose resize is Pillow's. */
export class PillowImage extends RawImage {
  /** Wrap decoded RGB bytes. */
  static of(image: RgbImage): PillowImage {
    return new PillowImage(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height, 3);
  }

  /** Resize to width × height (a null side keeps the aspect ratio, truncated as Python's int()) with Pillow's filter. */
  override async resize(width: number | null, height: number | null, options: { resample?: number | string } = {}): Promise<PillowImage> {
    if (this.channels !== 3) throw new Error(`PillowImage.resize: an RGB picture is expected, got ${this.channels} channels`);
    const w = width ?? Math.trunc(((height as number) / this.height) * this.width);
    const h = height ?? Math.trunc(((width as number) / this.width) * this.height);
    const data = new Uint8Array(this.data.buffer, this.data.byteOffset, this.data.byteLength);
    const out = resizeLikePillow({ width: this.width, height: this.height, data }, w, h, resampleFilter(options.resample));
    return out.data === data ? this : PillowImage.of(out);
  }
}
