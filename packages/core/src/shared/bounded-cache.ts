/**
 * A string-keyed memo for values derived from request facts that repeat (the same tenant, the same endpoint).
 * Bounded: when full it starts over, so a stream of distinct keys costs memory once, never more.
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: V): V {
    if (this.#entries.size >= this.#capacity) this.#entries.clear();
    this.#entries.set(key, value);
    return value;
  }
}
