// Scratch arrays reused across calls: on this kind of VM the first touch of fresh memory costs about 3–5 ms per MiB
// (page faults), more than the arithmetic of a pass over it, so large temporaries (centred copies, GEMM panels) are
// taken from a small pool and given back, and the pool lets go of them once calls stop for a moment.

type ScratchType = 'float32' | 'float64';
type ScratchArray = Float32Array | Float64Array;

/** Arrays given back and not yet released, per element type. */
const free: Record<ScratchType, ScratchArray[]> = { float32: [], float64: [] };
/** Released after this long without a take, so idle programs do not keep them. */
const IDLE_RELEASE_MS = 1000;
/** Arrays below this many elements are not worth pooling. */
const MIN_POOLED = 1 << 12;
let releaseTimer: ReturnType<typeof setTimeout> | undefined;
let lastUse = 0;

/** Note a use; one unref'd timer (not one per call: a call may be a fraction of a millisecond) releases the pool once idle. */
function scheduleRelease(): void {
  lastUse = Date.now();
  if (releaseTimer === undefined) armRelease(IDLE_RELEASE_MS);
}

function armRelease(delay: number): void {
  releaseTimer = setTimeout(() => {
    const idle = Date.now() - lastUse;
    if (idle < IDLE_RELEASE_MS) return armRelease(IDLE_RELEASE_MS - idle);
    free.float32.length = 0;
    free.float64.length = 0;
    releaseTimer = undefined;
  }, delay);
  releaseTimer.unref?.();
}

/**
 * A scratch array of `length` elements of the given type (contents undefined: callers overwrite it), from the pool
 * when a given-back array is large enough; give it back with giveScratch when done and never keep a reference.
 */
export function takeScratch(type: 'float32', length: number): Float32Array;
export function takeScratch(type: 'float64', length: number): Float64Array;
export function takeScratch(type: ScratchType, length: number): ScratchArray;
export function takeScratch(type: ScratchType, length: number): ScratchArray {
  if (length >= MIN_POOLED) {
    scheduleRelease();
    const pool = free[type];
    let best = -1;
    for (let k = 0; k < pool.length; k++) {
      if (pool[k].length >= length && (best < 0 || pool[k].length < pool[best].length)) best = k;
    }
    // Only a close fit: a much larger array would hold memory the caller did not ask for.
    if (best >= 0 && pool[best].length <= 2 * length) {
      const [array] = pool.splice(best, 1);
      return array.subarray(0, length);
    }
  }
  return type === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/** Give a scratch array (from takeScratch) back to the pool; the caller must not use it afterwards. */
export function giveScratch(array: ScratchArray): void {
  const whole = array.byteOffset === 0 ? array : undefined;
  if (!whole || array.buffer.byteLength < MIN_POOLED * array.BYTES_PER_ELEMENT) return;
  const full = array instanceof Float32Array ? new Float32Array(array.buffer) : new Float64Array(array.buffer);
  const pool = array instanceof Float32Array ? free.float32 : free.float64;
  if (pool.some((a) => a.buffer === full.buffer)) return;
  pool.push(full);
  // At most a few arrays per type: the largest kept.
  if (pool.length > 4) {
    pool.sort((a, b) => b.length - a.length);
    pool.length = 4;
  }
  scheduleRelease();
}
