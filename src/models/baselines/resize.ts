// The one picture → fixed-size step of the weight-free baselines: sharp's resize (libvips vips_resize) of the
// 8-bit sRGB bytes to width × height, aspect ratio not kept (fit 'fill', like torchvision's Resize((224, 224))),
// with the 'linear' kernel: a triangle (bilinear) filter widened by the shrink factor when reducing, so it averages
// like PIL's antialiased bilinear resize that torchvision uses (at a shrink of 2 each output pixel weighs the four
// input pixels around it 1/8, 3/8, 3/8, 1/8 per axis, edges repeated); libvips rounds the result to bytes.
import sharp from 'sharp';
import type { RgbImage } from '../../core/stimulus.ts';

/** The sharp kernel every baseline resizes with. */
export const RESIZE_KERNEL = 'linear';

/** The resizing library and its version, for the provenance of baseline features. */
export const RESIZER = `sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips})`;

/** The picture resized to width × height (the same object when it already has that size). */
export async function resizeRgb(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (image.data.length !== image.width * image.height * 3) {
    throw new RangeError(`resizeRgb: a ${image.width}×${image.height} RGB picture needs ${image.width * image.height * 3} bytes, got ${image.data.length}`);
  }
  if (image.width === width && image.height === height) return image;
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { fit: 'fill', kernel: RESIZE_KERNEL })
    .raw({ depth: 'uchar' })
    .toBuffer();
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
