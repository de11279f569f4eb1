// The fixed Gabor filter bank of the `gabor` baseline (a V1-like energy model), as data.
//
// The bank, for a grey image of side S pixels (S = 128 in the model):
// - spatial frequencies f = 4, 8, 16, 32 cycles per image, i.e. wavelengths λ = S / f = 32, 16, 8, 4 pixels;
// - orientations θ = 0°, 22.5°, …, 157.5°: the direction of the carrier's wave vector, counter-clockwise from the
//   image's x axis as seen on screen (x runs along a row to the right, rows run downward), so θ = 0° gives
//   vertical bars and θ = 90° horizontal bars;
// - a Gaussian envelope with a one-octave bandwidth: σ = (λ / π) · √(ln 2 / 2) · (2^b + 1) / (2^b − 1) with b = 1,
//   i.e. σ ≈ 0.5622 λ; the kernel is the square of offsets x, y ∈ {−h, …, h} with h = ⌈3σ⌉ (K = 2h + 1:
//   15, 29, 55 and 109 pixels for λ = 4, 8, 16, 32);
// - a quadrature pair per (f, θ), with y the row offset (downward), G = exp(−(x² + y²) / (2σ²)) and the carrier
//   phase φ = 2π (x cos θ − y sin θ) / λ:
//     even = n · G · (cos φ − c),   odd = n · G · sin φ,
//   where c = Σ G cos φ / Σ G makes the even filter sum to exactly zero (sums over the K × K square) and
//   n = 2 / Σ G scales the pair so that a full-field grating of amplitude A at the filter's frequency and
//   orientation gives an energy of about A.
// The filters are ordered by frequency (low to high), then orientation.

/** Side (pixels) of the square grey image the bank is defined on. */
export const GABOR_SIDE = 128;
/** Spatial frequencies of the bank, in cycles per image. */
export const GABOR_CYCLES_PER_IMAGE: readonly number[] = [4, 8, 16, 32];
/** Orientations of the bank, in degrees (the carrier's wave vector, counter-clockwise from the x axis). */
export const GABOR_ORIENTATIONS_DEGREES: readonly number[] = [0, 22.5, 45, 67.5, 90, 112.5, 135, 157.5];
/** Full bandwidth of every filter at half height of its frequency response, in octaves. */
export const GABOR_BANDWIDTH_OCTAVES = 1;
/** The kernel reaches this many σ from its centre (rounded up to whole pixels). */
export const GABOR_EXTENT_SIGMAS = 3;

/** One quadrature pair of the bank: its parameters and its two K × K kernels (row-major, row = y offset −h…h). */
export interface GaborFilter {
  cyclesPerImage: number;
  orientationDegrees: number;
  /** λ = side / cyclesPerImage, in pixels. */
  wavelength: number;
  sigma: number;
  /** h = ⌈3σ⌉: the kernel spans offsets −h…h in x and y. */
  halfWidth: number;
  /** c: the multiple of the envelope subtracted from the even carrier so that the even kernel sums to zero. */
  dcCorrection: number;
  /** n = 2 / Σ G. */
  gain: number;
  even: Float64Array;
  odd: Float64Array;
}

/** σ of the Gaussian envelope giving a Gabor filter of wavelength λ the bank's bandwidth (one octave). */
export function gaborSigma(wavelength: number, octaves = GABOR_BANDWIDTH_OCTAVES): number {
  const spread = (2 ** octaves + 1) / (2 ** octaves - 1);
  return (wavelength / Math.PI) * Math.sqrt(Math.LN2 / 2) * spread;
}

/** The bank for a side × side grey image (default 128): 4 frequencies × 8 orientations, frequency-major. */
export function gaborBank(side: number = GABOR_SIDE): GaborFilter[] {
  const filters: GaborFilter[] = [];
  for (const cyclesPerImage of GABOR_CYCLES_PER_IMAGE) {
    for (const orientationDegrees of GABOR_ORIENTATIONS_DEGREES) filters.push(gaborFilter(side, cyclesPerImage, orientationDegrees));
  }
  return filters;
}

/** One quadrature pair, built from the formulas in the file comment. */
export function gaborFilter(side: number, cyclesPerImage: number, orientationDegrees: number): GaborFilter {
  const wavelength = side / cyclesPerImage;
  const sigma = gaborSigma(wavelength);
  const halfWidth = Math.ceil(GABOR_EXTENT_SIGMAS * sigma);
  const size = 2 * halfWidth + 1;
  const theta = (orientationDegrees * Math.PI) / 180;
  const envelope = new Float64Array(size * size);
  const phase = new Float64Array(size * size);
  let envelopeSum = 0;
  let carrierSum = 0;
  for (let y = -halfWidth; y <= halfWidth; y++) {
    for (let x = -halfWidth; x <= halfWidth; x++) {
      const k = (y + halfWidth) * size + (x + halfWidth);
      envelope[k] = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
      phase[k] = (2 * Math.PI * (x * Math.cos(theta) - y * Math.sin(theta))) / wavelength;
      envelopeSum += envelope[k];
      carrierSum += envelope[k] * Math.cos(phase[k]);
    }
  }
  const dcCorrection = carrierSum / envelopeSum;
  const gain = 2 / envelopeSum;
  const even = envelope.map((g, k) => gain * g * (Math.cos(phase[k]) - dcCorrection));
  const odd = envelope.map((g, k) => gain * g * Math.sin(phase[k]));
  return { cyclesPerImage, orientationDegrees, wavelength, sigma, halfWidth, dcCorrection, gain, even, odd };
}
