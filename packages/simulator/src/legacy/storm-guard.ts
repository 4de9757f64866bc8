/** Remembers recent occurrences per key, for Apple's "too many recent …" guards (9630, 9631, 9632). */
export class StormGuard {
  readonly #seen = new Map<string, number[]>();

  /** How many times `key` happened within `windowMs` before `now`. */
  count(key: string, now: number, windowMs: number): number {
    const recent = (this.#seen.get(key) ?? []).filter((t) => now - t < windowMs);
    this.#seen.set(key, recent);
    return recent.length;
  }

  record(key: string, now: number): void {
    const list = this.#seen.get(key) ?? [];
    list.push(now);
    this.#seen.set(key, list);
  }
}
