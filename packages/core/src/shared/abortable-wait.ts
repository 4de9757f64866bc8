/**
 * Resolves after `ms`, or rejects with `signal.reason` as soon as the signal aborts. Either way the timer and
 * the listener are gone when it settles. `ms <= 0` settles without a timer; no signal means nothing can abort it.
 */
export function abortableWait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined)
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  if (signal.aborted) return Promise.reject(signal.reason);
  if (!(ms > 0)) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
