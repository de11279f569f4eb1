// Decoding a picture file (JPEG, PNG, WebP) to 8-bit sRGB bytes with sharp; anything sharp cannot read is an
// InputError naming the file. The stored pixel order is kept (no EXIF rotation), as PIL's Image.open does.
import sharp from 'sharp';
import { InputError } from '../../core/input-error.ts';
import type { RgbImage } from '../../core/stimulus.ts';

/** File name extensions read as pictures (lower case, with the dot). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png', '.webp'];

/** Decode a picture (a path or its bytes) to RGB: alpha dropped (composited on nothing), grey expanded to 3 channels. */
export async function decodeImage(input: string | Uint8Array, file: string): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(input, { failOn: 'error' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels, not 3`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    throw new InputError(`not a readable picture (JPEG, PNG or WebP): ${(error as Error).message}`, { file });
  }
}

/** Check that a file is a picture sharp can decode, without decoding its pixels; InputError naming the file otherwise. */
export async function checkImageHeader(bytes: Uint8Array, file: string): Promise<{ width: number; height: number }> {
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height || !['jpeg', 'png', 'webp'].includes(meta.format ?? '')) {
      throw new Error(meta.format ? `its format is ${meta.format}` : 'no picture format recognised');
    }
    return { width: meta.width, height: meta.height };
  } catch (error) {
    throw new InputError(`not a readable picture (JPEG, PNG or WebP): ${(error as Error).message}`, { file });
  }
}
