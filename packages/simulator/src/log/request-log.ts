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
   * the window it announced had ended. A client that honours Retry-After produces none.
   *
   * By default, requests already in flight when the answer went out count too (Apple would not know the
   * difference). `graceMs` excuses requests that arrived within that long after the answer was sent: a client
   * cannot have read an answer before it arrives, so a request it dispatched meanwhile is not a violation.
   */
  violations(hash?: string, options: { readonly graceMs?: number } = {}): RequestRecord[] {
    const grace = options.graceMs ?? 0;
    const announced = this.#records.filter(
      (r) => r.tokenHash !== null && r.retryAfterMs !== null && r.windowEndsAt !== null,
    );
    return this.#records
      .filter((q) => q.tokenHash !== null && (hash === undefined || q.tokenHash === hash))
      .filter((q) =>
        announced.some(
          (r) => r.tokenHash === q.tokenHash && q.at > r.answeredAt + grace && q.at < (r.windowEndsAt ?? 0),
        ),
      )
      .sort((a, b) => a.at - b.at);
  }

  [Symbol.iterator](): Iterator<RequestRecord> {
    return this.#records[Symbol.iterator]();
  }
}
