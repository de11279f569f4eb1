// Sorting and ranking on typed arrays: a stable LSD radix sort on float64 bit patterns.
//
// A float64 maps to an unsigned 64-bit key whose unsigned order is the numeric order: negative
// numbers get all bits flipped, the others their sign bit set (-0 takes +0's key, NaN is
// rejected). The leading bits that every key shares (those of the minimum and the maximum) carry
// no order, so the sort works on the next 32 bits, the window: two stable counting passes of
// 16-bit digits (three of 11 bits below 2^16 values, four of 8 bits below 2^11) over (window,
// position) pairs, 8 bytes each; a pass whose digit every key shares is skipped. Distinct windows
// mean distinct values; where the window drops low bits, runs of equal windows are then put in
// full order by value (insertion sort, or the same sort again for long runs, whose values then
// share 32 more leading bits). Every step is stable, so the sort is stable.
//
// Scratch memory (16 bytes per value) is kept between calls: fresh memory costs page faults. It is
// shared memory where the platform has it, so a caller done with a sort can lend it to a helper thread.

/** Inputs up to this length are sorted by insertion. */
const SMALL = 32;
/** Equal-window runs up to this length are finished by insertion; longer ones are sorted again. */
const RUN = 32;

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
/** Offsets of the high and low 32-bit words of a float64 inside its 8 bytes, in uint32 units. */
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = LITTLE_ENDIAN ? 0 : 1;

/** A stable sort of a sequence of numbers, given as the order of positions. */
export interface SortResult {
  /** Positions in the sequence (k for x[k], or for x[order[k]]), ascending by value, stable for ties. */
  readonly pos: Uint32Array;
  /** group[j]: the number of distinct values before the j-th smallest: a dense rank from 0. */
  readonly group: Uint32Array;
}

/** A float64 view or copy of x. */
function asFloat64(x: ArrayLike<number>): Float64Array {
  return x instanceof Float64Array ? x : Float64Array.from(x);
}

/** Reused scratch memory, one per nesting depth of the sort (fresh memory costs page faults). */
const workspaces: Uint32Array[] = [];
let depth = 0;

/** Views of four scratch uint32 arrays of length n, for the current nesting depth. */
function scratch(n: number): [Uint32Array, Uint32Array, Uint32Array, Uint32Array] {
  let ws = workspaces[depth];
  if (ws === undefined || ws.length < 4 * n) {
    ws = new Uint32Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(16 * n) : new ArrayBuffer(16 * n));
    workspaces[depth] = ws;
  }
  const c = ws.length / 4;
  return [ws.subarray(0, n), ws.subarray(c, c + n), ws.subarray(2 * c, 2 * c + n), ws.subarray(3 * c, 3 * c + n)];
}

/**
 * The sort's four scratch arrays (length n each, shared memory where available), lent to a caller that
 * is done with its last sort result: that result is overwritten by whatever the caller writes.
 */
export function borrowSortScratch(n: number): [Uint32Array, Uint32Array, Uint32Array, Uint32Array] {
  return scratch(n);
}

const pair = new Float64Array(2);
const pairWords = new Uint32Array(pair.buffer);

/** Number of leading bits shared by the keys of a < b (no NaN). */
function commonBits(a: number, b: number): number {
  pair[0] = a + 0;
  pair[1] = b + 0;
  const w = pairWords;
  const sa = w[HI] >> 31, sb = w[2 + HI] >> 31;
  const xh = (w[HI] ^ (sa | 0x80000000)) ^ (w[2 + HI] ^ (sb | 0x80000000));
  if (xh !== 0) return Math.clz32(xh);
  return 32 + Math.clz32((w[LO] ^ sa) ^ (w[2 + LO] ^ sb));
}

/**
 * Sort the sequence x (or x[order[k]]) stably. The result views module scratch memory and stays
 * valid until the next sort; order must not be such a view. NaN throws a RangeError naming its index.
 */
export function sortInWorkspace(x: ArrayLike<number>, order?: ArrayLike<number>): SortResult {
  const f = asFloat64(x);
  const s = sortCore(f, order);
  fillGroups(f, order, s.pos, s.key, s.key, s.exact);
  return { pos: s.pos, group: s.key };
}

