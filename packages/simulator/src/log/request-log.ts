import type { RequestRecord } from './types.js';

/**
 * Server-side truth for tests: every request the simulator received, in arrival order.
 *
 * @example
 * expect(sim.requests.violations(sim.tokenHash(sToken))).toEqual([]);
 */
export class RequestLog implements Iterable<RequestRecord> {
  readonly #records: RequestRecord[] = [];

  /** @internal */
  add(record: RequestRecord): void {
    this.#records.push(Object.freeze(record));
  }

  /** A copy of every record. */
  all(): RequestRecord[] {
    return [...this.#records];
  }

  get count(): number {
    return this.#records.length;
  }

  forToken(hash: string): RequestRecord[] {
    return this.#records.filter((r) => r.tokenHash === hash);
  }

  clear(): void {
    this.#records.length = 0;
  }

  /**
   * Requests that arrived for a token after the server had answered that token with a Retry-After, and before
   * the window it announced had ended. A client that honours Retry-After produces none. Requests already in
   * flight when the answer went out count too: Apple would not know the difference either.
   */
  violations(hash?: string): RequestRecord[] {
    const announced = this.#records.filter(
      (r) => r.tokenHash !== null && r.retryAfterMs !== null && r.windowEndsAt !== null,
    );
    return this.#records
      .filter((q) => q.tokenHash !== null && (hash === undefined || q.tokenHash === hash))
      .filter((q) =>
        announced.some(
          (r) => r.tokenHash === q.tokenHash && q.at > r.answeredAt && q.at < (r.windowEndsAt ?? 0),
        ),
      )
      .sort((a, b) => a.at - b.at);
  }

  [Symbol.iterator](): Iterator<RequestRecord> {
    return this.#records[Symbol.iterator]();
  }
}
