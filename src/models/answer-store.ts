// Where model adapters keep what they computed or were told (activations, API answers), keyed by content
// hashes. The run layer backs it with the SQLite cache (run/cache.ts satisfies this interface); tests may
// use memoryStore().

/** A key–value store of bytes and JSON, each put atomic. */
export interface AnswerStore {
  /** The stored bytes of `key`, or undefined. */
  get(key: string): Buffer | undefined;
  /** The stored JSON value of `key`, or undefined. */
  getJson<T>(key: string): T | undefined;
  /** Store bytes under `key` with a `kind` label (e.g. 'hf:activations'). */
  put(key: string, kind: string, value: Buffer | Uint8Array, meta?: object): void;
  /** Store a JSON value under `key` with a `kind` label (e.g. 'openai:answer'). */
  putJson(key: string, kind: string, value: unknown, meta?: object): void;
}

/** An in-memory AnswerStore (for tests and --no-cache runs); `puts` counts the writes. */
export function memoryStore(): AnswerStore & { readonly size: number; puts: number } {
  const entries = new Map<string, Buffer>();
  return {
    puts: 0,
    get size() {
      return entries.size;
    },
    get: (key) => entries.get(key),
    getJson<T>(key: string): T | undefined {
      const bytes = entries.get(key);
      return bytes === undefined ? undefined : (JSON.parse(bytes.toString('utf8')) as T);
    },
    put(key, _kind, value) {
      this.puts++;
      entries.set(key, Buffer.from(value));
    },
    putJson(key, _kind, value) {
      this.puts++;
      entries.set(key, Buffer.from(JSON.stringify(value), 'utf8'));
    },
  };
}
