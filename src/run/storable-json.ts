// JSON that keeps NaN and ±Infinity (plain JSON turns them into null): they become {"$number": "NaN"}.

/** A deep copy of value with every non-finite number replaced by {$number: 'NaN' | 'Infinity' | '-Infinity'}. */
export function toStorable(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $number: String(value) };
  if (Array.isArray(value)) return value.map(toStorable);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, toStorable);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toStorable(v);
    return out;
  }
  return value;
}

/** The inverse of toStorable. */
export function fromStorable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromStorable);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === '$number') return Number(entries[0][1]);
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) out[k] = fromStorable(v);
    return out;
  }
  return value;
}
