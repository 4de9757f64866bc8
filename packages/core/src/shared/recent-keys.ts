/**
 * A bounded map that forgets its oldest entry first (insertion order; a `set` of an existing key refreshes it).
 * Bounded so a flood of distinct notification ids or event ids can never grow memory without limit.
 */
export class RecentKeys<V> {
  readonly #entries = new Map<string, V>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = Math.max(1, Math.floor(max));
  }

  get size(): number {
    return this.#entries.size;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** The keys, oldest first. Deleting the current key while iterating is safe (a Map's iterator allows it). */
  keys(): IterableIterator<string> {
    return this.#entries.keys();
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
}
