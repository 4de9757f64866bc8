import type { RequestRecord, ThroughputWindow } from './types.js';

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

  /**
   * A token's traffic in consecutive windows (1 s by default) from `from` (default: its first request) up to and
   * including `to` (default: its last request): what the organization served to this client, and what it refused.
   *
   * @example
   * sim.requests.throughput(hash).map((w) => w.served); // [15, 15, 5, 5, …]: per-second throughput
   */
  throughput(
    hash: string,
    options: { readonly from?: number; readonly to?: number; readonly windowMs?: number } = {},
  ): ThroughputWindow[] {
    const windowMs = options.windowMs ?? 1000;
    if (!Number.isFinite(windowMs) || windowMs <= 0)
      throw new RangeError(`windowMs must be a finite number above 0, got ${windowMs}`);
    const records = this.forToken(hash);
    const from = options.from ?? records[0]?.at;
    const to = options.to ?? records.at(-1)?.at;
    if (from === undefined || to === undefined || to < from) return [];
    const windows = Array.from({ length: Math.floor((to - from) / windowMs) + 1 }, (_, i) => ({
      from: from + i * windowMs,
      served: 0,
      throttled: 0,
    }));
    for (const record of records) {
      const window = windows[Math.floor((record.at - from) / windowMs)];
      if (window === undefined) continue;
      if (record.fault === 'rate-limit') window.throttled += 1;
      else window.served += 1;
    }
    return windows;
  }

  [Symbol.iterator](): Iterator<RequestRecord> {
    return this.#records[Symbol.iterator]();
  }
}
