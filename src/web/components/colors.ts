// A perceptually ordered colour map (viridis, 9 anchors, linear in between) for heatmaps.

const ANCHORS = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

/** The RGB colour of t in [0, 1] (clamped), written into out at offset o. */
export function viridisInto(t: number, out: Uint8ClampedArray, o: number): void {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (ANCHORS.length - 1);
  const k = Math.min(ANCHORS.length - 2, Math.floor(x));
  const f = x - k;
  const a = ANCHORS[k];
  const b = ANCHORS[k + 1];
  out[o] = a[0] + f * (b[0] - a[0]);
  out[o + 1] = a[1] + f * (b[1] - a[1]);
  out[o + 2] = a[2] + f * (b[2] - a[2]);
  out[o + 3] = 255;
}