/** The sort itself: positions in order, their window keys, and whether equal keys mean equal values. */
function sortCore(f: Float64Array, order: ArrayLike<number> | undefined): { pos: Uint32Array; key: Uint32Array; exact: boolean } {
  const n = order === undefined ? f.length : order.length;
  if (n > 0xffffffff) throw new RangeError('sort: more than 2^32 - 1 values');
  // Pass 1: find the extremes, and whether there are zeros or NaN (branch-free).
  let min = Infinity, max = -Infinity, zeros = 0, nan = 0;
  if (order === undefined) {
    for (let k = 0; k < n; k++) {
      const v = f[k];
      min = v < min ? v : min;
      max = v > max ? v : max;
      zeros |= v === 0 ? 1 : 0;
      nan |= v !== v ? 1 : 0;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const v = f[order[k]];
      min = v < min ? v : min;
      max = v > max ? v : max;
      zeros |= v === 0 ? 1 : 0;
      nan |= v !== v ? 1 : 0;
    }
  }
  if (nan) {
    for (let k = 0; k < n; k++) {
      const i = order === undefined ? k : order[k];
      if (f[i] !== f[i]) throw new RangeError(`sort: NaN at index ${i}`);
    }
  }
  const [key, pos, key2, pos2] = scratch(n);
  if (n <= SMALL || min === max) {
    for (let k = 0; k < n; k++) pos[k] = k;
    if (min !== max) insertionByValue(f, order, pos, 0, n);
    key.fill(0); // no keys: ties are found by comparing values
    return { pos, key, exact: false };
  }
  // Pass 2: the 32-bit window below the shared leading bits; note whether it drops any bits.
  const top = commonBits(min, max);
  const dropped = windowKeys(f, order, top, key, zeros !== 0);
  radixSort(key, pos, key2, pos2);
  const exact = !dropped;
  if (!exact) refineRuns(f, order, key, pos);
  return { pos, key, exact };
}

/**
 * Write into key the 32 key bits that follow the `top` bits all keys share, for x (or x[order[k]]);
 * returns whether any key had nonzero bits below that window. `zeros`: the values may hold ±0.
 */
function windowKeys(f: Float64Array, order: ArrayLike<number> | undefined, top: number, key: Uint32Array, zeros: boolean): boolean {
  const n = key.length;
  const w = new Uint32Array(f.buffer, f.byteOffset, 2 * f.length);
  let dropped = 0;
  if (zeros || top === 0 || top >= 32) {
    // General loop: ±0 share +0's key (hi 0x80000000, lo 0); the window may lie in one word.
    const left = top & 31, right = 32 - left, inHigh = top < 32;
    const lowMask = top === 0 ? -1 : top >= 32 ? 0 : (1 << right) - 1;
    for (let k = 0; k < n; k++) {
      const i = order === undefined ? k : order[k];
      let kh = 0x80000000, kl = 0;
      if (f[i] !== 0) {
        const h = w[2 * i + HI], s = h >> 31;
        kh = h ^ (s | 0x80000000);
        kl = w[2 * i + LO] ^ s;
      }
      key[k] = !inHigh ? kl << left : left === 0 ? kh : (kh << left) | (kl >>> right);
      dropped |= kl & lowMask;
    }
    return dropped !== 0;
  }
  // Common case: no zeros, the window straddles the two words.
  const left = top, right = 32 - top, lowMask = (1 << right) - 1;
  if (order === undefined) {
    for (let i = 0; i < n; i++) {
      const h = w[2 * i + HI], s = h >> 31;
      const kl = w[2 * i + LO] ^ s;
      key[i] = ((h ^ (s | 0x80000000)) << left) | (kl >>> right);
      dropped |= kl & lowMask;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const h = w[2 * i + HI], s = h >> 31;
      const kl = w[2 * i + LO] ^ s;
      key[k] = ((h ^ (s | 0x80000000)) << left) | (kl >>> right);
      dropped |= kl & lowMask;
    }
  }
  return dropped !== 0;
}

