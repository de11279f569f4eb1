// The one picture → fixed-size step of the weight-free baselines: Pillow's bilinear resize (core/image-resample.ts,
// bit-exact with Image.resize(size, BILINEAR)) of the 8-bit sRGB bytes to width × height, aspect ratio not kept (as
// torchvision's Resize((224, 224)), which resizes PIL pictures with Pillow). When reducing, the triangle filter is
// stretched by the reduction factor, so output pixels average their neighbourhood (at a shrink of 2 each weighs
// the four input pixels around it 1/8, 3/8, 3/8, 1/8 per axis, edges repeated); each pass rounds to bytes.
import { resizeLikePillow } from '../../core/image-resample.ts';
import type { RgbImage } from '../../core/stimulus.ts';

/** The resample filter every baseline resizes with (Pillow's name). */
export const RESIZE_KERNEL = 'bilinear';

/** How the baselines resize, for the provenance of their features. */
export const RESIZER = "Pillow's Image.resize, reproduced bit for bit (Attune core/image-resample.ts)";

/** The picture resized to width × height (the same object when it already has that size). */
export async function resizeRgb(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (image.data.length !== image.width * image.height * 3) {
    throw new RangeError(`resizeRgb: a ${image.width}×${image.height} RGB picture needs ${image.width * image.height * 3} bytes, got ${image.data.length}`);
  }
  return resizeLikePillow(image, width, height, RESIZE_KERNEL);
}
