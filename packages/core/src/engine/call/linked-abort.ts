/**
 * An AbortController that also aborts when `parent` does, and optionally after `timeoutMs` with `timeoutReason`.
 * `dispose()` removes the parent listener and the timer, so nothing outlives the request.
 */
export class LinkedAbort {
  readonly controller = new AbortController();
  readonly #parent: AbortSignal | undefined;
  readonly #onParentAbort = (): void => this.abort(this.#parent?.reason);
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(parent: AbortSignal | undefined, timeoutMs: number | null, timeoutReason: () => unknown) {
    this.#parent = parent;
    if (parent?.aborted) {
      this.controller.abort(parent.reason);
      return;
    }
    parent?.addEventListener('abort', this.#onParentAbort, { once: true });
    if (timeoutMs !== null) {
      this.#timer = setTimeout(() => this.abort(timeoutReason()), timeoutMs);
      // An abandoned request must not keep the process alive.
      this.#timer.unref?.();
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    this.dispose();
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#parent?.removeEventListener('abort', this.#onParentAbort);
  }
}