/**
 * Stable LSD radix sort of uint32 keys, carrying positions (pos[j] = j on entry is implied: it is
 * written, not read). key2 and pos2 are scratch; the result is left in key and pos.
 */
function radixSort(key: Uint32Array, pos: Uint32Array, key2: Uint32Array, pos2: Uint32Array): void {
  const n = key.length;
  // Digit widths by size: wide digits mean fewer passes, narrow ones smaller histograms.
  const digits = n >= 1 << 16 ? [16, 16] : n >= 1 << 11 ? [11, 11, 10] : [8, 8, 8, 8];
  const radix = 1 << digits[0];
  const counts = new Uint32Array(radix * digits.length);
  if (digits.length === 2) {
    for (let i = 0; i < n; i++) {
      const v = key[i];
      counts[v & 0xffff]++;
      counts[radix + (v >>> 16)]++;
    }
  } else {
    for (let d = 0, shift = 0; d < digits.length; shift += digits[d], d++) {
      const base = d * radix, mask = (1 << digits[d]) - 1;
      for (let i = 0; i < n; i++) counts[base + ((key[i] >>> shift) & mask)]++;
    }
  }
  let sk = key, sp = pos, dk = key2, dp = pos2;
  let first = true;
  for (let d = 0, shift = 0; d < digits.length; shift += digits[d], d++) {
    const base = d * radix, mask = (1 << digits[d]) - 1;
    // A digit shared by every key leaves the order as it is: skip its pass.
    if (counts[base + ((sk[0] >>> shift) & mask)] === n) continue;
    let sum = 0;
    for (let b = base; b <= base + mask; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    if (first) {
      for (let i = 0; i < n; i++) {
        const v = sk[i];
        const at = counts[base + ((v >>> shift) & mask)]++;
        dk[at] = v;
        dp[at] = i;
      }
      first = false;
    } else {
      for (let i = 0; i < n; i++) {
        const v = sk[i];
        const at = counts[base + ((v >>> shift) & mask)]++;
        dk[at] = v;
        dp[at] = sp[i];
      }
    }
    const tk = sk, tp = sp;
    sk = dk; sp = dp; dk = tk; dp = tp;
  }
  if (first) for (let i = 0; i < n; i++) pos[i] = i; // every pass skipped: all keys equal
  else if (sk !== key) {
    key.set(sk);
    pos.set(sp);
  }
}

/** The value at sequence position k. */
function valueAt(f: Float64Array, order: ArrayLike<number> | undefined, k: number): number {
  return order === undefined ? f[k] : f[order[k]];
}

/** Put each run of equal keys in (stable) order by full value. */
function refineRuns(f: Float64Array, order: ArrayLike<number> | undefined, key: Uint32Array, pos: Uint32Array): void {
  const n = key.length;
  let i = 0;
  while (i < n) {
    const kv = key[i];
    let j = i + 1;
    while (j < n && key[j] === kv) j++;
    if (j - i > RUN) sortRunAgain(f, order, pos, i, j);
    else if (j - i > 1) insertionByValue(f, order, pos, i, j);
    i = j;
  }
}

/** Sort a long run pos[i0..i1) by value with a nested sort of its values (they share 32 more leading bits). */
function sortRunAgain(f: Float64Array, order: ArrayLike<number> | undefined, pos: Uint32Array, i0: number, i1: number): void {
  const m = i1 - i0;
  const first = valueAt(f, order, pos[i0]);
  let k = i0 + 1;
  while (k < i1 && valueAt(f, order, pos[k]) === first) k++;
  if (k === i1) return; // all equal: already in stable order
  const values = new Float64Array(m);
  const run = pos.slice(i0, i1);
  for (let j = 0; j < m; j++) values[j] = valueAt(f, order, run[j]);
  depth++;
  try {
    const inner = sortInWorkspace(values);
    for (let j = 0; j < m; j++) pos[i0 + j] = run[inner.pos[j]];
  } finally {
    depth--;
  }
}

/** Stable insertion sort of pos[i0..i1) by value. */
function insertionByValue(f: Float64Array, order: ArrayLike<number> | undefined, pos: Uint32Array, i0: number, i1: number): void {
  for (let i = i0 + 1; i < i1; i++) {
    const p = pos[i];
    const v = valueAt(f, order, p);
    let j = i - 1;
    while (j >= i0 && valueAt(f, order, pos[j]) > v) {
      pos[j + 1] = pos[j];
      j--;
    }
    pos[j + 1] = p;
  }
}

/**
 * Dense ranks of the sorted sequence into group (which may be the key array itself): equal values
 * share a group. Different keys mean different values; equal keys mean equal values only when the
 * keys are exact, otherwise the two values are compared.
 */
function fillGroups(
  f: Float64Array, order: ArrayLike<number> | undefined, pos: Uint32Array, key: Uint32Array, group: Uint32Array, exact: boolean,
): void {
  const n = pos.length;
  if (n === 0) return;
  let g = 0;
  let prevKey = key[0];
  group[0] = 0;
  for (let j = 1; j < n; j++) {
    const kv = key[j];
    if (kv !== prevKey) {
      g++;
      prevKey = kv;
    } else if (!exact && valueAt(f, order, pos[j]) !== valueAt(f, order, pos[j - 1])) {
      g++;
    }
    group[j] = g;
  }
}

/** Indices that sort x ascending, stable for ties (numpy's argsort kind='stable'); NaN throws a RangeError naming its index. */
export function argsort(x: ArrayLike<number>): Uint32Array {
  return sortInWorkspace(x).pos.slice();
}

/** Ranks 1..n with ties given their average rank (scipy.stats.rankdata, method 'average'). */
export function rankData(x: ArrayLike<number>): Float64Array {
  const ranks = new Float64Array(x.length);
  averageRanks(x, ranks);
  return ranks;
}

/** Twice the average ranks (2..2n, ties averaged): exact integers, half rankData's memory. */
export function doubledRanks(x: ArrayLike<number>): Uint32Array {
  if (x.length > 0x7fffffff) throw new RangeError('doubledRanks: more than 2^31 - 1 values');
  const out = new Uint32Array(x.length);
  averageRanks(x, out);
  return out;
}

/** Write each index's dense rank (0-based group of equal values) into `out`; returns [tied pairs, levels]. */
export function denseRanksInto(x: ArrayLike<number>, out: Uint32Array): [number, number] {
  const s = sortInWorkspace(x);
  const n = x.length;
  for (let k = 0; k < n; k++) out[s.pos[k]] = s.group[k];
  return [tiedPairs(s.group), n === 0 ? 0 : s.group[n - 1] + 1];
}

/** Sort x and write each index's average rank into out (float64), or twice it (uint32). */
function averageRanks(x: ArrayLike<number>, out: Float64Array | Uint32Array): void {
  const f = asFloat64(x);
  const { pos, key, exact } = sortCore(f, undefined);
  const n = pos.length;
  const half = out instanceof Float64Array; // rankData stores ranks, doubledRanks twice them
  let i = 0;
  while (i < n) {
    let j = i + 1;
    // The run of equal values: equal keys (and, unless the keys are exact, equal values).
    if (exact) while (j < n && key[j] === key[i]) j++;
    else while (j < n && key[j] === key[i] && f[pos[j]] === f[pos[i]]) j++;
    // Sorted places i..j-1 (ranks i+1..j) share the average (i + 1 + j) / 2.
    const twice = i + 1 + j;
    if (half) {
      const r = twice / 2;
      for (let k = i; k < j; k++) out[pos[k]] = r;
    } else {
      for (let k = i; k < j; k++) out[pos[k]] = twice;
    }
    i = j;
  }
}

/** Σ t(t−1)/2 over the runs of t equal entries of a sorted array: the number of tied pairs. */
export function tiedPairs(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  let pairs = 0;
  let i = 0;
  while (i < n) {
    const v = sorted[i];
    let j = i + 1;
    while (j < n && sorted[j] === v) j++;
    const t = j - i;
    pairs += (t * (t - 1)) / 2;
    i = j;
  }
  return pairs;
}
